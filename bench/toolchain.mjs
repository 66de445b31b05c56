// Toolchain latency (not a timed test): cold starts of t2conf -G and -D and t2build of the
// default set, in a scratch project with its own HOME. Median of several runs, wall clock.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.RUNS ?? 7);
const dir = mkdtempSync(join(tmpdir(), 't2ts-bench-'));
writeFileSync(join(dir, 't2.config.ts'), "import { defineConfig } from 't2ts/config';\n\nexport default defineConfig({});\n");

function run(tool, args) {
  const t0 = performance.now();
  const script = tool ? [join(ROOT, 'bin', `${tool}.js`)] : [];
  const p = spawnSync(process.execPath, [...script, ...args], {
    cwd: dir,
    env: { ...process.env, HOME: dir, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  if (p.status !== 0) throw new Error(`${tool ?? 'node'} ${args.join(' ')}: ${p.stderr}`);
  return performance.now() - t0;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function measure(label, tool, args, before) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    before?.();
    times.push(run(tool, args));
  }
  console.log(`${label.padEnd(40)} median ${median(times).toFixed(0).padStart(5)} ms  (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}, ${RUNS} runs)`);
}

run('t2conf', ['-G', 'ALARM_MODE', 'tranalyzer2']); // bundles the tools once if sources changed
console.log(`node ${process.version}, ${RUNS} runs each`);
measure('node -e 0 (baseline: process start)', undefined, ['-e', '0']);
measure('t2conf -G ALARM_MODE tranalyzer2', 't2conf', ['-G', 'ALARM_MODE', 'tranalyzer2']);
measure('t2conf tranalyzer2 -D ALARM_MODE=1', 't2conf', ['tranalyzer2', '-D', 'ALARM_MODE=1']);
const folder = join(dir, '.tranalyzer');
measure('t2build (default set, empty folder)', 't2build', [], () => rmSync(folder, { recursive: true, force: true }));
measure('t2build (default set, up to date)', 't2build', []);
rmSync(dir, { recursive: true, force: true });
