import { describe, expect, it } from 'vitest';
import { durationText, pcapTimeText, timeDiff, utcDateText } from '../timeFormat.ts';

describe('report time forms (core.md §8.1)', () => {
  it('prints pcap times as uint32 seconds, nine fraction digits and a GMT date', () => {
    expect(pcapTimeText(1277840495, 135052000)).toBe('1277840495.135052000 sec (Tue 29 Jun 2010 19:41:35 GMT)');
    expect(pcapTimeText(0, 0)).toBe('0.000000000 sec (Thu 01 Jan 1970 00:00:00 GMT)');
    expect(pcapTimeText(2142662398, 999999000)).toBe('2142662398.999999000 sec (Tue 24 Nov 2037 07:59:58 GMT)');
    expect(pcapTimeText(980658802, 1882137472)).toBe('980658802.1882137472 sec (Sun 28 Jan 2001 05:13:22 GMT)');
    expect(utcDateText(-1)).toBe('Sun 07 Feb 2106 06:28:15 GMT');
  });

  it('adds y/d/h/m/s components from one minute on, leaving zero ones out', () => {
    expect(durationText(35, 403661000)).toBe('35.403661000 sec');
    expect(durationText(59, 999999999)).toBe('59.999999999 sec');
    expect(durationText(600, 247204000)).toBe('600.247204000 sec (10m)');
    expect(durationText(120, 0)).toBe('120.000000000 sec (2m)');
    expect(durationText(790, 44611000)).toBe('790.044611000 sec (13m 10s)');
    expect(durationText(121572, 70063000)).toBe('121572.070063000 sec (1d 9h 46m 12s)');
    expect(durationText(142449834, 964568000)).toBe('142449834.964568000 sec (4y 188d 17h 23m 54s)');
    expect(durationText(1690392257, 965003413)).toBe('1690392257.965003413 sec (53y 219d 17h 24m 17s)');
  });

  it('takes negative durations as uint32 seconds', () => {
    expect(durationText(-5, 500)).toBe('4294967291.000000500 sec (136y 70d 6h 28m 11s)');
  });

  it('borrows a second when the fraction goes negative', () => {
    expect(timeDiff(34, 930679000, 1690392292, 895682413)).toEqual({ sec: 1690392257, frac: 965003413 });
    expect(timeDiff(10, 900, 12, 100)).toEqual({ sec: 1, frac: 999999200 });
  });
});
