/**
 * The most common packets, Ethernet II frames (untagged or with one 802.1Q tag) with an
 * unfragmented IPv4 header and a complete TCP or UDP header, dissected in one function. It
 * produces exactly what the general path (ethernet.ts → ipv4.ts → udpTunnels.ts → ipv4L4.ts →
 * l4.ts) produces for such a frame, in a fraction of the time: the general path's many small
 * calls are what dissection costs. Anything else — VLAN stacks, ISL, fragments, snapped headers,
 * the ports of tunnels, SSDP and IPsec NAT traversal, UDP between two unprivileged ports (maybe
 * Teredo), a UDP payload that may be DTLS — is left to the general path, which is taken before
 * anything is written.
 */
import { StatHi, StatLo } from '../flow/status.ts';
import type { Dissector } from './dissector.ts';
import { isIsl, isVlanType } from './ethernet.ts';
import { IPSEC_NAT_T, SSDP_PORT } from './l4.ts';
import { Dlt } from './linkLayers.ts';
import type { Packet } from './packet.ts';
import { TEREDO_PORT } from './udpTunnels.ts';

const ETH_LEN = 14;
const VLAN_LEN = 4;
const TCP = 6;
const UDP = 17;
const TCP_MIN = 20;
const UDP_LEN = 8;
/** AYIYA: special for TCP and UDP (udpTunnels.ts portTunnels), as SSDP is (l4.ts ssdp). */
const AYIYA_PORT = 5072;
/**
 * Ports that make the general path look into a UDP payload: GTP, VXLAN(-GPE), GENEVE, CAPWAP,
 * LWAPP and L2TP (udpTunnels.ts, vxlan.ts), Teredo, SSDP and NAT traversal; port 0 skips them.
 */
const UDP_SPECIAL_PORTS = new Set([
  0, AYIYA_PORT, SSDP_PORT, IPSEC_NAT_T, TEREDO_PORT, 2152, 2123, 3386, 4789, 4790, 8472, 6081, 5246, 5247, 12222, 12223, 1701,
]);
/** Teredo is looked for between two ports above this. */
const PRIVILEGED_MAX = 1024;
/** First bytes of a DTLS record (content types 0x14–0x3f, l4.ts dtls). */
const DTLS_MIN = 0x14;
const DTLS_MAX = 0x3f;

/** A header description as the little-endian words of Packet.hdrDescWords. */
function descWords(text: string): Int32Array {
  const words = new Int32Array(8);
  new Uint8Array(words.buffer).set(new TextEncoder().encode(text));
  return words;
}
/** Descriptions by [tagged][udp]: words and length. */
const DESCS = [
  [descWords('eth:ipv4:tcp'), descWords('eth:ipv4:udp')],
  [descWords('eth:vlan:ipv4:tcp'), descWords('eth:vlan:ipv4:udp')],
];
const DESC_LENS = [12, 17];
const DESC_HDRS = [3, 4];

/** Whether the general path treats the ports (and for UDP the payload at `pay`) specially. */
function special(udp: boolean, sp: number, dp: number, b: Uint8Array, pay: number, end: number): boolean {
  if (!udp) return sp === AYIYA_PORT || dp === AYIYA_PORT || sp === SSDP_PORT || dp === SSDP_PORT;
  if (UDP_SPECIAL_PORTS.has(sp) || UDP_SPECIAL_PORTS.has(dp)) return true;
  if (sp > PRIVILEGED_MAX && dp > PRIVILEGED_MAX) return true;
  return pay < end && b[pay] >= DTLS_MIN && b[pay] <= DTLS_MAX;
}

/**
 * Dissects `p` if it is a plain Ethernet/IPv4/TCP or UDP frame and returns true; returns false
 * without touching `p` or `d` otherwise. `p` has been reset and `d.end` set.
 */
export function dissectFast(d: Dissector, p: Packet): boolean {
  if (p.linkType !== Dlt.EN10MB) return false;
  const b = p.buf;
  const s = p.start;
  const end = d.end;
  if (end - s < ETH_LEN + VLAN_LEN + 20 || isIsl(b, s)) return false;
  const tagged = isVlanType((b[s + 12] << 8) | b[s + 13]);
  const l2Len = tagged ? ETH_LEN + VLAN_LEN : ETH_LEN;
  if (b[s + l2Len - 2] !== 0x08 || b[s + l2Len - 1] !== 0x00) return false;
  const hdr = s + l2Len;
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
  if (special(udp, sp, dp, b, l4 + UDP_LEN, end)) return false;
  const snapL3 = p.caplen - l2Len;
  const calc = (p.rawLen - l2Len) & 0xffff;
  const ipLen = (b[hdr + 2] << 8) | b[hdr + 3];
  const l3Len = ipLen === 0 || ipLen > calc ? calc : ipLen;
  // A snapped IP packet warns (once) in the general path.
  if (snapL3 < l3Len) return false;

  let hi = StatHi.FS_IPV4_PKT;
  if (ipLen === 0 && calc !== 0) hi |= StatHi.IP_PL_MSMTCH;
  if (snapL3 > l3Len) {
    p.snapL2Len = l3Len + l2Len;
    p.snapL3Len = l3Len;
  } else {
    p.snapL3Len = snapL3;
  }
  if (l3Len < 20) hi |= StatHi.L3HDRSHRTLEN;
  d.stats.bytesOnWire += l3Len + l2Len;

  const l4HdrLen = udp ? UDP_LEN : (b[l4 + 12] >> 4) << 2;
  if (p.setL4(l4, l4HdrLen, l3Len - ihl - l4HdrLen, p.snapL3Len - ihl)) hi |= StatHi.L4HDRSHRTLEN;
  p.ethType = 0x0800;
  p.l2Off = p.macOff = s;
  p.l3Off = hdr;
  p.l3Len = l3Len;
  p.l3HdrLen = ihl;
  p.l4Proto = proto;

  const w = p.ipWords;
  w[0] = b[hdr + 12] | (b[hdr + 13] << 8) | (b[hdr + 14] << 16) | (b[hdr + 15] << 24);
  w[4] = b[hdr + 16] | (b[hdr + 17] << 8) | (b[hdr + 18] << 16) | (b[hdr + 19] << 24);
  p.ipId = (b[hdr + 4] << 8) | b[hdr + 5];
  if (l3Len < 20 + (udp ? UDP_LEN : TCP_MIN)) hi |= StatHi.L4HDRSHRTLEN;
  else {
    p.srcPort = sp;
    p.dstPort = dp;
  }
  p.statusHi |= hi;
  p.statusLo |= StatLo.L2_IPV4;
  p.ipVer = 4;
  if (p.rawLen <= 64) {
    const padLen = p.rawLen - l3Len - l2Len;
    p.padLen = padLen > 0 ? padLen : 0;
  }
  const tag = tagged ? 1 : 0;
  if (tagged) {
    const tci = (b[s + 14] << 8) | b[s + 15];
    p.statusLo |= StatLo.L2_VLAN;
    if ((tci & 0xfff) === 0) p.statusHi |= StatHi.FS_VLAN0;
    p.vlans[0] = tci;
    p.vlanCount = 1;
    p.vlanHdrCnt = 1;
    p.vlanId = tci & 0xfff;
  }
  const desc = DESCS[tag][udp ? 1 : 0];
  const words = p.hdrDescWords;
  for (let k = 0; k < 5; k++) words[k] = desc[k];
  p.hdrDescLen = DESC_LENS[tag];
  p.numHdrs = DESC_HDRS[tag];
  return true;
}
