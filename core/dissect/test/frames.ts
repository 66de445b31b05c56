/** Builders for hand-made frames (all multi-byte fields in network order). */
import { Packet } from '../packet.ts';

export type Bytes = number[];

export function u16(v: number): Bytes {
  return [(v >> 8) & 0xff, v & 0xff];
}

export function u32(v: number): Bytes {
  return [...u16(v >>> 16), ...u16(v & 0xffff)];
}

export const MAC_A = [0x02, 0, 0, 0, 0, 0xaa];
export const MAC_B = [0x02, 0, 0, 0, 0, 0xbb];

export function eth(type: number, payload: Bytes, dst = MAC_B, src = MAC_A): Bytes {
  return [...dst, ...src, ...u16(type), ...payload];
}

export function vlan(tci: number, type: number, payload: Bytes, tpid = 0x8100): Bytes {
  return [...u16(tpid), ...u16(tci), ...u16(type), ...payload].slice(2);
}

export interface Ip4Opts {
  proto: number;
  src?: Bytes;
  dst?: Bytes;
  id?: number;
  frag?: number;
  ihl?: number;
  totalLen?: number;
}

export function ipv4(o: Ip4Opts, payload: Bytes): Bytes {
  const ihl = o.ihl ?? 5;
  const hdrLen = Math.max(ihl, 5) * 4;
  const total = o.totalLen ?? hdrLen + payload.length;
  const h = [0x40 | ihl, 0, ...u16(total), ...u16(o.id ?? 0x1234), ...u16(o.frag ?? 0), 64, o.proto, 0, 0,
    ...(o.src ?? [10, 0, 0, 1]), ...(o.dst ?? [10, 0, 0, 2])];
  while (h.length < hdrLen) h.push(1);
  return [...h, ...payload];
}

export function ipv6(next: number, payload: Bytes, src = 0x11, dst = 0x22, payloadLen?: number): Bytes {
  const s = [0x20, 0x01, 0x0d, 0xb8, ...Array(11).fill(0), src];
  const d = [0x20, 0x01, 0x0d, 0xb8, ...Array(11).fill(0), dst];
  return [0x60, 0, 0, 0, ...u16(payloadLen ?? payload.length), next, 64, ...s, ...d, ...payload];
}

export function udp(sport: number, dport: number, payload: Bytes): Bytes {
  return [...u16(sport), ...u16(dport), ...u16(8 + payload.length), 0, 0, ...payload];
}

export function tcp(sport: number, dport: number, payload: Bytes): Bytes {
  return [...u16(sport), ...u16(dport), ...u32(1), ...u32(0), 0x50, 0x02, ...u16(1024), 0, 0, 0, 0, ...payload];
}

export function fill(n: number, v = 0x61): Bytes {
  return Array(n).fill(v);
}

/** Loads `frame` into `p` as captured with the given caplen / wire length. */
export function load(p: Packet, frame: Bytes, linkType = 1, caplen = frame.length, rawLen = frame.length): Packet {
  const buf = new Uint8Array(frame.length + 8);
  buf.set(frame, 4);
  p.buf = buf;
  p.view = new DataView(buf.buffer);
  p.start = 4;
  p.caplen = Math.min(caplen, frame.length);
  p.rawLen = rawLen;
  p.linkType = linkType;
  return p;
}
