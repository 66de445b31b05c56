import { closeSync, openSync } from 'node:fs';
import { writeAll } from '../../core/output/writeAll.ts';
import type { Packet } from '../../core/plugin/api.ts';

/** Classic pcap, little endian, nanosecond magic (pcapd.md §4.2). */
const MAGIC_NS = 0xa1b23c4d;
const LINKTYPE_ETHERNET = 1;
const FILE_HEADER = 24;
const RECORD_HEADER = 16;
/** Records are collected here and written in big chunks. */
const BUFFER_SIZE = 1 << 20;

/** The 24-byte file header pcapd writes: linktype is always Ethernet, whatever the input's. */
export function pcapFileHeader(snaplen: number): Uint8Array {
  const h = new Uint8Array(FILE_HEADER);
  const v = new DataView(h.buffer);
  v.setUint32(0, MAGIC_NS, true);
  v.setUint16(4, 2, true);
  v.setUint16(6, 4, true);
  v.setUint32(16, snaplen >>> 0, true);
  v.setUint32(20, LINKTYPE_ETHERNET, true);
  return h;
}

/**
 * One output pcap file. Packets are copied unmodified into a reusable buffer (no allocation per
 * packet); the buffer goes to the file when full and at close.
 */
export class PcapWriter {
  private readonly buf = Buffer.allocUnsafe(BUFFER_SIZE);
  private readonly view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  private len = 0;
  private fd: number;
  /** Bytes of the file so far, buffered ones included (ftell after fwrite). */
  position = 0;

  /** Creates (truncates) `name` and writes the file header; throws the open error. */
  constructor(name: string, snaplen: number) {
    this.fd = openSync(name, 'w');
    this.append(pcapFileHeader(snaplen));
  }

  /** Appends the packet's capture header (with the given timestamp) and its captured bytes. */
  packet(pkt: Packet, sec: number, ns: number): void {
    const caplen = pkt.caplen;
    if (this.len + RECORD_HEADER + caplen > BUFFER_SIZE) {
      this.flush();
      if (RECORD_HEADER + caplen > BUFFER_SIZE) {
        this.writeLarge(pkt, sec, ns);
        return;
      }
    }
    this.recordHeader(this.len, pkt, sec, ns);
    // Buffer.copy accepts the reader's Uint8Array as source without creating a view of it.
    Buffer.prototype.copy.call(pkt.buf, this.buf, this.len + RECORD_HEADER, pkt.start, pkt.start + caplen);
    this.len += RECORD_HEADER + caplen;
    this.position += RECORD_HEADER + caplen;
  }

  flush(): void {
    writeAll(this.fd, this.buf, 0, this.len);
    this.len = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private recordHeader(at: number, pkt: Packet, sec: number, ns: number): void {
    const v = this.view;
    v.setUint32(at, sec >>> 0, true);
    v.setUint32(at + 4, ns >>> 0, true);
    v.setUint32(at + 8, pkt.caplen, true);
    v.setUint32(at + 12, pkt.rawLen >>> 0, true);
  }

  /** A record bigger than the buffer (huge snaplens): header and bytes written directly. */
  private writeLarge(pkt: Packet, sec: number, ns: number): void {
    this.recordHeader(0, pkt, sec, ns);
    this.len = RECORD_HEADER;
    this.flush();
    writeAll(this.fd, pkt.buf, pkt.start, pkt.start + pkt.caplen);
    this.position += RECORD_HEADER + pkt.caplen;
  }

  private append(bytes: Uint8Array): void {
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
    this.position += bytes.length;
  }
}
