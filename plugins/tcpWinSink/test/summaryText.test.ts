import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newWindowSummary, updateWindowSummary } from '../../tcpWin/windowSummary.ts';
import { fixed6, reportTime, summaryMessage } from '../summaryText.ts';

describe('fixed6 (printf %f of the float ratio)', () => {
  it.each([
    [Math.fround(10 / 899), '0.011123'],
    [Math.fround(2 / 693), '0.002886'],
    [1 / 128, '0.007812'], // an exact tie: glibc rounds to even
    [3 / 128, '0.023438'],
    [0, '0.000000'],
    [1, '1.000000'],
    [Math.fround(0.9999999), '1.000000'],
    [-0.5, '-0.500000'],
  ])('%s → %s', (x, text) => {
    expect(fixed6(x)).toBe(text);
  });
});

describe('report text', () => {
  let tz: string | undefined;
  beforeEach(() => {
    tz = process.env.TZ;
    process.env.TZ = 'UTC';
  });
  afterEach(() => {
    if (tz === undefined) delete process.env.TZ;
    else process.env.TZ = tz;
  });

  it('time as strftime("%a %d %b %Y %X", localtime)', () => {
    expect(reportTime(1567255455)).toBe('Sat 31 Aug 2019 12:44:15');
    expect(reportTime(0)).toBe('Thu 01 Jan 1970 00:00:00');
  });

  it('the tutorial\'s buffer: time, column line, one line per IP, an empty line and the NUL', () => {
    const s = newWindowSummary(4);
    updateWindowSummary(s, Uint8Array.from([1, 8, 31, 101]), 0, 899, Math.fround(10 / 899));
    updateWindowSummary(s, Uint8Array.from([192, 168, 1, 252]), 0, 693, Math.fround(2 / 693));
    expect(summaryMessage(s, 1567255455)).toBe(
      '# Sat 31 Aug 2019 12:44:15\n# IP\tpktTcpCnt\twinRelThCnt\n1.8.31.101\t899\t0.011123\n192.168.1.252\t693\t0.002886\n\n\0',
    );
  });
});
