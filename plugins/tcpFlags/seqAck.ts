import { NO_FLOW } from '../../core/plugin/api.ts';
import { Anom, Stat } from './bits.ts';
import type { FlowState } from './flowState.ts';
import type { PacketContext } from './packetContext.ts';
import type { Totals } from './totals.ts';

const f32 = Math.fround;
const PROBES = Stat.ZWIN_PROBE | Stat.ZWIN_PROBE_ACK;
const KEEP_ALIVES = Anom.KEEP_ALIVE | Anom.KEEP_ALIVE_ACK;

/** Retransmission timeout test: 1.5 × the summed RTT averages, or a fixed second without RTT. */
function timedOut(i: number, o: number, st: FlowState, gap: number): boolean {
  if (!RTT_ESTIMATE) return gap > 1.0;
  return o !== NO_FLOW && gap > f32(st.avg[o] + st.avg[i]) * 1.5;
}

/**
 * Tests that only run when the ACK number did not change (spec §4.14 step 2): duplicate ACK,
 * window update, out of order, retransmissions, spurious retransmission.
 */
function sameAck(i: number, o: number, st: FlowState, c: PacketContext, F: number, l7: number, seq: number, totals: Totals): void {
  const plain = (F & 0x07) === 0;
  if (c.S & Stat.SEEN && plain && l7 === 0) {
    if (st.winLast[i] === c.win || (c.S & Stat.WIN_SCALE && ((st.winLast[i] * c.scale) >>> 0) === c.win)) {
      c.anomaly |= Anom.DUP_ACK;
      st.ackFault[i]++;
    } else if (seq === st.nextSeq[i]) c.S |= Stat.WIN_UPDATE;
  }
  if (plain && seq < st.seqMax[i]) c.anomaly |= Anom.OUT_OF_ORDER;
  else if (seq < st.nextSeq[i] && timedOut(i, o, st, c.gap) && st.winLast[i] === c.win) {
    c.anomaly |= Anom.RETRANSMIT;
    st.seqFault[i]++;
    totals.seqRetries++;
  }
  if (o === NO_FLOW) return;
  if (st.anomalyLast[o] & Anom.DUP_ACK && seq === st.lastAck[o] && (l7 > 0 || F & 0x03) && seq < st.nextSeq[i]) {
    c.anomaly |= Anom.FAST_RETRANSMIT;
    st.seqFault[i]++;
    totals.seqRetries++;
  }
  if (st.lastAck[o] > seq) c.anomaly |= Anom.SPURIOUS;
}

/**
 * Sequence/acknowledgement analysis (spec §4.14). Comparisons are plain unsigned ones without
 * wrap handling, as in T2.
 */
export function seqAck(i: number, o: number, st: FlowState, c: PacketContext, F: number, l7: number, seq: number, ack: number, totals: Totals): void {
  const hasO = o !== NO_FLOW;
  const plain = (F & 0x07) === 0;
  if (hasO && plain) {
    if (st.winLast[o] === 0 && l7 === 1) c.S |= Stat.ZWIN_PROBE;
    else if (st.statLast[o] & Stat.ZWIN_PROBE && c.win === 0 && l7 === 0) c.S |= Stat.ZWIN_PROBE_ACK;
  }
  if (F & 0x10 && !(c.S & PROBES)) {
    if (l7 <= 1 && plain) {
      if (seq === ((st.seqMax[i] - 1) >>> 0)) c.anomaly |= Anom.KEEP_ALIVE;
      else if (hasO && st.nextSeq[o] === ((ack - 1) >>> 0)) c.anomaly |= Anom.KEEP_ALIVE_ACK;
    }
    if (ack === st.lastAck[i] && !(c.anomaly & KEEP_ALIVES)) sameAck(i, o, st, c, F, l7, seq, totals);
    if (seq === st.nextSeq[i]) st.pSeqCnt[i]++;
    if (hasO && st.seqMax[o] < ack) {
      c.anomaly |= Anom.ACK_UNSEEN;
      st.ackFault[i]++;
    }
    if ((st.flagsLast[i] & 0x07) === 0 && seq > st.seqMax[i]) c.anomaly |= Anom.GAP;
    if (st.lastSeq[i] !== 0) {
      const sd = (seq - st.lastSeq[i]) | 0;
      if (sd > 0 && !(st.flagsLast[i] & 0x07 && sd === 1)) st.seqBytes[i] += sd;
    }
    if (st.lastAck[i] !== 0) {
      const ad = (ack - st.lastAck[i]) | 0;
      const synFinRst = st.flagsLast[i] & 0x07 || (hasO && st.flagsLast[o] & 0x07);
      if (ad > 0 && !(synFinRst && ad === 1)) st.ackBytes[i] += ad;
    }
    st.pAckCnt[i]++;
  }
  if (hasO && !(c.S & PROBES) && st.bif[i] >= st.winLast[o] && !(st.flagsLast[o] & 0x04) && st.flags[i] & 0x02) c.S |= Stat.WIN_FULL;
}
