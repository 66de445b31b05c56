import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Packet } from '../../dissect/packet.ts';
import type { CaptureReader } from '../reader.ts';
import { ReadStatus } from '../reader.ts';

/** Little byte-writer for hand-built captures. */
export class Bytes {
  private parts: number[] = [];
  constructor(readonly le = true) {}
  u8(...v: number[]): this {
    this.parts.push(...v);
    return this;
  }
  u16(v: number): this {
    return this.le ? this.u8(v & 0xff, v >>> 8) : this.u8(v >>> 8, v & 0xff);
  }
  u32(v: number): this {
    const b = [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24];
    return this.u8(...(this.le ? b : b.reverse()));
  }
  u64(v: bigint): this {
    const hi = Number(BigInt.asUintN(64, v) >> 32n);
    const lo = Number(BigInt.asUintN(32, v));
    return this.le ? this.u32(lo).u32(hi) : this.u32(hi).u32(lo);
  }
  bytes(b: ArrayLike<number>): this {
    for (let i = 0; i < b.length; i++) this.parts.push(b[i]);
    return this;
  }
  get length(): number {
    return this.parts.length;
  }
  build(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

export function payload(n: number, seed = 1): number[] {
  return Array.from({ length: n }, (_, i) => (i * 7 + seed) & 0xff);
}

export interface PcapHeader {
  le?: boolean;
  magic?: number;
  major?: number;
  minor?: number;
  snaplen?: number;
  linkType?: number;
}

export function pcapHeader(h: PcapHeader = {}): Bytes {
  return new Bytes(h.le ?? true)
    .u32(h.magic ?? 0xa1b2c3d4)
    .u16(h.major ?? 2)
    .u16(h.minor ?? 4)
    .u32(0)
    .u32(0)
    .u32(h.snaplen ?? 65535)
    .u32(h.linkType ?? 1);
}

export function pcapRecord(b: Bytes, sec: number, frac: number, data: number[], len = data.length, caplen = data.length): Bytes {
  return b.u32(sec).u32(frac).u32(caplen).u32(len).bytes(data);
}

function pad4(data: number[]): number[] {
  return [...data, ...new Array((4 - (data.length % 4)) % 4).fill(0)];
}

/** A pcapng block with correct lengths (or forced ones). */
export function block(b: Bytes, type: number, body: number[], total?: number, trailer?: number): Bytes {
  const padded = pad4(body);
  const len = total ?? padded.length + 12;
  return b.u32(type).u32(len).bytes(padded).u32(trailer ?? len);
}

function sub(le: boolean, fill: (b: Bytes) => void): number[] {
  const b = new Bytes(le);
  fill(b);
  return Array.from(b.build());
}

export function shb(b: Bytes, major = 1, minor = 0): Bytes {
  return block(b, 0x0a0d0d0a, sub(b.le, (s) => s.u32(0x1a2b3c4d).u16(major).u16(minor).u64(-1n)));
}

export interface IdbOptions {
  tsresol?: number;
  tsoffset?: bigint;
  raw?: number[];
}

export function idb(b: Bytes, linkType: number, snaplen: number, o: IdbOptions = {}): Bytes {
  return block(
    b,
    1,
    sub(b.le, (s) => {
      s.u16(linkType).u16(0).u32(snaplen);
      if (o.tsresol !== undefined) s.u16(9).u16(1).u8(o.tsresol, 0, 0, 0);
      if (o.tsoffset !== undefined) s.u16(14).u16(8).u64(o.tsoffset);
      if (o.raw) s.bytes(o.raw);
      if (o.tsresol !== undefined || o.tsoffset !== undefined) s.u16(0).u16(0);
    }),
  );
}

export function epb(b: Bytes, ifId: number, ts: bigint, data: number[], len = data.length): Bytes {
  return block(
    b,
    6,
    sub(b.le, (s) =>
      s
        .u32(ifId)
        .u32(Number(ts >> 32n))
        .u32(Number(ts & 0xffffffffn))
        .u32(data.length)
        .u32(len)
        .bytes(data),
    ),
  );
}

let dir: string | undefined;

export function tmpFile(name: string, data: Uint8Array | Bytes): string {
  dir ??= mkdtempSync(join(tmpdir(), 't2ts-capture-'));
  const path = join(dir, name);
  writeFileSync(path, data instanceof Bytes ? data.build() : data);
  return path;
}

export type Rec =
  | { sec: number; ns: number; caplen: number; len: number; linkType: number; data: number[] }
  | { error: string };

/** Reads to EOF, collecting packets (with their bytes) and errors. */
export function readAll(r: CaptureReader, max = 10000): Rec[] {
  const pkt = new Packet();
  const out: Rec[] = [];
  for (let i = 0; i < max; i++) {
    const st = r.next(pkt);
    if (st === ReadStatus.Eof) return out;
    if (st === ReadStatus.Error) out.push({ error: r.error });
    else
      out.push({
        sec: pkt.tsSec,
        ns: pkt.tsNs,
        caplen: pkt.caplen,
        len: pkt.rawLen,
        linkType: pkt.linkType,
        data: Array.from(pkt.buf.subarray(pkt.start, pkt.start + pkt.caplen)),
      });
  }
  throw new Error('no EOF');
}
