import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Scratch } from './scratch.ts';

describe('t2conf', { timeout: 60_000 }, () => {
  it('sets (-D), reads (-G) and resets flags of the core and of plugins', async () => {
    const p = new Scratch();
    expect((await p.run('t2conf', '-G', 'ALARM_MODE', 'tranalyzer2')).stdout).toBe('ALARM_MODE = 0\n');
    expect((await p.run('t2conf', 'tranalyzer2', '-D', 'ALARM_MODE=1', '-D', 'LOG_SUFFIX=_l.txt')).status).toBe(0);
    // a core flag asked through a plugin is the core's, as in T2
    const both = await p.run('t2conf', '-G', 'TCPWIN_THRES', '-G', 'ALARM_MODE', '-G', 'LOG_SUFFIX', 'tcpWin');
    expect(both.stdout).toBe('TCPWIN_THRES = 1\nALARM_MODE = 1\nLOG_SUFFIX = "_l.txt"\n');
    expect((await p.run('t2conf', 'tcpWin', '-D', 'TCPWIN_THRES=default')).status).toBe(0);
    const config = readFileSync(join(p.dir, 't2.config.ts'), 'utf8');
    expect(config).toContain('// scratch project');
    expect(config).toContain("ALARM_MODE: 1,\n    LOG_SUFFIX: '_l.txt',");
    expect((await p.run('t2conf', '--reset', 'tranalyzer2')).status).toBe(0);
    expect((await p.run('t2conf', '-G', 'ALARM_MODE', 'tranalyzer2')).stdout).toBe('ALARM_MODE = 0\n');
    expect((await p.run('t2conf', '-a', '--reset')).status).toBe(0);
    expect(readFileSync(join(p.dir, 't2.config.ts'), 'utf8')).toContain('tranalyzer2: {},\n  tcpWin: {},');
  });

  it('refuses bad flags and values with a non-zero exit, naming flag, value, allowed values and nearest name', async () => {
    const p = new Scratch();
    const before = readFileSync(join(p.dir, 't2.config.ts'), 'utf8');
    const typo = await p.run('t2conf', 'tranalyzer2', '-D', 'ALARM_MOD=1');
    expect(typo.status).toBe(1);
    expect(typo.stderr).toContain("unknown flag 'ALARM_MOD' (value '1')");
    expect(typo.stderr).toContain("did you mean 'ALARM_MODE'?");
    const range = await p.run('t2conf', 'tcpWin', '-D', 'TCPWIN_THRES=70000');
    expect(range.status).toBe(1);
    expect(range.stderr).toContain('invalid value 70000 for TCPWIN_THRES: expected an integer from 0 to 65535');
    const kind = await p.run('t2conf', 'tranalyzer2', '-D', 'FLOW_TIMEOUT=soon');
    expect(kind.status).toBe(1);
    expect(kind.stderr).toContain("invalid value 'soon' for FLOW_TIMEOUT: expected an integer >= 1");
    // all or nothing: a valid assignment next to a bad one is not written either
    expect((await p.run('t2conf', 'tranalyzer2', '-D', 'VERBOSE=1', '-D', 'VERBOSE2=1')).status).toBe(1);
    expect(readFileSync(join(p.dir, 't2.config.ts'), 'utf8')).toBe(before);
    const plugin = await p.run('t2conf', 'tcpWn', '-G', 'X');
    expect(plugin.status).toBe(1);
    expect(plugin.stderr).toContain("unknown plugin 'tcpWn'; did you mean 'tcpWin'?");
    const get = await p.run('t2conf', '-G', 'FLOW_TIMOUT', 'tranalyzer2');
    expect([get.status, get.stderr.includes("did you mean 'FLOW_TIMEOUT'?")]).toEqual([1, true]);
    const syntax = await p.run('t2conf', 'tranalyzer2', '-D', 'VERBOSE');
    expect([syntax.status, syntax.stderr]).toEqual([1, "Option '-D': expected name=value, found 'VERBOSE'\n"]);
    const option = await p.run('t2conf', '--bogus');
    expect([option.status, option.stderr, option.stdout]).toEqual([1, "Unknown option '--bogus'\n", "Try 't2conf --help' for more information.\n"]);
  });

  it('lists flag names (-I) and flags with current and default values (--list)', async () => {
    const p = new Scratch();
    expect((await p.run('t2conf', '-I', 'tcpWin')).stdout).toBe('TCPWIN_THRES\nTCPWIN_MINPKTS\nTCPWIN_MAXWSCNT\n');
    await p.run('t2conf', 'tcpWin', '-D', 'TCPWIN_MINPKTS=10');
    const list = (await p.run('t2conf', '--list', 'tcpWin')).stdout.split('\n');
    expect(list[0]).toMatch(/^ flag +current +default +allowed +description$/);
    expect(list[1]).toMatch(/^ TCPWIN_THRES +1 +1 +an integer from 0 to 65535 +TCP window size threshold/);
    expect(list[2]).toMatch(/^\*TCPWIN_MINPKTS +10 +50 +an integer >= 0 /);
  });

  it('without arguments and without a terminal prints the usage and fails, as T2 does', async () => {
    const r = await new Scratch().run('t2conf');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('Usage: t2conf [OPTION...] [PLUGIN...]');
  });
});
