import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Scratch, type Run } from './scratch.ts';

const CAPTURE = '/work/shared/pcaps/DnsPackets.pcap';

/** Runs one shell-like command line of the tutorial; every step must succeed. */
async function step(p: Scratch, line: string): Promise<Run> {
  const [tool, ...args] = line.split(' ');
  const r = await p.run(tool as 't2', ...args);
  if (r.status !== 0) throw new Error(`'${line}' failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r;
}

function flowFile(p: Scratch): string[][] {
  const dir = join(p.dir, 'results');
  const file = readdirSync(dir).find((f) => f.endsWith('_flows.txt'))!;
  return readFileSync(join(dir, file), 'utf8').trimEnd().split('\n').map((l) => l.split('\t'));
}

/** The tutorial's start: reset, empty the plugin folder, build the core and the basic set. */
async function tutorialStart(): Promise<Scratch> {
  const p = new Scratch();
  await step(p, 't2conf -a --reset');
  await step(p, 't2build -e -y');
  await step(p, 't2build -r -f tranalyzer2 basicFlow basicStats txtSink');
  return p;
}

describe('the tutorial sequence in a scratch project', { timeout: 180_000 }, () => {
  let p: Scratch;
  beforeAll(async () => {
    p = await tutorialStart();
  }, 180_000);

  it('minimal template: t2plugin -m, t2build, t2 → the new column is in the flow file', async () => {
    expect((await step(p, 't2plugin -c tcpWin2 -n 151 -m')).stdout).toContain("plugin 'tcpWin2' created");
    await step(p, 't2build tcpWin2');
    expect(readdirSync(p.pluginFolder).sort()).toEqual([
      '100_basicFlow.mjs',
      '120_basicStats.mjs',
      '151_tcpWin2.mjs',
      '901_txtSink.mjs',
      'tranalyzer2.mjs',
    ]);
    await step(p, `t2 -r ${CAPTURE} -w results/`);
    const [header, first] = flowFile(p);
    expect(header).toContain('tcpWin2Stat');
    expect(first![header!.indexOf('tcpWin2Stat')]).toBe('0x01');
  });

  it('full template: its example columns are in the flow file, and a flag adds one', async () => {
    await step(p, 't2plugin -c myFull -n 152');
    await step(p, 't2build myFull');
    await step(p, `t2 -r ${CAPTURE} -w results/`);
    let [header, first] = flowFile(p);
    expect(header!.slice(-3)).toEqual(['myFullStat', 'myFullText', 'myFullVar3_Var4']);
    expect(first!.slice(-3)).toEqual(['0x00', '""', '0x00000000_0x0000']);
    await step(p, 't2conf myFull -D MYFULL_VAR1=1');
    await step(p, 't2build myFull');
    await step(p, `t2 -r ${CAPTURE} -w results/`);
    [header, first] = flowFile(p);
    expect(header!.slice(-4)).toEqual(['myFullStat', 'myFullText', 'myFullVar1', 'myFullVar3_Var4']);
    expect(Number(first![header!.indexOf('myFullVar1')])).toBeGreaterThan(0);
  });

  it('sink template: the sink receives every flow record', async () => {
    await step(p, 't2plugin -c mySink -n 902 -s');
    await step(p, 't2build mySink');
    const run = await step(p, `t2 -r ${CAPTURE} -w results/`);
    const lines = readFileSync(join(p.dir, 'results/DnsPackets_mySink.txt'), 'utf8').trimEnd().split('\n');
    expect(lines[0]).toMatch(/^%columns\tdir flowInd flowStat .* myFullVar3_Var4$/);
    expect(lines.length - 1).toBe(flowFile(p).length - 1);
    expect(run.stdout).toContain(`mySink:`);
  });

  it('t2conf -D ALARM_MODE=1 && t2build -R changes what runs; --reset && t2build -R restores it', async () => {
    const flowsBefore = flowFile(p).length;
    await step(p, 't2conf tranalyzer2 -D ALARM_MODE=1');
    expect((await step(p, 't2conf -G ALARM_MODE tranalyzer2')).stdout).toBe('ALARM_MODE = 1\n');
    await step(p, 't2build -R');
    const alarm = await step(p, `t2 -r ${CAPTURE} -w results/`);
    expect(alarm.stdout).toContain('[ALARM]');
    // no plugin raises alarms here, so every record is suppressed
    expect(flowFile(p).length).toBe(1);
    await step(p, 't2conf --reset tranalyzer2');
    await step(p, 't2build -R');
    const normal = await step(p, `t2 -r ${CAPTURE} -w results/`);
    expect(normal.stdout).not.toContain('[ALARM]');
    expect(flowFile(p).length).toBe(flowsBefore);
  });

  it('a plugin built for another core configuration is named in a clear error', async () => {
    await step(p, 't2conf tranalyzer2 -D FLOW_TIMEOUT=100');
    await step(p, 't2build tranalyzer2');
    const r = await p.run('t2', '-r', CAPTURE, '-w', 'results/');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/basicFlow.*different core configuration/);
    await step(p, 't2conf --reset tranalyzer2');
    await step(p, 't2build -R');
    await step(p, `t2 -r ${CAPTURE} -w results/`);
  });

  it('t2 without a core tells the user to build it', async () => {
    const empty = new Scratch();
    const r = await empty.run('t2', '-r', CAPTURE, '-w', 'results/');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("build it with 't2build tranalyzer2'");
    expect(existsSync(empty.pluginFolder)).toBe(false);
  });
});
