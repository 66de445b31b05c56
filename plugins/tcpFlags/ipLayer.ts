import { StatHi } from '../../core/plugin/api.ts';
import type { Core, Packet } from '../../core/plugin/api.ts';
import { ipv4HeaderChecksum } from './checksum.ts';
import type { FlowState } from './flowState.ts';
import { l4Checksum } from './l4Checksum.ts';
import { findIp6Headers, type PacketContext } from './packetContext.ts';
import { IpF, Stat } from './bits.ts';

const f32 = Math.fround;

/** IPv6 option walk (spec §4.2): bitmap of `type & 31`, Pad1 stops and is not counted. */
function ip6Options(b: Uint8Array, h: number, bits: Uint32Array, cnt: Uint16Array, i: number): void {
  const len = (b[h + 1] + 1) * 8 - 2;
  const opt = h + 2;
  for (let k = 0; k < len && b[opt + k] !== 0; k += b[opt + k + 1] + 2) {
    bits[i] |= 1 << (b[opt + k] & 31);
    cnt[i]++;
  }
}

function ipv6Header(pkt: Packet, i: number, st: FlowState, c: PacketContext): number {
  const b = pkt.buf;
  findIp6Headers(c, b, pkt.l3Off, pkt.l4Off);
  if (c.ip6Frag >= 0) {
    // T2 takes offset bits for the flag bits here (spec §4.2 quirk).
    c.ipF |= ((c.ip6Frag >> 8) << 1) & 0xe0;
    const units = c.ip6Frag >> 3;
    c.first = (units & 0xff1f) === 0;
    c.more = (c.ip6Frag & 1) !== 0;
  }
  if (IPV6_ACTIVATE > 0 && (c.ip6HH >= 0 || c.ip6D >= 0)) {
    if (pkt.snapL3Len < pkt.l3HdrLen || pkt.l3Len < pkt.l3HdrLen) c.ipF |= IpF.OPT_CORRUPT;
    else {
      if (c.ip6HH >= 0) ip6Options(b, c.ip6HH, st.ip6HHBits, st.ip6HHCnt, i);
      if (c.ip6D >= 0) ip6Options(b, c.ip6D, st.ip6DBits, st.ip6DCnt, i);
    }
  }
  return b[pkt.l3Off + 7];
}

function ipv4Header(pkt: Packet, i: number, st: FlowState, c: PacketContext): number {
  const b = pkt.buf;
  const l3 = pkt.l3Off;
  c.ipF = b[l3 + 6] & 0xe0;
  c.first = pkt.fragOff === 0;
  c.more = (b[l3 + 6] & 0x20) !== 0;
  const optLen = pkt.l3HdrLen - 20;
  if (IPV6_ACTIVATE !== 1 && optLen > 0) {
    if (pkt.snapL3Len < pkt.l3HdrLen || pkt.l3Len < pkt.l3HdrLen) c.ipF |= IpF.OPT_CORRUPT;
    else {
      const opt = l3 + 20;
      for (let k = 0; k < optLen && b[opt + k] !== 0; ) {
        const type = b[opt + k];
        st.ipOptCpCl[i] |= type & 0xe0;
        st.ipOptBits[i] |= 1 << (type & 31);
        st.ipOptCnt[i]++;
        if (type > 1 && b[opt + k + 1] === 0) {
          c.ipF |= IpF.OPT_CORRUPT;
          break;
        }
        k += type > 1 ? b[opt + k + 1] : 1;
      }
    }
  }
  return b[l3 + 8];
}

/** IPv4 ID deltas, ToS and header checksum (spec §4.4). Returns the IP ID (0 for IPv6). */
function idTosChecksum(pkt: Packet, i: number, st: FlowState, c: PacketContext): number {
  const b = pkt.buf;
  const l3 = pkt.l3Off;
  if (pkt.ipVer === 6) {
    st.tos[i] |= ((b[l3] << 4) | (b[l3 + 1] >> 4)) & 0xff;
    return 0;
  }
  st.tos[i] |= b[l3 + 1];
  const ipID = (b[l3 + 4] << 8) | b[l3 + 5];
  if (c.S & Stat.SEEN) {
    const last = st.lastIPID[i];
    const diff = ipID - last;
    if (ipID < last) c.ipF |= IpF.ID_DECREASE;
    // Signed difference against the stored unsigned value: a negative one always wins the minimum.
    if (diff < st.minIDT[i]) st.minIDT[i] = diff;
    if (diff > st.maxIDT[i]) st.maxIDT[i] = diff;
  }
  if (pkt.snapL3Len < pkt.l3HdrLen) c.ipF |= IpF.SNAPPED | IpF.IP_CHECKSUM;
  else if (IPCHECKSUM >= 1 && ipv4HeaderChecksum(b, l3, pkt.l3HdrLen) !== ((b[l3 + 10] << 8) | b[l3 + 11])) {
    c.ipF |= IpF.IP_CHECKSUM;
  }
  return ipID;
}

/** Fragment position checks (spec §4.7). */
function fragmentPosition(pkt: Packet, i: number, st: FlowState, c: PacketContext): void {
  let off: number;
  if (pkt.ipVer === 4) {
    const b = pkt.buf;
    const v = ((b[pkt.l3Off + 6] << 8) | b[pkt.l3Off + 7]) & 0x3fff;
    if (v === 0) return;
    off = v & 0x1fff;
  } else {
    const units = c.ip6Frag < 0 ? 0 : c.ip6Frag >> 3;
    if (units === 0) return;
    // T2 byte-swaps the IPv6 value here (spec §4.7 quirk).
    off = (((units & 0xff) << 8) | (units >> 8)) & 0x1fff;
  }
  if (c.more && pkt.l3Len < 48) c.ipF |= IpF.FRAG_SHORT;
  if (off - st.nextFragExp[i] > 1) c.ipF |= IpF.FRAG_POSITION;
  st.nextFragExp[i] = off + (c.l4Len >> 3);
  if (st.nextFragExp[i] > 0x1fff) c.ipF |= IpF.FRAG_OVERFLOW;
}

/** Steps §4.2–§4.8 for an IP packet of flow `i`: everything but the RTT and the TCP header. */
export function ipLayer(core: Core, pkt: Packet, i: number, st: FlowState, c: PacketContext): void {
  c.ipF = 0;
  c.first = true;
  c.more = false;
  c.ip6Frag = -1;
  const ttl = pkt.ipVer === 6 ? ipv6Header(pkt, i, st, c) : ipv4Header(pkt, i, st, c);

  if (ttl !== st.lastTTL[i]) st.ttlChg[i]++;
  st.lastTTL[i] = ttl;
  if (ttl < st.minTTL[i]) st.minTTL[i] = ttl;
  if (ttl > st.maxTTL[i]) st.maxTTL[i] = ttl;

  c.l4Len = (pkt.l3Len - pkt.l3HdrLen) & 0xffff;
  const ipID = idTosChecksum(pkt, i, st, c);
  l4Checksum(pkt, i, st, c);

  const sec = pkt.tsSec;
  const ns = pkt.tsNs;
  // Seconds modulo 2^32: only backward jumps within the same second come out negative.
  c.gap = f32(((sec - st.lastPktSec[i]) >>> 0) + (ns - st.lastPktNs[i]) / 1e9);
  if (c.S & Stat.SEEN) {
    if (c.gap === 0) c.ipF |= IpF.SAME_TIME;
    else if (c.gap < 0) {
      c.ipF |= IpF.TIME_BACK;
      core.setFlowStatus(i, 0, StatHi.TIMEJUMP);
    }
  }
  st.lastPktSec[i] = sec;
  st.lastPktNs[i] = ns;

  if (FRAG_ANALYZE) fragmentPosition(pkt, i, st, c);
  st.ipFlags[i] |= c.ipF;
  st.lastIPID[i] = ipID;
}
