import { column, definePlugin } from 't2ts/plugin';
import type { Core, OutputBuffer, Packet } from 't2ts/plugin';

/**
 * tcpWin01, "The basics: your first flow plugin" up to "Compile, run, analyze and extend": the
 * scaffold of `t2plugin -c tcpWin -n 150 -m` with the tutorial's edits, in TypeScript. Counts the
 * TCP packets whose window is below TCPWIN_THRES.
 */

const PLUGIN = 'tcpWin';
const L3_TCP = 6;
/** tcpWinStat status variable: TCP window size threshold undershoot. */
const TCPWIN_STAT_THU = 0x01;

let core: Core;

// tcpWinFlow_t: always large variables first
let winThCnt: Uint32Array; // win undershoot count
let stat: Uint8Array; // plugin flow status

let tcpWinStat = 0; // aggregated status, for a later end report

export default definePlugin({
  name: PLUGIN,
  number: 150,
  version: '0.9.3',
  t2Version: [0, 9],
  columns: [
    column('tcpWinStat', 'TCP window size threshold status', 'H8'), // <-- Updated description
    column('tcpWinThCnt', 'TCP window size threshold count', 'U32'), // <-- New line
  ],

  // t2Init: T2_PLUGIN_STRUCT_NEW(tcpWinFlows)
  init(c: Core): void {
    core = c;
    winThCnt = new Uint32Array(c.capacity);
    stat = new Uint8Array(c.capacity);
    tcpWinStat = 0;
  },

  // t2OnNewFlow: memset(tcpWinFlowP, '\0', sizeof(*tcpWinFlowP))
  onNewFlow(_pkt: Packet, flowIndex: number): void {
    winThCnt[flowIndex] = 0;
    stat[flowIndex] = 0;
  },

  onLayer4(pkt: Packet, flowIndex: number): void {
    if (core.flows.l4Proto[flowIndex] !== L3_TCP) return; // process only TCP
    if (!pkt.isFirstFragment()) return; // only 1. frag packet will be processed
    const off = pkt.l4Off + 14; // tcpHeader->window
    const tcpWin = (pkt.buf[off]! << 8) | pkt.buf[off + 1]!; // ntohs
    if (tcpWin < TCPWIN_THRES) { // is the window size below the threshold?
      winThCnt[flowIndex]++; // count the packet
      stat[flowIndex]! |= TCPWIN_STAT_THU; // set the status bit
    }
  },

  onFlowTerminate(flowIndex: number, out: OutputBuffer): void {
    tcpWinStat |= stat[flowIndex]!;
    out.u8(stat[flowIndex]!);
    out.u32(winThCnt[flowIndex]!); // <-- New line
  },
});
