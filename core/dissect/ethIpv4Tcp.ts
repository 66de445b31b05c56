/**
 * The most common packet, an Ethernet II frame (untagged or with one 802.1Q tag) with an
 * unfragmented IPv4 header and a complete TCP header, dissected in one function. It produces exactly what the general path
 * (ethernet.ts → ipv4.ts → ipv4L4.ts) produces for such a frame, in a fraction of the time: the
 * general path's many small calls are what dissection costs. Anything else — VLAN stacks, ISL,
 * options shorter than 20 bytes, fragments, snapped headers, the AYIYA and SSDP ports — is left
 * to the general path, which is taken before anything is written.
 */
import { StatHi, StatLo } from '../flow/status.ts';
import type { Dissector } from './dissector.ts';
import { Dlt } from './linkLayers.ts';
import type { Packet } from './packet.ts';

const ETH_LEN = 14;
const VLAN_LEN = 4;
const TCP = 6;
const AYIYA_PORT = 5072;
const SSDP_PORT = 1900;

/** A header description as the little-endian words of Packet.hdrDescWords. */
function descWords(text: string): Int32Array {
  const words = new Int32Array(8);
  new Uint8Array(words.buffer).set(new TextEncoder().encode(text));
  return words;
}
const DESC = descWords('eth:ipv4:tcp');
const DESC_LEN = 12;
const DESC_VLAN = descWords('eth:vlan:ipv4:tcp');
const DESC_VLAN_LEN = 17;

function isIsl(b: Uint8Array, s: number): boolean {
  const b0 = b[s];
  return (b0 === 0x01 || b0 === 0x03) && b[s + 1] === 0 && b[s + 2] === 0x0c && b[s + 3] === 0 && b[s + 4] === 0;
}

function isVlanType(hi: number, lo: number): boolean {
  const t = (hi << 8) | lo;
  return t === 0x8100 || t === 0x88a8 || t === 0x9100 || t === 0x9200;
}

/** A port pair the general path treats specially (AYIYA on 5072, SSDP on 1900). */
function specialPorts(sp: number, dp: number): boolean {
  return sp === AYIYA_PORT || dp === AYIYA_PORT || sp === SSDP_PORT || dp === SSDP_PORT;
}

/**
 * Dissects `p` if it is a plain Ethernet/IPv4/TCP frame and returns true; returns false without
 * touching `p` or `d` otherwise. `p` has been reset and `d.end` set.
 */
export function dissectEthIpv4Tcp(d: Dissector, p: Packet): boolean {
  if (p.linkType !== Dlt.EN10MB) return false;
  const b = p.buf;
  const s = p.start;
  const end = d.end;
  if (end - s < ETH_LEN + VLAN_LEN + 20 || isIsl(b, s)) return false;
  const tagged = isVlanType(b[s + 12], b[s + 13]);
  const l2Len = tagged ? ETH_LEN + VLAN_LEN : ETH_LEN;
  if (b[s + l2Len - 2] !== 0x08 || b[s + l2Len - 1] !== 0x00) return false;
  const hdr = s + l2Len;
  const vihl = b[hdr];
  const ihl = (vihl & 0xf) << 2;
  if (vihl >> 4 !== 4 || ihl < 20) return false;
  const frag = (b[hdr + 6] << 8) | b[hdr + 7];
  if ((frag & 0x3fff) !== 0 || b[hdr + 9] !== TCP) return false;
  const l4 = hdr + ihl;
  if (end - l4 < 20) return false;
  const sp = (b[l4] << 8) | b[l4 + 1];
  const dp = (b[l4 + 2] << 8) | b[l4 + 3];
  if (specialPorts(sp, dp)) return false;
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

  const l4HdrLen = (b[l4 + 12] >> 4) << 2;
  let len = l3Len - ihl - l4HdrLen;
  if (len < 0) {
    len = 0;
    hi |= StatHi.L4HDRSHRTLEN;
  }
  const capL4 = p.snapL3Len - ihl;
  p.ethType = 0x0800;
  p.l2Off = p.macOff = s;
  p.l3Off = hdr;
  p.l3Len = l3Len;
  p.l3HdrLen = ihl;
  p.l4Proto = TCP;
  p.l4Off = l4;
  p.l4HdrLen = l4HdrLen;
  p.len = len;
  p.l7Len = len & 0xffff;
  p.l7Off = l4 + l4HdrLen;
  p.snapL4Len = capL4 > 0 ? capL4 : 0;
  p.snapL7Len = capL4 > l4HdrLen ? capL4 - l4HdrLen : 0;

  const w = p.ipWords;
  w[0] = b[hdr + 12] | (b[hdr + 13] << 8) | (b[hdr + 14] << 16) | (b[hdr + 15] << 24);
  w[4] = b[hdr + 16] | (b[hdr + 17] << 8) | (b[hdr + 18] << 16) | (b[hdr + 19] << 24);
  p.ipId = (b[hdr + 4] << 8) | b[hdr + 5];
  if (l3Len < 40) hi |= StatHi.L4HDRSHRTLEN;
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
  const words = p.hdrDescWords;
  if (tagged) {
    const tci = (b[s + 14] << 8) | b[s + 15];
    p.statusLo |= StatLo.L2_VLAN;
    if ((tci & 0xfff) === 0) p.statusHi |= StatHi.FS_VLAN0;
    p.vlans[0] = tci;
    p.vlanCount = 1;
    p.vlanHdrCnt = 1;
    p.vlanId = tci & 0xfff;
    for (let k = 0; k < 5; k++) words[k] = DESC_VLAN[k];
    p.hdrDescLen = DESC_VLAN_LEN;
    p.numHdrs = 4;
  } else {
    words[0] = DESC[0];
    words[1] = DESC[1];
    words[2] = DESC[2];
    p.hdrDescLen = DESC_LEN;
    p.numHdrs = 3;
  }
  return true;
}
