import { definePlugin } from '../../core/plugin/api.ts';
import type { Core, MonState, OutputBuffer, Packet, ReportWriter } from '../../core/plugin/api.ts';
import { Anom, Rtt, Stat } from './bits.ts';
import { COLUMNS } from './columns.ts';
import { flowEnd } from './flowEnd.ts';
import { FlowState } from './flowState.ts';
import { ipLayer } from './ipLayer.ts';
import { PacketContext } from './packetContext.ts';
import { endReport, monitoring, resetMonitoring } from './report.ts';
import { rttUpdate } from './rtt.ts';
import { tcpLayer } from './tcpLayer.ts';
import { Totals } from './totals.ts';

/**
 * tcpFlags (spec/tcpFlags.md): IP header fields, fragments, checksums, inter-packet timing and
 * an RTT estimate for every IP flow; flags, sequence numbers, windows and options for TCP.
 */

const TCP = 6;
const f32 = Math.fround;

let core: Core;
let st: FlowState;
const ctx = new PacketContext();
const totals = new Totals();

function u32(b: Uint8Array, off: number): number {
  return ((b[off] << 24) | (b[off + 1] << 16) | (b[off + 2] << 8) | b[off + 3]) >>> 0;
}

export default definePlugin({
  name: 'tcpFlags',
  number: 130,
  version: '0.9.3',
  t2Version: [0, 9],
  columns: COLUMNS,

  init(c: Core): void {
    core = c;
    st = new FlowState(c.capacity);
    totals.reset();
    resetMonitoring();
  },

  onNewFlow(pkt: Packet, i: number): void {
    st.zero(i);
    st.lastPktSec[i] = pkt.tsSec;
    st.lastPktNs[i] = pkt.tsNs;
    st.minIDT[i] = 0xffff;
    st.rttMin[i] = 65535;
    if (pkt.ipVer <= 0) return;
    const b = pkt.buf;
    const l3 = pkt.l3Off;
    const ttl = pkt.ipVer === 6 ? b[l3 + 7] : b[l3 + 8];
    st.lastTTL[i] = st.minTTL[i] = st.maxTTL[i] = ttl;
    if (pkt.ipVer === 4) st.lastIPID[i] = (b[l3 + 4] << 8) | b[l3 + 5];
    if (pkt.l4Proto !== TCP) return;
    // Read where the TCP header would be, even on a later fragment (as T2 does).
    const l4 = pkt.l4Off;
    const seq = u32(b, l4 + 4);
    st.initSeq[i] = st.lastSeq[i] = st.nextSeq[i] = st.seqMax[i] = seq;
    st.lastAck[i] = u32(b, l4 + 8);
    if (b[l4 + 13] === 0x02 && pkt.snapL7Len > 0) st.anomaly[i] |= Anom.SYN_PAYLOAD;
  },

  onLayer4(pkt: Packet, i: number): void {
    const flows = core.flows;
    const o = flows.opposite[i];
    st.pktCnt[i] = f32(st.pktCnt[i] + 1);
    ctx.S = st.stat[i] & Stat.CARRY;
    ipLayer(core, pkt, i, st, ctx);
    if (RTT_ESTIMATE) rttUpdate(flows, pkt, i, o, st);
    if (pkt.l4Proto === TCP && ctx.first) {
      tcpLayer(flows, pkt, i, o, st, ctx, totals);
      return;
    }
    if (st.pktCnt[i] === 1) st.rttFlag[i] = Rtt.SYN_ACK;
    else if (st.rttFlag[i] === Rtt.SYN_ACK) st.rttFlag[i] = Rtt.ACK;
    st.stat[i] |= ctx.S | Stat.SEEN;
  },

  onFlowTerminate(i: number, out: OutputBuffer): void {
    flowEnd(core.flows, i, out, st, totals);
  },

  report(r: ReportWriter): void {
    endReport(r, totals, core.stats.numPackets);
  },

  monitoring(r: ReportWriter, state: MonState): void {
    monitoring(r, state, totals);
  },
});
