#!/usr/bin/env node
// Throughput benchmark (shared/bench/README.md): generates the inputs when missing, bundles the
// plugin sets with t2build and runs `t2 -r INPUT -w OUT/ -l` several times per input and set,
// printing median wall time, packets per second and peak resident memory.
//
//   node bench/run.mjs [--runs N] [--input ndpi-x12|synth2m|ndpi-mix ...] [--set tutorial|default]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
const shared = resolve(repo, '../shared');
const inputsDir = process.env.T2_BENCH_INPUTS ?? join(here, '.inputs');

const INPUTS = {
  'ndpi-mix': { packets: 94729, make: null, path: join(shared, 'bench/ndpi-mix.pcap') },
  'ndpi-x12': {
    packets: 1136748,
    path: join(inputsDir, 'ndpi-x12.pcap'),
    make: (out) => ['python3', [join(shared, 'tools/replicate-pcap.py'), join(shared, 'bench/ndpi-mix.pcap'), out, '--copies', '12']],
  },
  synth2m: {
    packets: 2000029,
    path: join(inputsDir, 'synth2m.pcap'),
    make: (out) => ['python3', [join(shared, 'tools/gen-pcap.py'), '-o', out, '-n', '2000000', '--seed', '2', '--duration', '3600']],
  },
};
const SETS = {
  tutorial: ['basicFlow', 'basicStats', 'tcpStates', 'txtSink'],
};
/** Tranalyzer2 0.9.3 on this machine kind (shared/bench/README.md). */
const T2_REFERENCE = { 'tutorial/ndpi-x12': '573 k/s, 93 MiB', 'tutorial/synth2m': '1.19 M/s, 22 MiB' };

function option(name, fallback) {
  const all = [];
  process.argv.forEach((a, i) => a === `--${name}` && process.argv[i + 1] && all.push(process.argv[i + 1]));
  return all.length ? all : fallback;
}

const runs = Number(option('runs', ['5'])[0]);
const inputs = option('input', ['ndpi-x12', 'synth2m']);
const sets = option('set', ['tutorial']);

function ensureInput(name) {
  const input = INPUTS[name];
  if (!input) throw new Error(`unknown input ${name}`);
  if (existsSync(input.path)) return input.path;
  mkdirSync(inputsDir, { recursive: true });
  const [cmd, args] = input.make(input.path);
  process.stderr.write(`generating ${input.path} ...\n`);
  execFileSync(cmd, args, { stdio: 'inherit' });
  return input.path;
}

function buildSet(set) {
  const dir = mkdtempSync(join(tmpdir(), `t2bench-${set}-`));
  execFileSync(process.execPath, [join(repo, 'bin/t2build.js'), '-y', '-p', dir, 'tranalyzer2', ...SETS[set]], { stdio: 'ignore' });
  return dir;
}

const hasGnuTime = existsSync('/usr/bin/time');

/** The node options t2's launcher lines give (`exec node OPTIONS "$0" "$@"`): what `t2` runs with. */
function t2NodeOptions() {
  const m = /^':' \/\/; exec node (.*?) "\$0" "\$@"$/m.exec(readFileSync(join(repo, 'bin/t2.js'), 'utf8'));
  return m ? m[1].split(/\s+/).filter((o) => o !== '') : [];
}
const nodeOptions = t2NodeOptions();

/** One run: wall seconds, peak RSS (KiB, from GNU time when available), CPU seconds of the main and other threads. */
function runOnce(pluginDir, input) {
  const out = mkdtempSync(join(tmpdir(), 't2bench-out-'));
  const t2 = [...nodeOptions, '-r', join(here, 'threadCpu.cjs'), join(repo, 'bin/t2.js'), '-p', pluginDir, '-r', input, '-w', out + '/', '-l'];
  const start = process.hrtime.bigint();
  const p = hasGnuTime
    ? spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...t2], { encoding: 'utf8' })
    : spawnSync(process.execPath, t2, { encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  rmSync(out, { recursive: true, force: true });
  if (p.status !== 0) throw new Error(`t2 failed (${p.status}): ${p.stderr}`);
  const rss = hasGnuTime ? Number(p.stderr.trim().split('\n').pop()) : NaN;
  const cpu = /t2bench-cpu (\S+) (\S+)/.exec(p.stderr);
  return { wall, rss, mainCpu: cpu ? Number(cpu[1]) : NaN, otherCpu: cpu ? Number(cpu[2]) : NaN };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
for (const set of sets) {
  const pluginDir = buildSet(set);
  for (const name of inputs) {
    const path = ensureInput(name);
    runOnce(pluginDir, path);
    const results = Array.from({ length: runs }, () => runOnce(pluginDir, path));
    const wall = median(results.map((r) => r.wall));
    const rss = Math.max(...results.map((r) => r.rss));
    const mainCpu = median(results.map((r) => r.mainCpu));
    const otherCpu = median(results.map((r) => r.otherCpu));
    rows.push({ set, name, wall, pps: INPUTS[name].packets / wall, rss, mainCpu, otherCpu });
    process.stderr.write(`${set} ${name}: ${results.map((r) => r.wall.toFixed(2)).join(' ')} s\n`);
  }
  rmSync(pluginDir, { recursive: true, force: true });
}

console.log(`| plugin set | input | median wall (${runs} runs) | packets/s | peak RSS | CPU main / other threads | T2 0.9.3 |`);
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) {
  const pps = r.pps >= 1e6 ? `${(r.pps / 1e6).toFixed(2)} M` : `${(r.pps / 1e3).toFixed(0)} k`;
  const rss = Number.isNaN(r.rss) ? 'n/a' : `${(r.rss / 1024).toFixed(0)} MiB`;
  const cpu = `${r.mainCpu.toFixed(2)} s / ${r.otherCpu.toFixed(2)} s`;
  console.log(`| ${r.set} | ${r.name} | ${r.wall.toFixed(2)} s | ${pps} | ${rss} | ${cpu} | ${T2_REFERENCE[`${r.set}/${r.name}`] ?? '-'} |`);
}
