/** Lines of T2's start-up and end-of-reading sequence (core.md §1.5, §8.2) on the report stream. */
import type { Stats } from '../stats.ts';
import { countHr } from './numberFormat.ts';
import type { ReportWriter } from './reportWriter.ts';
import { durationText, pcapTimeText, timeDiff, wallClockNow, wallClockText } from './timeFormat.ts';

export const RULE_EQ = '='.repeat(80);

export const T2_VERSION_TEXT = 'Tranalyzer 0.9.3 (Anteater), Cobra';

export interface BannerInfo {
  readonly pid: number;
  /** Process nice value (`-P`). */
  readonly priority: number;
  /** `-x`, default 666. */
  readonly sensorId: number;
  /** `-c` CPU, if pinned. */
  readonly cpu?: number;
}

/** The three banner lines: 80 `=`, version/PID/Prio/SID, 80 `=`. */
export function writeBanner(r: ReportWriter, info: BannerInfo): void {
  const cpu = info.cpu === undefined ? '' : `, CPU: ${info.cpu}`;
  r.line(RULE_EQ);
  r.line(`${T2_VERSION_TEXT}. PID: ${info.pid}, Prio: ${info.priority}, SID: ${info.sensorId}${cpu}`);
  r.line(RULE_EQ);
}

/** `Date: S.NNNNNNNNN sec (Www DD Mmm YYYY HH:MM:SS TZ)`: wall clock, local time. */
export function writeDateLine(r: ReportWriter, now: { sec: number; usec: number } = wallClockNow()): void {
  r.line(`Date: ${wallClockText(now.sec, now.usec)}`);
}

export interface PluginIdentity {
  readonly name: string;
  readonly version: string;
}

/** `Active plugins:` and one `    NN: name, version` line per plugin, in load order. */
export function writeActivePlugins(r: ReportWriter, plugins: readonly PluginIdentity[]): void {
  r.line('Active plugins:');
  plugins.forEach((p, i) => r.line(`    ${String(i + 1).padStart(2, '0')}: ${p.name}, ${p.version}`));
}

/** `Snapshot length: N<hr>`. */
export function writeSnapshotLength(r: ReportWriter, snaplen: number): void {
  r.line(`Snapshot length: ${countHr(snaplen)}`);
}

/** `Dump start: …` at the first packet. */
export function writeDumpStart(r: ReportWriter, sec: number, ns: number): void {
  r.line(`Dump start: ${pcapTimeText(sec, ns)}`);
}

/** A wall-clock duration as `Finished processing. Elapsed time: …` and similar lines print it. */
export interface Elapsed {
  readonly sec: number;
  /** Nanoseconds. */
  readonly ns: number;
}

/** Elapsed wall-clock time since `startNs` (a `process.hrtime.bigint()` reading). */
export function elapsedSince(startNs: bigint): Elapsed {
  const d = process.hrtime.bigint() - startNs;
  return { sec: Number(d / 1_000_000_000n), ns: Number(d % 1_000_000_000n) };
}

/**
 * After the last packet, before the remaining flows are written: `Dump stop : …` (last packet
 * time from `stats.lastSec/lastNs`), `Total dump duration: …` (last − first) and
 * `Finished processing. Elapsed time: …`.
 */
export function writeDumpEnd(r: ReportWriter, stats: Stats, elapsed: Elapsed): void {
  r.line(`Dump stop : ${pcapTimeText(stats.lastSec, stats.lastNs)}`);
  const d = timeDiff(stats.firstSec, stats.firstNs, stats.lastSec, stats.lastNs);
  r.line(`Total dump duration: ${durationText(d.sec, d.frac)}`);
  r.line(`Finished processing. Elapsed time: ${durationText(elapsed.sec, elapsed.ns)}`);
}
