import { NO_FLOW, StatHi, StatLo } from '../../core/plugin/api.ts';
import type { FlowTable, OutputBuffer } from '../../core/plugin/api.ts';
import { Anom, IpF, Stat } from './bits.ts';
import { writeTimestamps } from './bootTime.ts';
import { FLAG_COUNTERS, type FlowState } from './flowState.ts';
import { writeJa4t } from './ja4t.ts';
import type { Totals } from './totals.ts';

const f32 = Math.fround;
/** FIN, SYN, or any NULL/SYN-FIN/SYN-FIN-RST/RST-FIN/XMAS packet (spec §5.1). */
const SCAN_FLAGS = 0x0001 | 0x0002 | 0xf800;

/** Flagged as a scan, not yet as a successful one. */
function openScan(an: Uint16Array, k: number): boolean {
  return (an[k] & (Anom.SCAN | Anom.SUCC_SCAN)) === Anom.SCAN;
}

/** Scan classification (spec §5.1): few TCP packets with SYN or FIN; successful if answered. */
function scanDetector(i: number, o: number, st: FlowState, totals: Totals): void {
  const an = st.anomaly;
  if (an[i] & Anom.SYN_RETRY || !(st.flags[i] & SCAN_FLAGS)) return;
  if (st.tcpCnt[i] < 4 && !(an[i] & (Anom.SCAN | Anom.SUCC_SCAN))) {
    an[i] |= Anom.SCAN;
    totals.scans++;
  }
  if (o === NO_FLOW) return;
  if (openScan(an, i) || (openScan(an, o) && st.tcpCnt[i] < 4 && st.tcpCnt[o] < 4)) {
    an[i] |= Anom.SUCC_SCAN;
    an[o] |= Anom.SUCC_SCAN;
    totals.succScans++;
  }
}

function writeIp(out: OutputBuffer, st: FlowState, i: number): void {
  out.u16(st.stat[i]);
  out.u16(st.minIDT[i]);
  out.u16(st.maxIDT[i]);
  out.u8(st.minTTL[i]);
  out.u8(st.maxTTL[i]);
  out.u8(st.ttlChg[i]);
  const tos = st.tos[i];
  if (IPTOS === 0) out.u8(tos);
  else {
    out.u8(IPTOS === 1 ? tos >> 2 : tos >> 5);
    out.u8(tos & 3);
  }
  out.u16(st.ipFlags[i]);
  if (IPV6_ACTIVATE !== 1) {
    out.u16(st.ipOptCnt[i]);
    out.u8(st.ipOptCpCl[i]);
    out.u32(st.ipOptBits[i]);
  }
  if (IPV6_ACTIVATE > 0) {
    out.u16(st.ip6HHCnt[i]);
    out.u16(st.ip6DCnt[i]);
    out.u32(st.ip6HHBits[i]);
    out.u32(st.ip6DBits[i]);
  }
}

function writeSeqAck(out: OutputBuffer, st: FlowState, i: number): void {
  out.u32(st.initSeq[i]);
  out.u16(st.pSeqCnt[i]);
  out.u64(st.seqBytes[i]);
  out.u16(st.seqFault[i]);
  out.u16(st.pAckCnt[i]);
  out.u64(st.ackBytes[i]);
  out.u16(st.ackFault[i]);
  out.u32(st.bifMax[i]);
}

function writeWindow(out: OutputBuffer, st: FlowState, i: number): void {
  out.u32(st.winInit[i]);
  out.f32(st.winAvg[i]);
  out.u32(st.winMin[i]);
  out.u32(st.winMax[i]);
  out.u16(st.winDwn[i]);
  out.u16(st.winUp[i]);
  out.u16(st.winChg[i]);
  const pkts = st.winPkts[i];
  out.f32(pkts === 0 ? 0 : f32(f32(st.winBelow[i]) / f32(pkts)));
}

/** RTT columns (spec §5.9): the pair values depend on the B bit of the core status. */
function writeRtt(out: OutputBuffer, flows: FlowTable, st: FlowState, i: number, o: number): void {
  out.f32(st.trip[i]);
  out.f32(st.rttMin[i]);
  out.f32(st.rttMax[i]);
  out.f32(st.avg[i]);
  out.f32(f32(Math.sqrt(st.jit[i])));
  const isB = (flows.statusLo[i] & StatLo.L3FLOWINVERT) !== 0;
  if (o === NO_FLOW) {
    out.f32(0);
    out.f32(0);
  } else if (isB) {
    out.f32(f32(st.avg[i] + st.avg[o]));
    out.f32(f32(Math.sqrt(f32(st.jit[i] + st.jit[o]))));
  } else {
    out.f32(f32(st.trip[i] + st.trip[o]));
    out.f32(0);
  }
}

/** Flow end (spec §5): report aggregates, scan detector, then the columns. */
export function flowEnd(flows: FlowTable, i: number, out: OutputBuffer, st: FlowState, totals: Totals): void {
  const o = flows.opposite[i];
  totals.ipFlags |= st.ipFlags[i];
  totals.tos |= st.tos[i];
  totals.stat |= st.stat[i];
  totals.flags |= st.flags[i];
  totals.anomaly |= st.anomaly[i];
  totals.mptbf |= st.mptbf[i];
  totals.mpf |= st.mpf[i];
  if (SCAN_DETECTOR) scanDetector(i, o, st, totals);
  // After the aggregation: this bit never reaches the report aggregate.
  if (flows.statusHi[i] & StatHi.IPV4_FRAG_ERR) st.ipFlags[i] |= IpF.FRAG_SEQ_ERR;

  writeIp(out, st, i);
  if (SEQ_ACK_NUM) writeSeqAck(out, st, i);
  if (WINDOWSIZE) writeWindow(out, st, i);
  out.u16(st.flags[i]);
  out.u16(st.anomaly[i]);
  if (TCPFLGCNT) for (let k = 0; k < FLAG_COUNTERS; k++) out.u16(st.flagCounts[i * FLAG_COUNTERS + k]);
  // tcpWS and the JA4T shift follow the status OR of all flows written so far, not this flow's.
  const wsActive = (totals.stat & Stat.WIN_SCALE) !== 0;
  if (TCPJA4T) writeJa4t(out, st, i, wsActive);
  out.u16(st.optPktCnt[i]);
  out.u16(st.optCnt[i]);
  out.u32(st.options[i]);
  out.u16(st.mss[i]);
  out.u16(wsActive ? (1 << st.wsShift[i]) & 0xffff : 0);
  if (MPTCP) {
    out.u16(st.mptbf[i]);
    out.u8(st.mpf[i]);
    out.u8(st.mpaid[i]);
    out.u8(st.mpdssf[i]);
  }
  if (NAT_BT_EST) writeTimestamps(out, st, i);
  if (RTT_ESTIMATE) writeRtt(out, flows, st, i, o);
}
