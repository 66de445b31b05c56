import { NO_FLOW } from '../../core/plugin/api.ts';
import type { Packet } from '../../core/plugin/api.ts';
import { Stat } from './bits.ts';
import type { FlowState } from './flowState.ts';
import type { PacketContext } from './packetContext.ts';
import type { Totals } from './totals.ts';

const enum Kind {
  MSS = 2,
  WS = 3,
  SACK = 5,
  TS = 8,
  MPTCP = 30,
}

const enum MpSubtype {
  CAPABLE = 0,
  JOIN = 1,
  DSS = 2,
  ADD_ADDR = 3,
  REMOVE_ADDR = 4,
  PRIO = 5,
}

function u32(b: Uint8Array, off: number): number {
  return ((b[off] << 24) | (b[off + 1] << 16) | (b[off + 2] << 8) | b[off + 3]) >>> 0;
}

/** One MPTCP option at `p` (spec §4.12). */
function mptcp(b: Uint8Array, p: number, i: number, st: FlowState): void {
  const sub = b[p + 2] >> 4;
  st.mptbf[i] |= 1 << sub;
  switch (sub) {
    case MpSubtype.CAPABLE:
      st.mpf[i] |= b[p + 3];
      break;
    case MpSubtype.JOIN:
    case MpSubtype.PRIO:
      if (b[p + 1] <= 16) {
        st.mpf[i] |= b[p + 2] & 0x0f;
        st.mpaid[i] = b[p + 3];
      }
      break;
    case MpSubtype.DSS:
      st.mpdssf[i] |= b[p + 3] & 0x1f;
      break;
    case MpSubtype.ADD_ADDR:
    case MpSubtype.REMOVE_ADDR:
      st.mpaid[i] = b[p + 3];
      break;
  }
}

/** TCP timestamp option at `p`: last value, decrease detection, first value of the flow. */
function timestamp(pkt: Packet, p: number, i: number, st: FlowState, c: PacketContext): void {
  const b = pkt.buf;
  const val = u32(b, p + 2);
  st.tsVal[i] = val;
  st.tsEcr[i] = u32(b, p + 6);
  st.tsLastSec[i] = pkt.tsSec;
  st.tsLastNs[i] = pkt.tsNs;
  if (val < st.tsMax[i]) {
    c.S |= Stat.TS_DECREASE;
    return;
  }
  st.tsMax[i] = val;
  if (c.S & Stat.TS_INIT) return;
  st.tsFirst[i] = val;
  st.tsFirstSec[i] = pkt.tsSec;
  st.tsFirstNs[i] = pkt.tsNs;
  c.S |= Stat.TS_INIT;
}

/**
 * TCP options (spec §4.12). Bytes beyond the buffer read as 0 (EOL); T2 reads whatever
 * follows the captured data.
 */
export function tcpOptions(pkt: Packet, i: number, o: number, st: FlowState, c: PacketContext, F: number, totals: Totals): void {
  const optLen = pkt.l4HdrLen - 20;
  if (optLen <= 0) return;
  if (pkt.snapL3Len < pkt.l3HdrLen + pkt.l4HdrLen && c.l4Len >= pkt.l4HdrLen) {
    c.S |= Stat.OPT_CORRUPT;
    return;
  }
  st.optPktCnt[i]++;
  const b = pkt.buf;
  const opt = pkt.l4Off + 20;
  for (let k = 0; k < optLen; ) {
    const p = opt + k;
    const kind = b[p] | 0;
    if (kind === 0) break;
    st.optCnt[i]++;
    if (TCPJA4T && F & 0x02 && st.ja4Count[i] < JA4TOPTMX) st.ja4Kinds[i * JA4TOPTMX + st.ja4Count[i]++] = kind;
    st.options[i] |= kind < 31 ? 1 << kind : 0x80000000;
    const len = b[p + 1] | 0;
    if (kind > 1 && len === 0) {
      c.S |= Stat.OPT_CORRUPT;
      break;
    }
    switch (kind) {
      case Kind.MSS:
        st.mss[i] = (b[p + 2] << 8) | b[p + 3];
        break;
      case Kind.SACK:
        c.S |= Stat.SACK;
        break;
      case Kind.WS:
        if (!(F & 0x02)) break;
        st.wsShift[i] = b[p + 2];
        // Set in the flows' status, not this packet's: scaling applies from the next packets on.
        if ((F & 0x12) === 0x12) {
          st.stat[i] |= Stat.WIN_SCALE;
          if (o !== NO_FLOW) st.stat[o] |= Stat.WIN_SCALE;
        }
        break;
      case Kind.TS:
        if (NAT_BT_EST) timestamp(pkt, p, i, st, c);
        break;
      case Kind.MPTCP:
        if (!MPTCP) break;
        c.S |= Stat.MPTCP;
        totals.mptcpOptions++;
        mptcp(b, p, i, st);
        break;
    }
    k += kind > 1 ? len : 1;
  }
}
