import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { strerror } from '../strerror.ts';
import type { ByteInput } from './byteInput.ts';
import { ChunkedInput } from './chunkedFile.ts';
import { CaptureOpenError, LibpcapOpenError } from './errors.ts';
import { openPcap, PCAP_MAGIC_NS, PCAP_MAGIC_US, pcapMagic } from './pcap.ts';
import { BT_SHB, BYTE_ORDER_MAGIC, openPcapng } from './pcapng.ts';
import { startReadAhead, type ReadAheadOptions } from './readAhead.ts';
import type { CaptureReader } from './reader.ts';

/** Text of the `[WRN]` T2 prints for pcapng input during the file check. */
export const PCAPNG_WARNING =
  'PCAP-NG, so *percentage completed* in end report might be less than 100%, will be fixed in a later version';

/** Receives the `[WRN]` texts (without prefix) for the report stream. */
export type WarningSink = (text: string) => void;

export interface OpenedCapture {
  reader: CaptureReader;
  /** stat size of the file, 0 for stdin (no "Percentage completed" / "Number of pcap bytes"). */
  captureFileSize: number;
}

export interface ReaderOptions {
  /**
   * Timestamp precision requested from libpcap: true (nanoseconds) for `-r`;
   * false for `-R`/`-D`, where T2 opens with libpcap's default microseconds.
   */
  nanoPrecision?: boolean;
  /** Buffer size when the file is read on this thread, for tests. */
  chunkSize?: number;
  /** When and how a regular file is read ahead by a worker thread (defaults for runs, set by tests). */
  readAhead?: ReadAheadOptions;
}


/**
 * T2's own check of a `-r` file before libpcap opens it (core.md §2.1).
 * Reports the pcapng warning through `warn`; returns the file size.
 * Throws CaptureOpenError with T2's stderr text.
 */
export function checkCaptureFile(name: string, warn: WarningSink): number {
  let fd: number;
  try {
    fd = openSync(name, 'r');
  } catch (e) {
    throw new CaptureOpenError(`Failed to open file '${name}' for reading: ${strerror(e)}`);
  }
  try {
    const size = fstatSync(fd).size;
    if (size === 0) throw new CaptureOpenError(`PCAP file '${name}' is empty`);
    const head = new Uint8Array(12);
    let got = 0;
    try {
      got = readSync(fd, head, 0, 12, 0);
    } catch {
      // A directory opens but cannot be read: its magic is not a capture's.
    }
    const v = new DataView(head.buffer, 0, got);
    const word = (i: number): number => (got >= 4 * i + 4 ? v.getUint32(4 * i, true) : 0);
    const w0 = word(0);
    let valid: boolean;
    if (w0 === BT_SHB) {
      warn(PCAPNG_WARNING);
      const w2 = word(2);
      valid = w2 === BYTE_ORDER_MAGIC || w2 === 0x4d3c2b1a;
    } else {
      const m = pcapMagic(w0);
      valid = m !== null && (m.magic === PCAP_MAGIC_US || m.magic === PCAP_MAGIC_NS);
    }
    if (!valid) throw new CaptureOpenError(`File '${name}' is not a valid PCAP/PCAP-NG file`);
    return size;
  } finally {
    closeSync(fd);
  }
}

/**
 * libpcap's pcap_open_offline_with_tstamp_precision(): `-` is stdin.
 * Throws CaptureOpenError `pcap_open_offline failed for '<name>': <libpcap message>`.
 */
export function openCaptureReader(name: string, options: ReaderOptions = {}): CaptureReader {
  const nano = options.nanoPrecision ?? true;
  const isStdin = name === '-';
  let fd: number;
  try {
    fd = isStdin ? 0 : openSync(name, 'r');
  } catch (e) {
    throw new CaptureOpenError(`pcap_open_offline failed for '${name}': ${name}: ${strerror(e)}`);
  }
  const input: ByteInput =
    (isStdin ? null : startReadAhead(fd, options.readAhead ?? {})) ?? new ChunkedInput(fd, options.chunkSize, !isStdin);
  try {
    return openStream(input, nano);
  } catch (e) {
    input.close();
    if (e instanceof LibpcapOpenError) throw new CaptureOpenError(`pcap_open_offline failed for '${name}': ${e.message}`);
    throw e;
  }
}

function openStream(input: ByteInput, nano: boolean): CaptureReader {
  const got = input.ensure(4);
  input.pos += got;
  if (got < 4) throw new LibpcapOpenError(`truncated dump file; tried to read 4 file header bytes, only got ${got}`);
  const magic = input.view.getUint32(input.pos - 4, true);
  if (pcapMagic(magic)) return openPcap(input, magic, nano);
  const ng = magic === BT_SHB ? openPcapng(input, nano) : null;
  if (!ng) throw new LibpcapOpenError('unknown file format');
  return ng;
}

/**
 * `-r NAME` as T2 does it: the file check (not for `-`), then libpcap's open
 * with nanosecond precision. Throws CaptureOpenError.
 */
export function openCapture(name: string, warn: WarningSink, options: ReaderOptions = {}): OpenedCapture {
  const captureFileSize = name === '-' ? 0 : checkCaptureFile(name, warn);
  return { reader: openCaptureReader(name, options), captureFileSize };
}
