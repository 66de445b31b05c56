import type { Packet } from '../../core/plugin/api.ts';

/**
 * pcapd's compile-time rewrites of the written packets (pcapd.md §1): MAC, VLAN, IP address and
 * TTL shifts and the IPv4 header checksum, applied in place (pcapd runs after every other plugin
 * has seen the packet). Only called when one of them is enabled.
 */

const ETH_VLAN = [0x8100, 0x88a8];
const ETH_HDR = 14;

export function rewritePacket(pkt: Packet): void {
  const b = pkt.buf;
  const s = pkt.start;
  const end = s + pkt.caplen;
  if (PD_MACSHFT && pkt.caplen >= 12) {
    b[s + 5] = (b[s + 5]! + PD_MACDSHFT) & 0xff;
    b[s + 11] = (b[s + 11]! + PD_MACSSHFT) & 0xff;
  }
  if (PD_VLNSHFT) shiftVlan(b, s, end);
  const l3 = pkt.l3Off;
  if (l3 < 0) return;
  if (pkt.ipVer === 4 && l3 + 20 <= end) {
    if (PD_IPSHFT) {
      add32(b, l3 + 12, PD_IP4SHFT);
      add32(b, l3 + 16, PD_IP4SHFT);
    }
    if (PD_TTLSHFT) b[l3 + 8] = newTtl(b[l3 + 8]!);
    if (PD_CHKSUML3) ipv4Checksum(b, l3, Math.min(end, l3 + (b[l3]! & 0x0f) * 4));
  } else if (pkt.ipVer === 6 && l3 + 40 <= end) {
    if (PD_IPSHFT) {
      add32(b, l3 + 20, PD_IP6SHFT);
      add32(b, l3 + 36, PD_IP6SHFT);
    }
    if (PD_TTLSHFT) b[l3 + 7] = newTtl(b[l3 + 7]!);
  }
}

/** The VLAN ID (low 12 bits of the TCI) of the second tag if there are two, else of the first. */
function shiftVlan(b: Uint8Array, s: number, end: number): void {
  let tci = -1;
  for (let k = 0, type = s + 12; k < 2 && type + 4 <= end && ETH_VLAN.includes((b[type]! << 8) | b[type + 1]!); k++, type += 4) tci = type + 2;
  if (tci < 0 || s + ETH_HDR > end) return;
  const v = (b[tci]! << 8) | b[tci + 1]!;
  const shifted = (v & 0xf000) | ((v + PD_VLNISHFT) & 0x0fff);
  b[tci] = shifted >> 8;
  b[tci + 1] = shifted & 0xff;
}

function add32(b: Uint8Array, off: number, n: number): void {
  const v = (((b[off]! << 24) | (b[off + 1]! << 16) | (b[off + 2]! << 8) | b[off + 3]!) + n) >>> 0;
  b[off] = v >>> 24;
  b[off + 1] = (v >>> 16) & 0xff;
  b[off + 2] = (v >>> 8) & 0xff;
  b[off + 3] = v & 0xff;
}

/** `(ttl − d) % PD_TTLMOD` with C's signed remainder, stored in 8 bits. */
function newTtl(ttl: number): number {
  const d = PD_TTLSHFT === 1 ? PD_TTL : Math.floor(Math.random() * 0x7fffffff) % PD_TTL;
  return ((ttl - d) % PD_TTLMOD) & 0xff;
}

function ipv4Checksum(b: Uint8Array, off: number, end: number): void {
  b[off + 10] = 0;
  b[off + 11] = 0;
  let sum = 0;
  for (let i = off; i + 1 < end; i += 2) sum += (b[i]! << 8) | b[i + 1]!;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  const c = ~sum & 0xffff;
  b[off + 10] = c >> 8;
  b[off + 11] = c & 0xff;
}
