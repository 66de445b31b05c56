import { column, definePlugin, MonState, StatHi, StatLo } from '../../core/plugin/api.ts';
import type { Core, OutputBuffer, Packet, ReportWriter } from '../../core/plugin/api.ts';
import { newWindowSummary, updateWindowSummary } from './windowSummary.ts';

export type { WindowSummary } from './windowSummary.ts';

/**
 * tcpWin, the plugin of the T2 tutorials ("your first flow plugin", end report and monitoring,
 * alarm mode): counts the TCP packets whose window is below TCPWIN_THRES (flags.ts).
 */

const PLUGIN = 'tcpWin';
const L3_TCP = 6;
/** tcpWinStat: a counted packet had a window below the threshold. */
const TCPWIN_STAT_THU = 0x01;

let core: Core;

// tcpWinFlow_t, one array per field (per-flow state indexed by flowIndex)
let winThCnt: Uint32Array; // window undershoot count
let pktTcpCnt: Uint32Array; // counted TCP packets
let tcpInitWinSz: Uint32Array; // window of the first packet
let ipTTL: Uint8Array; // TTL of the first packet
let stat: Uint8Array; // plugin flow status
// Packets of the flow, counted like basicStats' numTPkts (which the tutorial reads from it).
let numTPkts: Float64Array;

/** Per-IP summary for dependants (tcpWinSink); filled at flow end. */
const summary = newWindowSummary(TCPWIN_MAXWSCNT);

let tcpWinStat = 0; // aggregated status
let winThCntG = 0; // packets below the threshold, all flows
let winThCntG0 = 0; // winThCntG at the previous monitoring line (DIFF_REPORT)
let winAlarms = 0; // ALARM_MODE: alarms reported
let winThFlows = 0; // ALARM_MODE: flows with alarms

function ttlOf(pkt: Packet): number {
  if (pkt.l3Off < 0) return 0;
  if (pkt.ipVer === 4) return pkt.buf[pkt.l3Off + 8]!;
  if (pkt.ipVer === 6) return pkt.buf[pkt.l3Off + 7]!;
  return 0;
}

function tcpWindow(pkt: Packet): number {
  const b = pkt.buf;
  const off = pkt.l4Off + 14;
  return (b[off]! << 8) | b[off + 1]!;
}

export default definePlugin({
  name: PLUGIN,
  number: 150,
  version: '0.9.3',
  t2Version: [0, 9],
  dependencies: ['basicStats'],
  columns: [
    column('tcpWinStat', 'TCP window size threshold status', 'H8'),
    column('tcpWinIpTTL', 'IP TTL', 'U8'),
    column('tcpInitWinSz', 'TCP initial effective window size', 'U32'),
    column('tcpWinThCnt', 'TCP window size threshold count', 'U32'),
    column('tcpWinSzThRt', 'TCP packet count ratio below window size WINMIN threshold', 'F'),
  ],
  exports: summary,

  init(c: Core): void {
    core = c;
    winThCnt = new Uint32Array(c.capacity);
    pktTcpCnt = new Uint32Array(c.capacity);
    tcpInitWinSz = new Uint32Array(c.capacity);
    ipTTL = new Uint8Array(c.capacity);
    stat = new Uint8Array(c.capacity);
    numTPkts = new Float64Array(c.capacity);
    tcpWinStat = winThCntG = winThCntG0 = winAlarms = winThFlows = 0;
    summary.count = 0;
    summary.ratio.fill(0);
  },

  onNewFlow(pkt: Packet, i: number): void {
    winThCnt[i] = 0;
    pktTcpCnt[i] = 0;
    stat[i] = 0;
    numTPkts[i] = 0;
    ipTTL[i] = ttlOf(pkt);
    tcpInitWinSz[i] = pkt.l4Proto === L3_TCP && pkt.l4Off >= 0 ? tcpWindow(pkt) : 0;
  },

  onLayer4(pkt: Packet, i: number): void {
    numTPkts[i]++;
    if (core.flows.l4Proto[i] !== L3_TCP) return; // process only TCP
    if (!pkt.isFirstFragment()) return; // only 1. frag packet will be processed
    pktTcpCnt[i]++;
    if (tcpWindow(pkt) < TCPWIN_THRES) {
      winThCnt[i]++;
      stat[i] |= TCPWIN_STAT_THU;
      winThCntG++;
      if (ALARM_MODE) core.setFlowStatus(i, 0, StatHi.FL_ALARM);
    }
  },

  onFlowTerminate(i: number, out: OutputBuffer): void {
    tcpWinStat |= stat[i]!;
    out.u8(stat[i]!);
    out.u8(ipTTL[i]!);
    out.u32(tcpInitWinSz[i]!);
    out.u32(winThCnt[i]!);
    const ratio = pktTcpCnt[i] ? Math.fround(winThCnt[i]! / pktTcpCnt[i]!) : 0;
    out.f32(ratio);
    const flows = core.flows;
    const ipv4Tcp = (flows.statusLo[i]! & StatLo.L2_IPV4) !== 0 && flows.l4Proto[i] === L3_TCP;
    if (!ipv4Tcp || winThCnt[i] === 0 || numTPkts[i]! < TCPWIN_MINPKTS) return;
    if (ALARM_MODE) {
      core.reportAlarms(winThCnt[i]!);
      winAlarms += winThCnt[i]!;
      winThFlows++;
    }
    updateWindowSummary(summary, flows.srcIP, i * 16, numTPkts[i]!, ratio);
  },

  report(r: ReportWriter): void {
    if (!winThCntG) return;
    r.aggrHex(PLUGIN, 'tcpWinStat', tcpWinStat, 2);
    if (ALARM_MODE && winThFlows) {
      r.plog(PLUGIN, `${winAlarms} alarms in ${winThFlows} flows below win threshold ${TCPWIN_THRES}`);
    }
    r.numP(PLUGIN, `Number of TCP winsize packets below threshold ${TCPWIN_THRES}`, winThCntG, core.stats.numPacketsL3[L3_TCP]!);
  },

  monitoring(r: ReportWriter, state: MonState): void {
    switch (state) {
      case MonState.Header:
        r.raw('winPktThCnt\t');
        break;
      case MonState.Values:
        r.raw(`${winThCntG - winThCntG0}\t`);
        break;
      case MonState.Report:
        // The tutorial's label lacks the space before the threshold; kept as T2 prints it.
        r.numP(PLUGIN, `Number of TCP winsize packets below threshold${TCPWIN_THRES}`, winThCntG - winThCntG0, core.stats.numPackets);
        break;
    }
    if (DIFF_REPORT) winThCntG0 = winThCntG;
  },
});
