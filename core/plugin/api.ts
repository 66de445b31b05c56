import type { Packet } from '../dissect/packet.ts';
import type { FlowTable } from '../flow/flowTable.ts';
import type { Column } from '../output/columns.ts';
import type { OutputBuffer } from '../output/outputBuffer.ts';
import type { Stats } from '../stats.ts';
import type { ReportWriter } from '../report/reportWriter.ts';

export { column } from '../output/columns.ts';
export type { Column, ValueType } from '../output/columns.ts';
export type { Packet } from '../dissect/packet.ts';
export type { FlowTable } from '../flow/flowTable.ts';
export type { OutputBuffer } from '../output/outputBuffer.ts';
export type { Stats } from '../stats.ts';
export type { ReportWriter } from '../report/reportWriter.ts';
export { NO_FLOW } from '../flow/flowTable.ts';
export { StatLo, StatHi } from '../flow/status.ts';
export { strerror, strerrorOf } from '../strerror.ts';

/** What a sink receives next to the record: every column of the record, in order. */
export interface Schema {
  readonly columns: readonly Column[];
}

/** Monitoring states (T2_MON_PRI_HDR, _VAL, _REPORT). */
export const enum MonState {
  Header = 0,
  Values = 1,
  Report = 2,
}

/** `-W PREFIX[:SIZE][,START]`: the flow file is split (txtSink.md). */
export interface SplitOptions {
  /** Bytes per file, or flows per file when `byFlows`. */
  readonly size: number;
  readonly byFlows: boolean;
  /** Index of the first file. */
  readonly start: number;
}

/** Everything the core offers a plugin; handed to `init`. */
export interface Core {
  /** Flow slots (T2's hashChainTableSize): size of every per-flow array. */
  readonly capacity: number;
  readonly flows: FlowTable;
  readonly stats: Stats;
  /** Output prefix, e.g. `out/capture` (files are PREFIX_flows.txt, ...). */
  readonly outputPrefix: string;
  /** Snapshot length of the (first) input, as libpcap reports it. */
  readonly snaplen: number;
  /** Bytes of capture to read as known at start (the -r file, the -R files together); 0 for stdin. */
  readonly inputSize: number;
  /** `-x`, default 666. */
  readonly sensorId: number;
  /** `-w -`: the flow file goes to stdout. */
  readonly flowsToStdout?: boolean;
  /** `-W`: split flow files. */
  readonly split?: SplitOptions;
  /** `-e FILE`: flow indexes for pcapd. */
  readonly flowIndexFile?: string;
  /** The report stream (stdout or PREFIX_log.txt). */
  readonly report: ReportWriter;
  /** Lines of the `_headers.txt` preamble that the core knows (date, configuration, plugins...). */
  readonly headerPreamble: () => string;
  /** All columns of a flow record (dir, flowInd, then every plugin's). */
  readonly schema: Schema;
  /** Registers a timeout value (seconds) so flows using it are timed out (T2's timeout_handler_add). */
  addTimeout(seconds: number): void;
  /** Sets status bits on a flow and in the aggregate (T2_SET_STATUS). */
  setFlowStatus(flowIndex: number, lo: number, hi: number): void;
  /** Sets status bits in the aggregate only. */
  setGlobalStatus(lo: number, hi: number): void;
  /** T2_REPORT_ALARMS: counts an alarm flow with n alarms; returns false when the record is suppressed. */
  reportAlarms(n: number): void;
  /** T2_RM_FLOW (FORCE_MODE builds): terminate this flow at the next packet. */
  removeFlow(flowIndex: number): void;
  /** Text of an interned header description (`Packet.hdrDescId`). */
  hdrDescText(id: number): string;
  /** Exports of an already loaded plugin this one depends on. */
  dependency<T = unknown>(name: string): T;
  /** Writes an [ERR] line to stderr. */
  error(text: string): void;
  /** Ends the run with an [ERR] line and exit status 1 (T2_PFATAL). */
  fatal(text: string): never;
}

export interface PluginHooks {
  init?(core: Core): void;
  onNewFlow?(pkt: Packet, flowIndex: number): void;
  onLayer2?(pkt: Packet, flowIndex: number): void;
  onLayer4?(pkt: Packet, flowIndex: number): void;
  onFlowTerminate?(flowIndex: number, out: OutputBuffer): void;
  bufferToSink?(buf: OutputBuffer, schema: Schema): void;
  report?(r: ReportWriter): void;
  monitoring?(r: ReportWriter, state: MonState): void;
  finalize?(): void;
}

export interface PluginDefinition extends PluginHooks {
  readonly name: string;
  /** Three-digit plugin number: order of columns and callbacks. */
  readonly number: number;
  readonly version: string;
  /** Supported core version (T2's t2SupportedT2Major/Minor). */
  readonly t2Version?: readonly [number, number];
  readonly dependencies?: readonly string[];
  readonly columns?: readonly Column[];
  /** Values other plugins may use through `core.dependency(name)`. */
  readonly exports?: unknown;
  /** Fingerprint of the core flags this plugin was built against (set by t2build). */
  readonly coreConfigHash?: string;
}

/**
 * Gives a plugin object its type. In a t2build bundle it also stamps the fingerprint of the core
 * flags the plugin was built with, so the core can refuse a plugin built for another configuration.
 */
export function definePlugin<T extends PluginDefinition>(plugin: T): T {
  if (typeof T2_CORE_CONFIG_HASH === 'undefined') return plugin;
  return { ...plugin, coreConfigHash: T2_CORE_CONFIG_HASH };
}
