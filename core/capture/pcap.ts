import type { Packet } from '../dissect/packet.ts';
import type { ByteInput } from './byteInput.ts';
import { LibpcapOpenError } from './errors.ts';
import { adjustSnaplen, linkTypeToDlt, maxSnaplenForDlt } from './linkTypes.ts';
import { postProcess } from './postProcess.ts';
import { ReadStatus, type CaptureReader } from './reader.ts';

/** Magic numbers as read little-endian (host order of the reference build). */
export const PCAP_MAGIC_US = 0xa1b2c3d4;
export const PCAP_MAGIC_NS = 0xa1b23c4d;
/** Modified-libpcap magic: accepted by libpcap (so on stdin) but rejected by T2's file check. */
const PCAP_MAGIC_KUZNETZOV = 0xa1b2cd34;

const FILE_HDR_LEN = 24;

const enum Scale {
  PassThrough,
  UsToNs,
  NsToUs,
}

const enum LengthSwap {
  No,
  Maybe,
  Yes,
}

function swap32(x: number): number {
  return (((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24)) >>> 0;
}

/** Recognises a classic pcap magic (either byte order); null if it is none. */
export function pcapMagic(le32: number): { magic: number; swapped: boolean } | null {
  for (const magic of [PCAP_MAGIC_US, PCAP_MAGIC_KUZNETZOV, PCAP_MAGIC_NS]) {
    if (le32 === magic) return { magic, swapped: false };
    if (swap32(le32) === magic) return { magic, swapped: true };
  }
  return null;
}

/**
 * libpcap's pcap_check_header(): `input` is positioned after the 4 magic
 * bytes. Throws LibpcapOpenError with libpcap's message.
 */
export function openPcap(input: ByteInput, le32Magic: number, nanoPrecision: boolean): PcapReader {
  const m = pcapMagic(le32Magic);
  if (!m) throw new Error('not a pcap magic');
  const got = input.ensure(FILE_HDR_LEN - 4);
  if (got < FILE_HDR_LEN - 4) {
    input.pos += got;
    throw new LibpcapOpenError(`truncated dump file; tried to read ${FILE_HDR_LEN} file header bytes, only got ${got}`);
  }
  const le = !m.swapped;
  const v = input.view;
  const p = input.pos;
  const major = v.getUint16(p, le);
  const minor = v.getUint16(p + 2, le);
  const snaplen = v.getUint32(p + 12, le);
  const linkTypeField = v.getUint32(p + 16, le);
  input.pos += FILE_HDR_LEN - 4;

  if (major < 2) throw new LibpcapOpenError('archaic pcap savefile format');
  if (!((major === 2 && minor <= 4) || (major === 543 && minor === 0))) {
    throw new LibpcapOpenError(`unsupported pcap savefile version ${major}.${minor}`);
  }
  // libpcap 1.10.3 drops only the FCS-length bits (26-31); other high bits stay in the link type.
  const dlt = linkTypeToDlt(linkTypeField & 0x03ffffff);
  const isNs = m.magic === PCAP_MAGIC_NS;
  const scale = nanoPrecision ? (isNs ? Scale.PassThrough : Scale.UsToNs) : isNs ? Scale.NsToUs : Scale.PassThrough;
  const lengths = major === 543 || minor < 3 ? LengthSwap.Yes : minor === 3 ? LengthSwap.Maybe : LengthSwap.No;
  const kuznetzov = m.magic === PCAP_MAGIC_KUZNETZOV;
  let snapshot = adjustSnaplen(dlt, snaplen);
  // libpcap assumes a cooked-mode capture whose faked Ethernet header came on top of the snaplen.
  if (kuznetzov && dlt === 1) snapshot = Math.min(snapshot + 14, 0x7fffffff);
  return new PcapReader(input, m.swapped, dlt, snapshot, scale, lengths, kuznetzov ? 24 : 16);
}

/** libpcap 1.10.3 sf-pcap.c record reading (core.md §2.2). */
export class PcapReader implements CaptureReader {
  readonly format = 'pcap' as const;
  error = '';
  private readonly le: boolean;
  private readonly maxCaplen: number;

  constructor(
    private readonly input: ByteInput,
    private readonly swapped: boolean,
    readonly linkType: number,
    readonly snaplen: number,
    private readonly scale: Scale,
    private readonly lengths: LengthSwap,
    private readonly hdrLen: number,
  ) {
    this.le = !swapped;
    this.maxCaplen = maxSnaplenForDlt(linkType);
  }

  next(pkt: Packet): ReadStatus {
    const input = this.input;
    const hdrLen = this.hdrLen;
    const got = input.ensure(hdrLen);
    if (got < hdrLen) {
      if (got === 0) return ReadStatus.Eof;
      input.pos += got;
      return this.fail(`truncated dump file; tried to read ${hdrLen} header bytes, only got ${got}`);
    }
    let v = input.view;
    let p = input.pos;
    const le = this.le;
    // libpcap sign-extends its int32 timestamp fields, but its SWAPLONG yields unsigned values.
    const tsSec = le ? v.getInt32(p, le) : v.getUint32(p, le);
    let frac = le ? v.getInt32(p + 4, le) : v.getUint32(p + 4, le);
    let caplen = v.getUint32(p + 8, le);
    let len = v.getUint32(p + 12, le);
    // A corrupt caplen must not swallow what follows: only the header is consumed.
    input.pos += hdrLen;

    if (this.scale === Scale.UsToNs) frac *= 1000;
    else if (this.scale === Scale.NsToUs) frac = Math.trunc(frac / 1000);

    if (this.lengths === LengthSwap.Yes || (this.lengths === LengthSwap.Maybe && caplen > len)) {
      const t = caplen;
      caplen = len;
      len = t;
    }

    const snap = this.snaplen;
    if (caplen > this.maxCaplen) {
      return this.fail(
        caplen > snap
          ? `invalid packet capture length ${caplen}, bigger than snaplen of ${snap}`
          : `invalid packet capture length ${caplen}, bigger than maximum of ${this.maxCaplen}`,
      );
    }

    // Between snaplen and the DLT maximum: libpcap keeps the first snaplen bytes and skips the rest.
    const avail = input.ensure(caplen);
    if (avail < caplen) {
      input.pos += avail;
      return this.fail(
        `truncated dump file; tried to read ${caplen > snap && avail < snap ? snap : caplen} captured bytes, only got ${avail}`,
      );
    }
    p = input.pos;
    v = input.view;
    input.pos += caplen;
    if (caplen > snap) caplen = snap;

    pkt.buf = input.buf;
    pkt.view = v;
    pkt.start = p;
    pkt.caplen = caplen;
    pkt.rawLen = len;
    pkt.tsSec = tsSec;
    pkt.tsNs = frac;
    pkt.linkType = this.linkType;
    postProcess(this.linkType, this.swapped, input.buf, p, caplen, len);
    return ReadStatus.Packet;
  }

  close(): void {
    this.input.close();
  }

  private fail(message: string): ReadStatus {
    this.error = message;
    return ReadStatus.Error;
  }
}
