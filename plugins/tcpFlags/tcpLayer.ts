import { NO_FLOW, StatHi } from '../../core/plugin/api.ts';
import type { FlowTable, Packet } from '../../core/plugin/api.ts';
import { Anom, Flag, IpF, Rtt, Stat } from './bits.ts';
import { FLAG_COUNTERS, type FlowState } from './flowState.ts';
import type { PacketContext } from './packetContext.ts';
import { seqAck } from './seqAck.ts';
import { tcpOptions } from './tcpOptions.ts';
import type { Totals } from './totals.ts';

const f32 = Math.fround;

/** TCPFLGCNT counter indexes after the eight flag bits (spec §5.7). */
const enum Cnt {
  FIN_ACK = 8,
  SYN_ACK = 9,
  RST_ACK = 10,
  NULL = 11,
  SYN_FIN = 12,
  SYN_FIN_RST = 13,
  RST_FIN = 14,
  XMAS = 15,
}

function u32(b: Uint8Array, off: number): number {
  return ((b[off] << 24) | (b[off + 1] << 16) | (b[off + 2] << 8) | b[off + 3]) >>> 0;
}

function countFlag(st: FlowState, i: number, k: number): void {
  if (TCPFLGCNT) st.flagCounts[i * FLAG_COUNTERS + k]++;
}

/** Flag bits counted per bit, saturating (spec §5.7). */
function countBits(st: FlowState, i: number, F: number): void {
  const base = i * FLAG_COUNTERS;
  for (let k = 0; k < 8; k++) if (F & (1 << k) && st.flagCounts[base + k] < 0xffff) st.flagCounts[base + k]++;
}

/** Flags (spec §4.11): returns the tcpFlags bits of this packet and updates c's anomaly word. */
function flags(i: number, o: number, st: FlowState, c: PacketContext, F: number, l7: number, totals: Totals): number {
  let T = F;
  if ((F & 0x3f) === 0) {
    T |= Flag.NULL;
    c.anomaly |= Anom.SCAN;
    countFlag(st, i, Cnt.NULL);
  } else if ((F & 0x3f) === 0x29) {
    T |= Flag.XMAS;
    c.anomaly |= Anom.SCAN;
    countFlag(st, i, Cnt.XMAS);
  }
  if (TCPFLGCNT) countBits(st, i, F);
  switch (F & 0x17) {
    case 0x02:
      if (st.rttFlag[i] === Rtt.SYN) {
        if (c.gap > 0.9) {
          c.anomaly |= Anom.SYN_RETRY;
          totals.synRetries++;
        } else {
          c.anomaly |= Anom.SCAN;
          totals.scans++;
        }
      }
      if (l7 > 0) c.anomaly |= Anom.SYN_PAYLOAD;
      st.rttFlag[i] = Rtt.SYN;
      break;
    case 0x12:
      T |= Flag.SYN_ACK;
      st.rttFlag[i] = Rtt.SYN_ACK;
      countFlag(st, i, Cnt.SYN_ACK);
      break;
    case 0x10:
      if (st.rttFlag[i] === Rtt.SYN_ACK) st.rttFlag[i] = Rtt.ACK;
      // Bytes in flight are only counted once the other direction exists.
      if (o === NO_FLOW) break;
      if (st.rttFlag[o] === 0 || st.rttFlag[o] === Rtt.SYN_ACK) st.rttFlag[o] = Rtt.ACK;
      st.bif[o] = 0;
      st.bif[i] += l7;
      if (st.bif[i] > st.bifMax[i]) st.bifMax[i] = st.bif[i];
      break;
    case 0x11:
      T |= Flag.FIN_ACK;
      st.rttFlag[i] = Rtt.STOP;
      countFlag(st, i, Cnt.FIN_ACK);
      break;
    case 0x14:
      T |= Flag.RST_ACK;
      st.rttFlag[i] = Rtt.STOP;
      countFlag(st, i, Cnt.RST_ACK);
      break;
    case 0x03:
      T |= Flag.SYN_FIN;
      st.rttFlag[i] = Rtt.STOP;
      countFlag(st, i, Cnt.SYN_FIN);
      break;
    case 0x07:
      T |= Flag.SYN_FIN_RST;
      st.rttFlag[i] = Rtt.STOP;
      countFlag(st, i, Cnt.SYN_FIN_RST);
      break;
    case 0x05:
      T |= Flag.RST_FIN;
      st.rttFlag[i] = Rtt.STOP;
      countFlag(st, i, Cnt.RST_FIN);
      break;
    default:
      st.rttFlag[i] = Rtt.STOP;
  }
  return T;
}

/** Effective window (spec §4.13); sets c.win and c.scale, updates the window statistics. */
function window(pkt: Packet, i: number, st: FlowState, c: PacketContext, F: number, totals: Totals): void {
  const b = pkt.buf;
  let win = (b[pkt.l4Off + 14] << 8) | b[pkt.l4Off + 15];
  c.scale = 0;
  if (c.S & Stat.WIN_SCALE) {
    c.scale = (1 << st.wsShift[i]) & 0xffff;
    win = (win * c.scale) >>> 0;
  }
  c.win = win;
  if (!WINDOWSIZE) return;
  st.winPkts[i]++;
  totals.winPkts++;
  if ((F & 0x07) === 0 && win < WINMIN) {
    st.winBelow[i]++;
    totals.winBelow++;
    c.S |= Stat.WIN_BELOW;
  }
  if (!(c.S & Stat.WIN_INIT)) {
    st.winInit[i] = st.winMin[i] = st.winMax[i] = st.winLast[i] = win;
    st.winAvg[i] = win;
    c.S |= Stat.WIN_INIT;
  }
  st.winAvg[i] = f32(st.winAvg[i] * 0.7 + win * 0.3);
  const last = st.winLast[i];
  // WIN_UP comes from the flow status, which is only ever OR-ed: once up, every packet starts "up".
  if (c.S & Stat.WIN_UP) {
    if (win > last) {
      st.winUp[i]++;
      if (win > st.winMax[i]) st.winMax[i] = win;
    } else if (win < last) {
      st.winChg[i]++;
      st.winDwn[i]++;
      if (win < st.winMin[i]) st.winMin[i] = win;
      c.S &= ~Stat.WIN_UP;
    }
  } else if (win < last) {
    st.winDwn[i]++;
    if (win < st.winMin[i]) st.winMin[i] = win;
  } else if (win > last) {
    st.winChg[i]++;
    st.winUp[i]++;
    if (win > st.winMax[i]) st.winMax[i] = win;
    c.S |= Stat.WIN_UP;
  }
}

/** Steps §4.11–§4.15 for a TCP packet that carries the TCP header. */
export function tcpLayer(flows: FlowTable, pkt: Packet, i: number, o: number, st: FlowState, c: PacketContext, totals: Totals): void {
  const b = pkt.buf;
  const l4 = pkt.l4Off;
  const F = b[l4 + 13] | 0;
  const l7 = pkt.l7Len;
  c.anomaly = 0;
  const T = flags(i, o, st, c, F, l7, totals);
  tcpOptions(pkt, i, o, st, c, F, totals);
  window(pkt, i, st, c, F, totals);
  const seq = u32(b, l4 + 4);
  const ack = u32(b, l4 + 8);
  if (SEQ_ACK_NUM) seqAck(i, o, st, c, F, l7, seq, ack, totals);
  if (c.anomaly & Anom.SCAN || st.anomaly[i] & Anom.SCAN) c.anomaly &= ~Anom.LOW;

  st.lastSeq[i] = seq;
  let next = (seq + l7) >>> 0;
  if (F & 0x07) next = (next + 1) >>> 0;
  else if (c.S & Stat.ZWIN_PROBE) next = (next - 1) >>> 0;
  st.nextSeq[i] = next;
  st.lastAck[i] = ack;
  if (next > st.seqMax[i]) st.seqMax[i] = next;
  st.winLast[i] = c.win;
  st.flagsLast[i] = F;
  st.flags[i] |= T;
  st.anomaly[i] |= c.anomaly;
  st.anomalyLast[i] = c.anomaly;
  c.S |= Stat.SEEN;
  st.stat[i] |= c.S;
  st.statLast[i] = c.S;
  if (FRAG_ANALYZE && o !== NO_FLOW && flows.statusHi[o] & StatHi.IPV4_FRAG_PENDING && F & 0x05) st.ipFlags[o] |= IpF.FRAG_SEQ_ERR;
  if (SCAN_DETECTOR && st.tcpCnt[i] < 6) st.tcpCnt[i]++;
}
