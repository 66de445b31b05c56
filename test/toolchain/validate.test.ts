import { describe, expect, it } from 'vitest';
import coreFlags from '../../core/flags.ts';
import tcpWinFlags from '../../plugins/tcpWin/flags.ts';
import basicStatsFlags from '../../plugins/basicStats/flags.ts';
import { checkValue, parseValue, unknownComponent, unknownFlag } from '../../core/config/validate.ts';
import { resolveComponent } from '../../core/config/resolve.ts';
import { nearest } from '../../core/config/suggest.ts';
import { defineMap } from '../../core/config/defineMap.ts';
import { coreConfigHash } from '../../core/config/fingerprint.ts';
import { defaultValues } from '../../core/config/defineFlags.ts';

const spec = (name: keyof typeof coreFlags.flags) => coreFlags.flags[name];

describe('flag validation', () => {
  it('accepts values of the right kind and range', () => {
    expect(checkValue('tranalyzer2', 'ALARM_MODE', spec('ALARM_MODE'), 1)).toBeUndefined();
    expect(checkValue('tranalyzer2', 'IPV6_ACTIVATE', spec('IPV6_ACTIVATE'), 0)).toBeUndefined();
    expect(checkValue('tranalyzer2', 'MONINTV', spec('MONINTV'), 0.5)).toBeUndefined();
    expect(checkValue('tranalyzer2', 'LOG_SUFFIX', spec('LOG_SUFFIX'), '_x.txt')).toBeUndefined();
  });

  it('refuses a value out of range, naming the flag, the value and what is allowed', () => {
    const issue = checkValue('tcpWin', 'TCPWIN_THRES', tcpWinFlags.flags.TCPWIN_THRES, 70000)!;
    expect(issue.code).toBe('OUT_OF_RANGE');
    expect(issue.message).toBe(
      'tcpWin: invalid value 70000 for TCPWIN_THRES: expected an integer from 0 to 65535; did you mean 65535?',
    );
  });

  it('refuses a value of the wrong kind', () => {
    const issue = checkValue('tranalyzer2', 'FLOW_TIMEOUT', spec('FLOW_TIMEOUT'), 'abc')!;
    expect(issue.code).toBe('WRONG_KIND');
    expect(issue.message).toContain("'abc' for FLOW_TIMEOUT: expected an integer >= 1");
    expect(checkValue('tranalyzer2', 'FLOW_TIMEOUT', spec('FLOW_TIMEOUT'), 1.5)!.suggestion).toBe('2');
    expect(checkValue('tranalyzer2', 'ALARM_MODE', spec('ALARM_MODE'), 2)!.expected).toBe('0 or 1');
  });

  it('lists the allowed values of an enum with their meaning', () => {
    const issue = checkValue('tranalyzer2', 'IPV6_ACTIVATE', spec('IPV6_ACTIVATE'), 3)!;
    expect(issue.expected).toBe('one of 0 (IPv4 only), 1 (IPv6 only), 2 (IPv4 and IPv6)');
  });

  it('suggests the nearest flag name for typos, case slips and fragments', () => {
    expect(unknownFlag(coreFlags, 'ALARM_MOD', '1').message).toBe(
      "tranalyzer2: unknown flag 'ALARM_MOD' (value '1'): expected one of the 75 flags of tranalyzer2 (t2conf tranalyzer2 -I); did you mean 'ALARM_MODE'?",
    );
    expect(unknownFlag(coreFlags, 'alarm_mode').suggestion).toBe('ALARM_MODE');
    expect(unknownFlag(coreFlags, 'FLOWTIMEOUT').suggestion).toBe('FLOW_TIMEOUT');
    expect(unknownFlag(tcpWinFlags, 'THRES').suggestion).toBe('TCPWIN_THRES');
    expect(unknownFlag(tcpWinFlags, 'VERBOS', undefined, ['VERBOSE']).suggestion).toBe('VERBOSE');
    expect(unknownFlag(coreFlags, 'COMPLETELY_DIFFERENT').suggestion).toBeUndefined();
    expect(nearest('tcpWn', ['tcpWin', 'tcpStates'])).toBe('tcpWin');
    expect(unknownComponent('basicStat', ['basicStats', 'basicFlow']).message).toBe(
      "unknown plugin 'basicStat'; did you mean 'basicStats'?",
    );
  });

  it('parses command-line text the way t2conf -D does', () => {
    expect(parseValue(spec('ALARM_MODE'), 'yes')).toBe(1);
    expect(parseValue(spec('ALARM_MODE'), 'no')).toBe(0);
    expect(parseValue(spec('AGGREGATIONFLAG'), '0x10')).toBe(16);
    expect(parseValue(spec('MONINTV'), '2.5')).toBe(2.5);
    expect(parseValue(spec('LOG_SUFFIX'), '"_l.txt"')).toBe('_l.txt');
    expect(parseValue(spec('FLOW_TIMEOUT'), 'abc')).toEqual({ invalid: 'abc' });
  });

  it('resolves overrides over defaults and checks the rules between flags', () => {
    const ok = resolveComponent(basicStatsFlags, { BS_XMIN: 10 });
    expect(ok.issues).toEqual([]);
    expect(ok.values.BS_XMIN).toBe(10);
    expect(ok.values.BS_XMAX).toBe(65535);
    const bad = resolveComponent(basicStatsFlags, { BS_XMIN: 100, BS_XMAX: 50 });
    expect(bad.issues.map((i) => [i.code, i.severity, i.message])).toEqual([
      ['RULE', 'error', 'basicStats: BS_XMIN (100) must not exceed BS_XMAX (50) (BS_XMIN=100, BS_XMAX=50)'],
    ]);
    const warn = resolveComponent(coreFlags, { ALARM_AND: 1 });
    expect(warn.issues.map((i) => i.severity)).toEqual(['warning']);
    expect(resolveComponent(coreFlags, { NOPE: 1 }).issues[0]!.code).toBe('UNKNOWN_FLAG');
  });

  it('turns values into literal defines and fingerprints the core configuration', () => {
    expect(defineMap({ ALARM_MODE: 1, LOG_SUFFIX: '_log.txt' })).toEqual({ ALARM_MODE: '1', LOG_SUFFIX: '"_log.txt"' });
    const defaults = defaultValues(coreFlags);
    expect(coreConfigHash(defaults)).toMatch(/^[0-9a-f]{16}$/);
    expect(coreConfigHash({ ...defaults, ALARM_MODE: 1 })).not.toBe(coreConfigHash(defaults));
    expect(coreConfigHash(Object.fromEntries(Object.entries(defaults).reverse()))).toBe(coreConfigHash(defaults));
  });
});
