import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SET_PLUGINS, SHARED } from '../golden/corpus.ts';
import { REPO, tool } from '../golden/runT2.ts';

const ANSI = /\x1b\[[0-9;]*m/g;
let pluginDir = '';
let big = '';

beforeAll(() => {
  pluginDir = mkdtempSync(join(tmpdir(), 't2plugins-signals-'));
  tool('t2build', ['-y', '-p', pluginDir, 'tranalyzer2', ...SET_PLUGINS.tutorial]);
  big = join(mkdtempSync(join(tmpdir(), 't2big-')), 'big.pcap');
  execFileSync('python3', [join(SHARED, 'tools/replicate-pcap.py'), join(SHARED, 'bench/ndpi-mix.pcap'), big, '--copies', '3']);
}, 180_000);

interface Outcome {
  rc: number | null;
  report: string;
  flows: string;
}

/** Runs t2 on the large capture; each signal is sent once its trigger text is in the report. */
function interrupted(steps: [trigger: string, signal: NodeJS.Signals][]): Promise<Outcome> {
  const out = mkdtempSync(join(tmpdir(), 't2sig-'));
  const child = spawn(process.execPath, [join(REPO, 'bin/t2.js'), '-p', pluginDir, '-r', big, '-w', out + '/'], { cwd: out });
  let report = '';
  let next = 0;
  child.stdout.setEncoding('latin1');
  child.stdout.on('data', (chunk: string) => {
    report += chunk;
    while (next < steps.length && report.replace(ANSI, '').includes(steps[next][0])) child.kill(steps[next++][1]);
  });
  return new Promise((resolve) => {
    child.on('close', (rc) => {
      const file = join(out, 'big_flows.txt');
      resolve({ rc, report: report.replace(ANSI, ''), flows: existsSync(file) ? readFileSync(file, 'latin1') : '' });
    });
  });
}

/** Every line has the header's number of columns, and the file holds every flow the report counts. */
function expectCompleteFlowFile(o: Outcome): void {
  const lines = o.flows.split('\n');
  expect(lines.pop()).toBe('');
  const columns = lines[0].split('\t').length;
  expect(lines.every((l) => l.split('\t').length === columns)).toBe(true);
  const counted = /Number of processed {6}flows: (\d+)/.exec(o.report);
  expect(counted).not.toBeNull();
  expect(lines.length - 1).toBe(Number(counted![1]));
  expect(o.report).toContain('Aggregated flowStat=');
}

describe('signals on a large capture', () => {
  it('SIGTERM stops reading, writes every flow in memory and prints the end report', async () => {
    const o = await interrupted([['Dump start', 'SIGTERM']]);
    expect(o.rc).toBe(0);
    expect(o.report).toContain('[INF] SIGTERM: Terminate, terminate. Remove all flows and exit');
    expectCompleteFlowFile(o);
    const packets = Number(/Number of processed packets: (\d+)/.exec(o.report)![1]);
    expect(packets).toBeLessThan(3 * 94729);
  }, 60_000);

  it('a second SIGINT stops reading; the first stops flow creation', async () => {
    const o = await interrupted([
      ['Dump start', 'SIGINT'],
      ['SIGINT: Stop flow creation', 'SIGINT'],
    ]);
    expect(o.rc).toBe(0);
    expect(o.report).toContain('[INF] SIGINT: Stop flow creation');
    expect(o.report).toContain('[INF] SIGINT: Remove all flows and exit');
    expectCompleteFlowFile(o);
  }, 60_000);
});
