import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export interface PcapRecord {
  sec: number;
  /** Fraction in nanoseconds (microsecond files are scaled). */
  ns: number;
  caplen: number;
  len: number;
  data: Buffer;
}

export interface PcapFile {
  nanosecond: boolean;
  snaplen: number;
  linktype: number;
  records: PcapRecord[];
}

/** Parses a classic pcap file (either byte order, µs or ns magic); `.gz` is unpacked. */
export function readPcap(path: string): PcapFile {
  const raw = readFileSync(path);
  return parsePcap(path.endsWith('.gz') ? gunzipSync(raw) : raw);
}

export function parsePcap(b: Buffer): PcapFile {
  const magicLe = b.readUInt32LE(0);
  const le = magicLe === 0xa1b2c3d4 || magicLe === 0xa1b23c4d;
  const magic = le ? magicLe : b.readUInt32BE(0);
  if (magic !== 0xa1b2c3d4 && magic !== 0xa1b23c4d) throw new Error(`not a pcap file (magic ${magicLe.toString(16)})`);
  const u32 = (off: number) => (le ? b.readUInt32LE(off) : b.readUInt32BE(off));
  const nanosecond = magic === 0xa1b23c4d;
  const records: PcapRecord[] = [];
  for (let off = 24; off + 16 <= b.length; ) {
    const caplen = u32(off + 8);
    records.push({
      sec: u32(off),
      ns: nanosecond ? u32(off + 4) : u32(off + 4) * 1000,
      caplen,
      len: u32(off + 12),
      data: b.subarray(off + 16, off + 16 + caplen),
    });
    off += 16 + caplen;
  }
  return { nanosecond, snaplen: u32(16), linktype: u32(20), records };
}
