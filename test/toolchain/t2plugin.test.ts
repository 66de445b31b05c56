import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Scratch } from './scratch.ts';

describe('t2plugin', { timeout: 60_000 }, () => {
  it('creates a plugin from each template and prints what it creates', async () => {
    const p = new Scratch();
    const minimal = await p.run('t2plugin', '-c', 'tcpWin2', '-n', '151', '-m');
    expect(minimal.status).toBe(0);
    expect(minimal.stdout).toContain('  created plugins/tcpWin2/index.ts\n');
    expect(minimal.stdout).toContain("TypeScript plugin 'tcpWin2' created");
    const index = readFileSync(join(p.dir, 'plugins/tcpWin2/index.ts'), 'utf8');
    expect(index).toContain("import { column, definePlugin } from 't2ts/plugin';");
    expect(index).toContain('number: 151,');
    expect(index).toContain("column('tcpWin2Stat', 'tcpWin2 status', 'H8')");

    expect((await p.run('t2plugin', '-c', 'mySink', '-n', '902', '-s')).status).toBe(0);
    expect(readdirSync(join(p.dir, 'plugins/mySink')).sort()).toEqual(['README.md', 'index.ts']);
    expect(readFileSync(join(p.dir, 'plugins/mySink/index.ts'), 'utf8')).toContain('bufferToSink(buf: OutputBuffer, schema: Schema)');

    expect((await p.run('t2plugin', '-c', 'myFull', '-n', '152')).status).toBe(0);
    expect(readdirSync(join(p.dir, 'plugins/myFull')).sort()).toEqual(['README.md', 'flags.ts', 'index.ts']);
    expect(readFileSync(join(p.dir, 'plugins/myFull/flags.ts'), 'utf8')).toContain("MYFULL_VAR1: flag.bool(0, 'Output the myFullVar1 column'),");

    // the new plugins are configurable at once
    expect((await p.run('t2conf', '-G', 'MYFULL_PORT', 'myFull')).stdout).toBe('MYFULL_PORT = 1234\n');
    // and their numbers are taken
    const taken = await p.run('t2plugin', '-c', 'other', '-n', '151');
    expect([taken.status, taken.stderr]).toEqual([1, "Plugin number 151 already used by 'tcpWin2' plugin\n"]);
  });

  it('dry run lists the files and writes nothing', async () => {
    const p = new Scratch();
    const r = await p.run('t2plugin', '-c', 'dry', '-n', '153', '--dry-run');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("Would create full plugin 'dry' (153):\n  plugins/dry/README.md\n  plugins/dry/flags.ts\n  plugins/dry/index.ts\n");
    expect(existsSync(join(p.dir, 'plugins'))).toBe(false);
  });

  it("refuses names and numbers against T2's rules", async () => {
    const p = new Scratch();
    const refusals: [string[], string][] = [
      [['-c', '9bad', '-n', '160'], "Invalid plugin name '9bad'\n"],
      [['-c', 'Bad', '-n', '160'], "Invalid plugin name 'Bad'\n"],
      [['-n', '160'], 'Plugin name cannot be empty\n'],
      [['-c', 'ok', '-n', '4x'], "Invalid argument for option '-n': expected number; found '4x'\n"],
      [['-c', 'ok', '-n', '1000'], "Invalid plugin number '1000'\n"],
      [['-c', 'ok', '-n', '132'], "Plugin number 132 already used by 'tcpStates' plugin\n"],
      [['-c', 'ok', '-n', '150'], "Plugin number 150 already used by 'tcpWin' plugin\n"],
      [['-c', 'ok', '-s', '-n', '800'], 'Sink plugins must have a plugin number bigger than 900\n'],
      [['-c', 'ok', '-s', '-n', '901'], "Plugin number 901 already used by 'txtSink' plugin\n"],
    ];
    for (const [args, error] of refusals) {
      const r = await p.run('t2plugin', ...args);
      expect([args, r.status, r.stderr]).toEqual([args, 1, error]);
    }
    const bad = await p.run('t2plugin', '-c', '9bad');
    expect(bad.stdout).toContain('Plugin names must start with lowercase and only contain chars in [A-Za-z0-9_]');
  });

  it('picks a free number when none is given (sinks from 900)', async () => {
    const p = new Scratch();
    const r = await p.run('t2plugin', '-c', 'sinky', '-s', '--dry-run');
    const n = Number(/using (\d+)/.exec(r.stdout)?.[1]);
    expect(n).toBeGreaterThanOrEqual(900);
    expect(n).not.toBe(901);
  });

  it('an existing folder is kept unless the user says yes', async () => {
    const p = new Scratch();
    await p.run('t2plugin', '-c', 'again', '-n', '161', '-m');
    const no = await p.run('t2plugin', '-c', 'again', '-n', '162', '-m');
    expect(no.status).toBe(1);
    expect(no.stdout).toContain('already exists... proceed anyway (y/N)? no');
    const yes = await p.run('t2plugin', '-c', 'again', '-n', '162', '-m', '-y');
    expect(yes.status).toBe(0);
    expect(readFileSync(join(p.dir, 'plugins/again/index.ts'), 'utf8')).toContain('number: 162,');
  });
});
