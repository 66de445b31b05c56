import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

export const SHARED = resolve(import.meta.dirname, '../../../shared');
export const PCAP_DIR = join(SHARED, 'pcaps');
export const GOLDEN_DIR = join(SHARED, 'golden');

/** Plugins of each golden set, in output order (golden/README.md "Sets"). */
export const SET_PLUGINS: Record<string, string[]> = {
  tutorial: ['basicFlow', 'basicStats', 'tcpStates', 'txtSink'],
  tcpwin: ['basicFlow', 'basicStats', 'tcpStates', 'tcpWin', 'txtSink'],
  default: ['basicFlow', 'basicStats', 'tcpFlags', 'tcpStates', 'txtSink', 'pcapd'],
  'tcpwin-mon': ['basicFlow', 'basicStats', 'tcpStates', 'tcpWin', 'txtSink'],
  'tcpwin-alarm': ['basicFlow', 'basicStats', 'tcpStates', 'tcpWin', 'txtSink', 'pcapd'],
};

/** Core flags of each set that differ from the defaults, and extra command-line options. */
export const SET_CORE_FLAGS: Record<string, Record<string, number>> = {
  'tcpwin-mon': { MONINTTMPCP: 1, DIFF_REPORT: 1, MACHINE_REPORT: 1 },
  'tcpwin-alarm': { ALARM_MODE: 1 },
};
export const SET_ARGS: Record<string, string[]> = { 'tcpwin-mon': ['-m'] };

/** Captures of a golden set (directory names are full capture file names). */
export function captures(set: string): string[] {
  return readdirSync(join(GOLDEN_DIR, set)).filter((c) => existsSync(join(PCAP_DIR, c))).sort();
}

/** A golden file as text, transparently gunzipped; undefined when T2 did not write it. */
export function goldenFile(set: string, capture: string, name: string): string | undefined {
  const dir = join(GOLDEN_DIR, set, capture);
  if (existsSync(join(dir, name))) return readFileSync(join(dir, name), 'latin1');
  if (existsSync(join(dir, name + '.gz'))) return gunzipSync(readFileSync(join(dir, name + '.gz'))).toString('latin1');
  return undefined;
}

/** A binary golden file (pcapd.pcap), undefined when absent. */
export function goldenFileBytes(set: string, capture: string, name: string): Buffer | undefined {
  const file = join(GOLDEN_DIR, set, capture, name);
  if (existsSync(file)) return readFileSync(file);
  return existsSync(file + '.gz') ? gunzipSync(readFileSync(file + '.gz')) : undefined;
}

/** Columns the golden marks as nondeterministic for this capture (NONDETERMINISTIC.txt). */
export function nondeterministicColumns(set: string, capture: string): string[] {
  const note = goldenFile(set, capture, 'NONDETERMINISTIC.txt');
  if (!note) return [];
  const line = note.split('\n').find((l) => l.trimStart().startsWith(`${set}`));
  const m = line && /flows ([^;]*);/.exec(line);
  return m ? m[1].split(',').map((s) => s.trim()) : [];
}
