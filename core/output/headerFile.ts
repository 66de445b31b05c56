/** Text of `PREFIX_headers.txt` (txtSink.md §3). */
import { hostname, machine, release, type, version } from 'node:os';
import { T2_VERSION_TEXT, type PluginIdentity } from '../report/startup.ts';
import { wallClockText } from '../report/timeFormat.ts';
import { headerTypeName, type Column } from './columns.ts';

export interface HeaderPreambleInfo {
  /** Start wall-clock time, the same reading as the report's `Date:` line (µs resolution). */
  readonly date: { readonly sec: number; readonly usec: number };
  /** As in `[INF] Creating flows for …`: `L2, IPv4, IPv6` (+ ` [ALARM]` / ` [FORCE]`). */
  readonly coreConfig: string;
  readonly sensorId: number;
  readonly pid: number;
  /** Nice value. */
  readonly priority: number;
  /** argv of the run (program first); joined with single spaces. */
  readonly commandLine: readonly string[];
  /** uname fields `nodename;sysname;release;version;machine` (see `hardwareInfo`). */
  readonly hwInfo: string;
  /** Capture library version (`libpcap version 1.10.3 (with TPACKET_V3)` in T2). */
  readonly swInfo: string;
  /** Loaded plugins in load order. */
  readonly plugins: readonly PluginIdentity[];
}

/** `nodename;sysname;release;version;machine` of this host, as T2 takes them from uname(2). */
export function hardwareInfo(): string {
  return [hostname(), type(), release(), version(), machine()].join(';');
}

/**
 * Every line of `_headers.txt` before the column table: date, version, configuration, sensor,
 * PID, priority, command line, HW/SW info, `#`, the plugin list and a closing `#`.
 * `Core.headerPreamble()` returns exactly this text (each line `\n`-terminated).
 */
export function formatHeaderPreamble(info: HeaderPreambleInfo): string {
  const lines = [
    `# Date: ${wallClockText(info.date.sec, info.date.usec)}`,
    `# ${T2_VERSION_TEXT}`,
    `# Core configuration: ${info.coreConfig}`,
    `# SensorID: ${info.sensorId}`,
    `# PID: ${info.pid}`,
    `# Priority: ${info.priority}`,
    `# Command line: ${info.commandLine.join(' ')}`,
    `# HW info: ${info.hwInfo}`,
    `# SW info: ${info.swInfo}`,
    '#',
    '# Plugins loaded:',
    ...info.plugins.map((p, i) => `#   ${String(i + 1).padStart(2, '0')}: ${p.name}, version ${p.version}`),
    '#',
  ];
  return lines.join('\n') + '\n';
}

/** `# Col No.\tType\tName\tDescription` and one row per column, numbered from 1. */
export function formatColumnTable(columns: readonly Column[]): string {
  let text = '# Col No.\tType\tName\tDescription\n';
  columns.forEach((c, i) => {
    text += `${i + 1}\t${headerTypeName(c)}\t${c.name}\t${c.description}\n`;
  });
  return text;
}

/** The flow file's first line: `%` and the column names joined with TAB. */
export function formatNameLine(columns: readonly Column[]): string {
  return '%' + columns.map((c) => c.name).join('\t') + '\n';
}
