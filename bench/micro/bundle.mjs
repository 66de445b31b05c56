// Shared by the micro-benchmarks: bundles a TypeScript entry (source text, imports relative to
// the repository) with esbuild the way t2build does, imports it, and times a measured function.
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const inputsDir = process.env.T2_BENCH_INPUTS ?? join(repo, 'bench/.inputs');

/** Bundles `source` into a new temporary folder; returns the bundle's path and the folder. */
export async function bundleToFile(source) {
  const result = await build({
    stdin: { contents: source, loader: 'ts', resolveDir: repo, sourcefile: 'micro-entry.ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minifySyntax: true,
    treeShaking: true,
    logLevel: 'silent',
    define: { MONINTTMPCP: '0' },
  });
  const dir = mkdtempSync(join(tmpdir(), 't2micro-'));
  const file = join(dir, 'entry.mjs');
  writeFileSync(file, result.outputFiles[0].text);
  return { file, dir };
}

export async function importBundled(source) {
  // MICRO_KEEP=1 keeps the bundle (path printed), for line-level reading of a profile.
  const keep = process.env.MICRO_KEEP === '1';
  const { file, dir } = await bundleToFile(source);
  if (keep) console.error(`bundle: ${file}`);
  try {
    return await import(pathToFileURL(file).href);
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

/** `--input NAME` (default ndpi-x12) as a capture path. */
export function inputPath() {
  const i = process.argv.indexOf('--input');
  const name = i > 0 ? process.argv[i + 1] : 'ndpi-x12';
  return name.endsWith('.pcap') ? name : join(inputsDir, `${name}.pcap`);
}

/**
 * Runs `fn` (returns the number of items it handled) `runs` times and prints the median rate.
 * Time is the process's CPU time (user + system), which other load on the machine disturbs less
 * than wall time; the benchmark is single-threaded, so the two agree on a quiet machine.
 */
export function measure(label, fn, runs = Number(process.env.MICRO_RUNS ?? 3)) {
  const times = [];
  let items = 0;
  for (let r = 0; r < runs; r++) {
    const t = process.cpuUsage();
    items = fn();
    const d = process.cpuUsage(t);
    times.push((d.user + d.system) / 1e6);
  }
  const cpu = times.sort((a, b) => a - b)[Math.floor(runs / 2)];
  console.log(`${label}: ${items} items, median ${(cpu * 1e3).toFixed(0)} ms CPU, ${((cpu / items) * 1e9).toFixed(0)} ns/item, ${(items / cpu / 1e6).toFixed(2)} M/s`);
}
