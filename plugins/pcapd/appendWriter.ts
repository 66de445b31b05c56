import { closeSync, openSync, readSync } from 'node:fs';
import { writeAll } from '../../core/output/writeAll.ts';
import type { Packet } from '../../core/plugin/api.ts';
import { pcapFileHeader } from './pcapWriter.ts';

/** stdio's buffer for a file (st_blksize). */
const BLOCK = 4096;
const RECORD_HEADER = 16;

/**
 * A per-flow pcap file as PD_MODE_OUT writes it (pcapd.md §4.3): opened for appending (a file
 * with the same header is continued, a missing or empty one gets a header at once), written
 * through a 4 KiB buffer with glibc's fwrite rules, so that the two directions of a flow, each
 * with its own writer on the same file, land there in blocks as T2's do.
 */
export class AppendWriter {
  private readonly buf = Buffer.allocUnsafe(BLOCK);
  private readonly head = Buffer.allocUnsafe(RECORD_HEADER);
  private len = 0;
  private readonly fd: number;

  /** Throws the open error, or an Error naming a header that does not match. */
  constructor(name: string, snaplen: number) {
    this.fd = openSync(name, 'a+');
    const header = pcapFileHeader(snaplen);
    const found = Buffer.alloc(header.length);
    const n = readSync(this.fd, found, 0, found.length, 0);
    if (n === 0) writeAll(this.fd, header, 0, header.length);
    else if (!found.equals(header)) throw new Error('the file has another pcap header');
  }

  /** pcap_dump: the record header and the captured bytes, two fwrite calls. */
  packet(pkt: Packet, sec: number, ns: number): void {
    const h = this.head;
    h.writeUInt32LE(sec >>> 0, 0);
    h.writeUInt32LE(ns >>> 0, 4);
    h.writeUInt32LE(pkt.caplen, 8);
    h.writeUInt32LE(pkt.rawLen >>> 0, 12);
    this.fwrite(h, 0, RECORD_HEADER);
    this.fwrite(pkt.buf, pkt.start, pkt.start + pkt.caplen);
  }

  flush(): void {
    writeAll(this.fd, this.buf, 0, this.len);
    this.len = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  /**
   * glibc's _IO_file_xsputn: fill the buffer; if bytes remain, write the full buffer, then the
   * whole blocks of the rest directly, and keep the remainder buffered.
   */
  private fwrite(src: Uint8Array, start: number, end: number): void {
    const room = Math.min(BLOCK - this.len, end - start);
    Buffer.prototype.copy.call(src, this.buf, this.len, start, start + room);
    this.len += room;
    start += room;
    if (start === end) return;
    this.flush();
    const direct = (end - start) - ((end - start) % BLOCK);
    writeAll(this.fd, src, start, start + direct);
    start += direct;
    Buffer.prototype.copy.call(src, this.buf, 0, start, end);
    this.len = end - start;
  }
}
