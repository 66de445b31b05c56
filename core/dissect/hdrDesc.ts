/**
 * Appending to the packet's header description (core.md §3.7): at most 127 characters, the
 * component counter keeps counting after an overrun.
 */
import { StatHi } from '../flow/status.ts';
import type { Packet } from './packet.ts';
import { type Names, N } from './names.ts';

/** T2_HDRDESC_LEN (128) minus the terminating NUL. */
export const HDRDESC_MAX = 127;

const scratch = new Uint8Array(32);
const HEX = new TextEncoder().encode('0123456789abcdef');
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const RPAREN = 0x29;
const DOT = 0x2e;

function append(p: Packet, src: Uint8Array, len: number): void {
  if (p.statusHi & StatHi.HDOVRN) return;
  const d = p.hdrDesc;
  let pos = p.hdrDescLen;
  if (pos + len <= HDRDESC_MAX) {
    for (let i = 0; i < len; i++) d[pos++] = src[i];
    p.hdrDescLen = pos;
    return;
  }
  // The truncated text keeps as much of the component as fits and ends in "...".
  for (let i = 0; pos < HDRDESC_MAX - 3 && i < len; i++) d[pos++] = src[i];
  d[HDRDESC_MAX - 3] = d[HDRDESC_MAX - 2] = d[HDRDESC_MAX - 1] = DOT;
  p.hdrDescLen = HDRDESC_MAX;
  p.statusHi |= StatHi.HDOVRN;
}

export function addHdr(p: Packet, n: Uint8Array): void {
  append(p, n, n.length);
  p.numHdrs++;
}

/** A stack of `count` equal headers (VLAN, MPLS): `:vlan{3}`, counted `count` times. */
export function addRepHdr(p: Packet, n: Uint8Array, count: number): void {
  if (count <= 0) return;
  if (count === 1) {
    addHdr(p, n);
    return;
  }
  let len = n.length;
  scratch.set(n);
  scratch[len++] = LBRACE;
  len = writeDec(len, count);
  scratch[len++] = RBRACE;
  append(p, scratch, len);
  p.numHdrs += count;
}

function writeDec(pos: number, v: number): number {
  let digits = 1;
  for (let t = v; t >= 10; t = (t / 10) | 0) digits++;
  for (let i = digits - 1; i >= 0; i--) {
    scratch[pos + i] = 0x30 + (v % 10);
    v = (v / 10) | 0;
  }
  return pos + digits;
}

function writeHex(pos: number, v: number, digits: number): number {
  for (let i = digits - 1; i >= 0; i--) {
    scratch[pos + i] = HEX[v & 0xf];
    v >>>= 4;
  }
  return pos + digits;
}

/** `:UNK(n)` in decimal (IP protocols). */
export function addUnkDec(p: Packet, v: number): void {
  scratch.set(N.unk);
  let len = writeDec(N.unk.length, v);
  scratch[len++] = RPAREN;
  append(p, scratch, len);
  p.numHdrs++;
}

/** `:UNK(0x..)` with `digits` lower-case hex digits (EtherTypes, SAPs, PPP protocols). */
export function addUnkHex(p: Packet, v: number, digits: number): void {
  scratch.set(N.unkHex);
  let len = writeHex(N.unkHex.length, v, digits);
  scratch[len++] = RPAREN;
  append(p, scratch, len);
  p.numHdrs++;
}

export function addNames(p: Packet, names: Names): void {
  for (let i = 0; i < names.length; i++) addHdr(p, names[i]);
}
