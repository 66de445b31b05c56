/**
 * The most common packets, Ethernet II frames (untagged or with one 802.1Q tag) with an
 * unfragmented IPv4 header or an IPv6 header without extension headers, and a complete TCP or
 * UDP header, dissected in one function. It produces exactly what the general path (ethernet.ts →
 * ipv4.ts → udpTunnels.ts → ipv4L4.ts → l4.ts, or ethernet.ts → ipv6.ts → l4.ts) produces for
 * such a frame, in a fraction of the time: the general path's many small calls are what
 * dissection costs. Anything else — VLAN stacks, ISL, fragments, extension headers, snapped
 * headers, the ports of tunnels, SSDP and IPsec NAT traversal, Teredo in IPv4 UDP, a UDP payload
 * that starts with a DTLS record — is left to the general path, which is taken before anything is
 * written.
 */
import { StatHi, StatLo } from '../flow/status.ts';
import type { Dissector } from './dissector.ts';
import { isIsl, isVlanType } from './ethernet.ts';
import { IPSEC_NAT_T, SSDP_PORT, startsDtls } from './l4.ts';
import { Dlt } from './linkLayers.ts';
import type { Packet } from './packet.ts';
import { TEREDO_PORT, teredoStart } from './udpTunnels.ts';

const ETH_LEN = 14;
const VLAN_LEN = 4;
const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const IPV6_LEN = 40;
const TCP = 6;
const UDP = 17;
const TCP_MIN = 20;
const UDP_LEN = 8;
/** AYIYA: special for TCP and UDP over IPv4 (udpTunnels.ts portTunnels), as SSDP is (l4.ts ssdp). */
const AYIYA_PORT = 5072;
const L2TP_PORT = 1701;
/**
 * IPv4 ports that make the general path look into a UDP payload: GTP, VXLAN(-GPE), GENEVE,
 * CAPWAP, LWAPP and L2TP (udpTunnels.ts, vxlan.ts), Teredo, SSDP and NAT traversal; port 0 skips
 * them.
 */
const UDP_SPECIAL_V4 = new Set([
  0, AYIYA_PORT, SSDP_PORT, IPSEC_NAT_T, TEREDO_PORT, 2152, 2123, 3386, 4789, 4790, 8472, 6081, 5246, 5247, 12222, 12223, L2TP_PORT,
]);
/** IPv6 knows no port tunnels but L2TP (ipv6.ts), besides SSDP and NAT traversal (l4.ts udpPayload). */
const UDP_SPECIAL_V6 = new Set([SSDP_PORT, IPSEC_NAT_T, L2TP_PORT]);

/** Header description as the little-endian words of Packet.hdrDescWords, its length and component count. */
interface Desc {
  words: Int32Array;
  len: number;
  hdrs: number;
}
function desc(text: string): Desc {
  const words = new Int32Array(8);
  new Uint8Array(words.buffer).set(new TextEncoder().encode(text));
  return { words, len: text.length, hdrs: text.split(':').length };
}
/** Descriptions by shape: tagged * 4 + ipv6 * 2 + udp. */
const DESCS = ['eth', 'eth:vlan'].flatMap((l2) =>
  ['ipv4', 'ipv6'].flatMap((l3) => ['tcp', 'udp'].map((l4) => desc(`${l2}:${l3}:${l4}`))),
);
const SHAPE_TAGGED = 4;
const SHAPE_IPV6 = 2;
const SHAPE_UDP = 1;
/** Words of the longest description to copy. */
const DESC_WORDS = Math.ceil(Math.max(...DESCS.map((x) => x.len)) / 4);

/** Whether the general path treats the ports (and for UDP the payload at `pay`) specially. */
function special(d: Dissector, v6: boolean, udp: boolean, sp: number, dp: number, pay: number): boolean {
  if (!udp) return sp === SSDP_PORT || dp === SSDP_PORT || (!v6 && (sp === AYIYA_PORT || dp === AYIYA_PORT));
  const ports = v6 ? UDP_SPECIAL_V6 : UDP_SPECIAL_V4;
  if (ports.has(sp) || ports.has(dp)) return true;
  if (!v6 && teredoStart(d, pay, sp, dp) >= 0) return true;
  return startsDtls(d, pay);
}

/**
 * Dissects `p` if it is a plain Ethernet/IPv4 or IPv6/TCP or UDP frame and returns true; returns
 * false without touching `p` or `d` otherwise. `p` has been reset and `d.end` set. Kept small so
 * that it is inlined into the caller: each IP version is then one call.
 */
export function dissectFast(d: Dissector, p: Packet): boolean {
  if (p.linkType !== Dlt.EN10MB) return false;
  const b = p.buf;
  const s = p.start;
  if (d.end - s < ETH_LEN + VLAN_LEN + 20 || isIsl(b, s)) return false;
  const l2Len = isVlanType((b[s + 12] << 8) | b[s + 13]) ? ETH_LEN + VLAN_LEN : ETH_LEN;
  const type = (b[s + l2Len - 2] << 8) | b[s + l2Len - 1];
  if (type === ETHERTYPE_IPV4) return fastIpv4(d, p, l2Len);
  return type === ETHERTYPE_IPV6 && fastIpv6(d, p, l2Len);
}

/** What both IP versions fill alike once p.l3Len is known: L2, VLAN tag, lengths, padding, description. */
function finish(p: Packet, l2Len: number, ethType: number, shape: number): void {
  const b = p.buf;
  const s = p.start;
  // Both IP paths cut the snapped lengths to the IP length, which the capture holds completely.
  const l3Len = p.l3Len;
  p.snapL2Len = l3Len + l2Len;
  p.snapL3Len = l3Len;
  p.ethType = ethType;
  p.l2Off = p.macOff = s;
  p.l3Off = s + l2Len;
  if (p.rawLen <= 64) {
    const padLen = p.rawLen - l3Len - l2Len;
    p.padLen = padLen > 0 ? padLen : 0;
  }
  if (l2Len !== ETH_LEN) {
    const tci = (b[s + 14] << 8) | b[s + 15];
    p.statusLo |= StatLo.L2_VLAN;
    if ((tci & 0xfff) === 0) p.statusHi |= StatHi.FS_VLAN0;
    p.vlans[0] = tci;
    p.vlanCount = 1;
    p.vlanHdrCnt = 1;
    p.vlanId = tci & 0xfff;
    shape += SHAPE_TAGGED;
  }
  const dsc = DESCS[shape];
  const words = p.hdrDescWords;
  for (let k = 0; k < DESC_WORDS; k++) words[k] = dsc.words[k];
  p.hdrDescLen = dsc.len;
  p.numHdrs = dsc.hdrs;
}

/** IPv4 behind `l2Len` bytes of L2 and its TCP or UDP header (ipv4.ts, ipv4L4.ts). */
function fastIpv4(d: Dissector, p: Packet, l2Len: number): boolean {
  const b = p.buf;
  const end = d.end;
  const hdr = p.start + l2Len;
  const vihl = b[hdr];
  const ihl = (vihl & 0xf) << 2;
  if (vihl >> 4 !== 4 || ihl < 20) return false;
  const frag = (b[hdr + 6] << 8) | b[hdr + 7];
  const proto = b[hdr + 9];
  if ((frag & 0x3fff) !== 0 || (proto !== TCP && proto !== UDP)) return false;
  const udp = proto === UDP;
  const l4 = hdr + ihl;
  if (end - l4 < (udp ? UDP_LEN : TCP_MIN)) return false;
  const sp = (b[l4] << 8) | b[l4 + 1];
  const dp = (b[l4 + 2] << 8) | b[l4 + 3];
  if (special(d, false, udp, sp, dp, l4 + UDP_LEN)) return false;
  const calc = (p.rawLen - l2Len) & 0xffff;
  const ipLen = (b[hdr + 2] << 8) | b[hdr + 3];
  const l3Len = ipLen === 0 || ipLen > calc ? calc : ipLen;
  // A snapped IP packet warns (once) in the general path.
  if (p.caplen - l2Len < l3Len) return false;

  let hi = StatHi.FS_IPV4_PKT;
  if (ipLen === 0 && calc !== 0) hi |= StatHi.IP_PL_MSMTCH;
  if (l3Len < 20) hi |= StatHi.L3HDRSHRTLEN;
  d.stats.bytesOnWire += l3Len + l2Len;
  const l4HdrLen = udp ? UDP_LEN : (b[l4 + 12] >> 4) << 2;
  if (p.setL4(l4, l4HdrLen, l3Len - ihl - l4HdrLen, l3Len - ihl)) hi |= StatHi.L4HDRSHRTLEN;
  p.l3Len = l3Len;
  p.l3HdrLen = ihl;
  p.l4Proto = proto;
  const w = p.ipWords;
  w[0] = d.le32(hdr + 12);
  w[4] = d.le32(hdr + 16);
  p.ipId = (b[hdr + 4] << 8) | b[hdr + 5];
  if (l3Len < 20 + (udp ? UDP_LEN : TCP_MIN)) hi |= StatHi.L4HDRSHRTLEN;
  else {
    p.srcPort = sp;
    p.dstPort = dp;
  }
  p.statusHi |= hi;
  p.statusLo |= StatLo.L2_IPV4;
  p.ipVer = 4;
  finish(p, l2Len, ETHERTYPE_IPV4, udp ? SHAPE_UDP : 0);
  return true;
}

/** IPv6 behind `l2Len` bytes of L2 if TCP or UDP follows it directly (ipv6.ts). */
function fastIpv6(d: Dissector, p: Packet, l2Len: number): boolean {
  const b = p.buf;
  const end = d.end;
  const hdr = p.start + l2Len;
  const next = b[hdr + 6];
  if (b[hdr] >> 4 !== 6 || (next !== TCP && next !== UDP)) return false;
  const udp = next === UDP;
  const l4 = hdr + IPV6_LEN;
  if (end - l4 < (udp ? UDP_LEN : TCP_MIN)) return false;
  const sp = (b[l4] << 8) | b[l4 + 1];
  const dp = (b[l4 + 2] << 8) | b[l4 + 3];
  if (special(d, true, udp, sp, dp, l4 + UDP_LEN)) return false;
  const calc = (p.rawLen - l2Len) & 0xffff;
  const pl = (b[hdr + 4] << 8) | b[hdr + 5];
  const l3Len = pl === 0 || pl + IPV6_LEN > calc ? calc : pl + IPV6_LEN;
  const l4HdrLen = udp ? UDP_LEN : (b[l4 + 12] >> 4) << 2;
  const l7Len = l3Len - IPV6_LEN - l4HdrLen;
  // A snapped IP packet warns (once); an L4 header longer than the payload wraps the L7 length
  // to 16 bits instead of flagging it as IPv4 does.
  if (p.caplen - l2Len < l3Len || l7Len < 0) return false;

  // IPv6 counts the whole frame on the wire, padding included.
  d.stats.bytesOnWire += p.rawLen;
  p.setL4(l4, l4HdrLen, l7Len, l3Len - IPV6_LEN);
  p.l3Len = l3Len;
  p.l3HdrLen = IPV6_LEN;
  p.l4Proto = next;
  p.srcPort = sp;
  p.dstPort = dp;
  // Source and destination address lie back to back.
  const w = p.ipWords;
  for (let i = 0; i < 8; i++) w[i] = d.le32(hdr + 8 + 4 * i);
  p.statusHi |= pl === 0 && calc !== 0 ? StatHi.FS_IPV6_PKT | StatHi.IP_PL_MSMTCH : StatHi.FS_IPV6_PKT;
  p.statusLo |= StatLo.L2_IPV6;
  p.ipVer = 6;
  finish(p, l2Len, ETHERTYPE_IPV6, udp ? SHAPE_IPV6 | SHAPE_UDP : SHAPE_IPV6);
  return true;
}
