import type { Packet } from '../dissect/packet.ts';
import { column, type Column } from '../output/columns.ts';
import { OutputBuffer } from '../output/outputBuffer.ts';
import type { FlowTable } from '../flow/flowTable.ts';
import type { ReportWriter } from '../report/reportWriter.ts';
import type { MonState, PluginDefinition, Schema } from './api.ts';
import { chainHooks } from './dispatch.ts';

type PacketHook = (pkt: Packet, flowIndex: number) => void;

/** Columns every record starts with (core.md §6.3). */
const CORE_COLUMNS: readonly Column[] = [column('dir', 'Flow direction', 'DIR'), column('flowInd', 'Flow index', 'U64')];

/**
 * Calls plugins in plugin-number order through dispatch arrays that hold only the plugins
 * implementing each hook, and builds flow records (core.md §6).
 */
export class PluginHost {
  readonly plugins: readonly PluginDefinition[];
  readonly schema: Schema;
  readonly out = new OutputBuffer();
  /** Every implementer of a hook, in plugin order. */
  readonly onNewFlow: PacketHook;
  readonly onLayer2: PacketHook;
  readonly onLayer4: PacketHook;
  private readonly terminate: (flowIndex: number, out: OutputBuffer) => void;
  private readonly toSinks: (buf: OutputBuffer, schema: Schema) => void;
  /** ALARM_MODE: whether the record being built stays suppressed (T2's supOut). */
  private suppress = false;
  /** ALARM_AND: a plugin reported no alarm for the record being built. */
  private quiet = false;
  private readonly alarmMode: boolean;
  private readonly alarmAnd: boolean;

  constructor(plugins: readonly PluginDefinition[], alarmMode: boolean, alarmAnd: boolean) {
    this.plugins = plugins;
    this.alarmMode = alarmMode;
    this.alarmAnd = alarmAnd;
    this.schema = { columns: [...CORE_COLUMNS, ...plugins.flatMap((p) => p.columns ?? [])] };
    const bind = <K extends keyof PluginDefinition>(hook: K) =>
      plugins.filter((p) => typeof p[hook] === 'function').map((p) => (p[hook] as (...a: unknown[]) => void).bind(p));
    this.onNewFlow = chainHooks(bind('onNewFlow') as PacketHook[]);
    this.onLayer2 = chainHooks(bind('onLayer2') as PacketHook[]);
    this.onLayer4 = chainHooks(bind('onLayer4') as PacketHook[]);
    this.terminate = chainHooks(bind('onFlowTerminate') as ((flowIndex: number, out: OutputBuffer) => void)[]);
    this.toSinks = chainHooks(bind('bufferToSink') as ((buf: OutputBuffer, schema: Schema) => void)[]);
  }

  /**
   * T2_REPORT_ALARMS as seen by the record being built (core.md §6.4): with ALARM_AND the record
   * is written when every plugin that reported found alarms. (T2 0.9.3 suppresses every record
   * there, a bug the README names.)
   */
  alarmReported(n: number): void {
    if (!this.alarmMode) return;
    if (n === 0) this.quiet = true;
    else if (!this.alarmAnd || !this.quiet) this.suppress = false;
    if (this.alarmAnd && this.quiet) this.suppress = true;
  }

  /** printFlow (core.md §6.3): dir and flowInd, every plugin's columns, then the sinks. */
  writeFlow(flows: FlowTable, slot: number, isB: boolean): void {
    const out = this.out;
    out.reset();
    out.u8(isB ? 1 : 0);
    out.u64(flows.flowInd[slot]);
    this.suppress = this.alarmMode;
    this.quiet = false;
    this.terminate(slot, out);
    if (this.suppress) return;
    this.toSinks(out, this.schema);
  }

  report(r: ReportWriter): void {
    for (const p of this.plugins) p.report?.(r);
  }

  monitoring(r: ReportWriter, state: MonState): void {
    for (const p of this.plugins) p.monitoring?.(r, state);
  }

  finalize(): void {
    for (const p of this.plugins) p.finalize?.();
  }
}
