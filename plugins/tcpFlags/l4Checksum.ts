import type { Packet } from '../../core/plugin/api.ts';
import { addPseudo4, addPseudo6, sumBytes } from './checksum.ts';
import { IpF, Stat } from './bits.ts';
import type { FlowState } from './flowState.ts';
import type { PacketContext } from './packetContext.ts';

const enum Proto {
  ICMP = 1,
  IGMP = 2,
  TCP = 6,
  UDP = 17,
  GRE = 47,
  ICMP6 = 58,
  OSPF = 89,
  UDPLITE = 136,
}

function u16(b: Uint8Array, off: number): number {
  return (b[off] << 8) | b[off + 1];
}

/**
 * Starts the L4 checksum on a first fragment: returns whether a pseudo header applies,
 * or -1 for protocols without a checksum (spec §4.5 table).
 */
function start(pkt: Packet, i: number, st: FlowState, c: PacketContext): number {
  const b = pkt.buf;
  const l4 = pkt.l4Off;
  let word: number;
  let pseudo = 1;
  let len = c.l4Len;
  switch (pkt.l4Proto) {
    case Proto.ICMP:
    case Proto.IGMP:
      word = 1;
      pseudo = 0;
      break;
    case Proto.ICMP6:
      word = 1;
      break;
    case Proto.TCP:
      word = 8;
      break;
    case Proto.UDPLITE:
    case Proto.UDP: {
      word = 3;
      const udpLen = u16(b, l4 + 4);
      if (pkt.l4Proto === Proto.UDPLITE) {
        if (udpLen >= 8 && udpLen <= c.l4Len) len = udpLen;
        else c.ipF |= IpF.UDP_LENGTH;
      }
      if (pkt.snapL4Len !== udpLen) c.ipF |= IpF.UDP_LENGTH;
      break;
    }
    case Proto.GRE:
      // Without the C bit T2 compares the first word and computes nothing.
      word = b[l4] & 0x80 ? 2 : 0;
      break;
    case Proto.OSPF:
      word = 6;
      pseudo = b[l4] === 2 ? 0 : 1;
      break;
    default:
      if (pkt.snapL3Len < pkt.l3Len) c.ipF |= IpF.SNAPPED | IpF.L4_CHECKSUM;
      c.S &= ~Stat.L4_CHECKSUM_OPEN;
      return -1;
  }
  const ck = l4 + 2 * word;
  st.l4HdrCk[i] = u16(b, ck);
  st.totL4Len[i] = 0;
  // A truncated L4 part gets no sum: the flow's previous sum stays.
  if (pkt.snapL3Len < pkt.l3Len || pkt.snapL4Len < c.l4Len) c.ipF |= IpF.SNAPPED | IpF.L4_CHECKSUM;
  else if (IPCHECKSUM === 2 && word !== 0) st.l4CalcSum[i] = sumBytes(b, l4, len, ck);
  return pseudo;
}

/** L4 checksum (spec §4.5); with IPCHECKSUM < 2 only the bookkeeping and truncation checks run. */
export function l4Checksum(pkt: Packet, i: number, st: FlowState, c: PacketContext): void {
  let pseudo = 1;
  let len = c.l4Len;
  if (c.first) {
    c.S |= Stat.L4_CHECKSUM_OPEN;
    pseudo = start(pkt, i, st, c);
    if (pseudo < 0) return;
  } else {
    st.totL4Len[i] += c.l4Len;
    len = st.totL4Len[i];
  }
  if (c.more || IPCHECKSUM !== 2) return;
  let sum = st.l4CalcSum[i];
  if (pseudo) {
    sum = pkt.ipVer === 6
      ? addPseudo6(sum, pkt.buf, pkt.l3Off, pkt.l4Proto, len)
      : addPseudo4(sum, pkt.buf, pkt.l3Off, pkt.l4Proto, len);
    st.l4CalcSum[i] = sum;
  }
  const calc = sum === 0xffff ? 0xffff : ~sum & 0xffff;
  if (calc !== st.l4HdrCk[i]) c.ipF |= IpF.L4_CHECKSUM;
  c.S &= ~Stat.L4_CHECKSUM_OPEN;
}
