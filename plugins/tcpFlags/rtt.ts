import { NO_FLOW } from '../../core/plugin/api.ts';
import type { FlowTable, Packet } from '../../core/plugin/api.ts';
import { Rtt } from './bits.ts';
import type { FlowState } from './flowState.ts';

const f32 = Math.fround;

/**
 * RTT bookkeeping (spec §4.9): a packet of flow `i` answers its opposite `o`, so the delay since
 * o's last packet goes into o's statistics. Nanoseconds are rounded to float before subtracting.
 */
export function rttUpdate(flows: FlowTable, pkt: Packet, i: number, o: number, st: FlowState): void {
  if (o === NO_FLOW || st.rttFlag[i] === Rtt.STOP) return;
  const dns = f32(f32(pkt.tsNs) - f32(flows.lastNs[o]));
  const x = f32(Math.abs(pkt.tsSec - flows.lastSec[o] + dns / 1e9));
  if (x < st.rttMin[o]) st.rttMin[o] = x;
  if (x > st.rttMax[o]) st.rttMax[o] = x;
  if (st.rttFlag[o] & (Rtt.SYN | Rtt.SYN_ACK) && st.pktCnt[o] === 1) {
    st.trip[o] = x;
    st.avg[o] = x;
    return;
  }
  // The divisor is this flow's packet count, as in T2.
  const n = st.pktCnt[i];
  const d = f32(x - st.avg[o]);
  st.avg[o] = f32(st.avg[o] + f32(d / n));
  st.jit[o] = f32(st.jit[o] + f32(f32(f32(d * d) - st.jit[o]) / n));
  st.rttFlag[o] = Rtt.ACK;
}
