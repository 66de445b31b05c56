import { column, definePlugin } from '../../core/plugin/api.ts';
import type { Core, OutputBuffer, Packet, ReportWriter } from '../../core/plugin/api.ts';
import { ConnTable, TIMEOUT_CLOSED, TIMEOUT_CLOSING, TIMEOUT_ESTABLISHED, TIMEOUT_NEW, TIMEOUT_RESET } from './connState.ts';
import { StateMachine } from './stateMachine.ts';

const TCP = 6;
/** Captured TCP bytes needed before the flags byte is looked at (as T2 checks it). */
const MIN_SNAP_L4 = 13;

let core: Core;
let table: ConnTable;
let machine: StateMachine;
/** OR of the column values of all TCP flows written so far. */
let aggregate = 0;

function u32(buf: Uint8Array, off: number): number {
  return ((buf[off] << 24) | (buf[off + 1] << 16) | (buf[off + 2] << 8) | buf[off + 3]) >>> 0;
}

export default definePlugin({
  name: 'tcpStates',
  number: 132,
  version: '0.9.3',
  t2Version: [0, 9],
  columns: [column('tcpStatesAFlags', 'TCP state machine anomalies', 'H8')],

  init(c: Core): void {
    core = c;
    table = new ConnTable(c.capacity);
    machine = new StateMachine(table, c.flows.timeout);
    aggregate = 0;
    // Registration order matters to the core's handler list; the duplicate 120 is ignored there.
    for (const t of [TIMEOUT_RESET, TIMEOUT_NEW, TIMEOUT_ESTABLISHED, TIMEOUT_CLOSING, TIMEOUT_CLOSED]) c.addTimeout(t);
  },

  onNewFlow(_pkt: Packet, i: number): void {
    table.reset(i);
  },

  onLayer4(pkt: Packet, i: number): void {
    if (pkt.l4Proto !== TCP || !pkt.isFirstFragment() || pkt.snapL4Len < MIN_SNAP_L4) return;
    const b = pkt.buf;
    const l4 = pkt.l4Off;
    machine.packet(i, core.flows.opposite[i], b[l4 + 13], u32(b, l4 + 4), u32(b, l4 + 8));
  },

  onFlowTerminate(i: number, out: OutputBuffer): void {
    if (core.flows.l4Proto[i] !== TCP) {
      out.u8(table.anomOf(i));
      return;
    }
    const anom = machine.terminate(i, core.flows.opposite[i]);
    aggregate |= anom;
    out.u8(anom);
  },

  report(r: ReportWriter): void {
    r.aggrHex('tcpStates', 'tcpStatesAFlags', aggregate, 2);
  },
});
