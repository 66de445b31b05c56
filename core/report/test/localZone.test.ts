import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { zoneOf } from '../localZone.ts';
import { parseTzif } from '../zone/tzif.ts';
import { zoneDateText } from '../timeFormat.ts';

/**
 * Local dates and %Z against the C library's, through `date` (GNU coreutils, glibc), which reads
 * the same zone files: zone names, POSIX TZ strings, glibc's fallbacks, DST edges, instants
 * before the first transition and after the last one (the TZif footer rule).
 */
const ZONES = [
  'Europe/Zurich', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney', 'Asia/Kolkata', 'America/St_Johns',
  'Pacific/Chatham', 'Etc/GMT+5', 'UTC', 'America/Sao_Paulo', 'Africa/Casablanca', 'Europe/Dublin', 'Antarctica/Troll',
  'CET-1CEST,M3.5.0,M10.5.0/3', 'EST5EDT', 'AAA3BBB,J60/1,J300', 'AAA-10BBB,M10.1.0,M4.1.0/3', 'CCC-2DDD-4,70/-1,300/26',
  '<+0330>-3:30', 'XYZ', 'Foo/Bar', '', ':Europe/Paris', '/usr/share/zoneinfo/Asia/Kolkata', 'Nonexistent/Zone',
];
const INSTANTS = [
  0, 1e9, 1690000000, 1700000000, 2200000000, 4102444800, -2e9, -5e9,
  // Europe: 2023-03-26 01:00 UTC; the US: 2023-03-12 07:00 UTC; Sydney: 2023-04-02 16:00 UTC.
  1679792399, 1679792400, 1678604399, 1678604400, 1680451199, 1680451200,
];
/** Every 7 hours around 1970, in 2024 (a leap year) and past 2037: every rule change is met. */
const SWEEP = [-63158400, 1704067200, 2145916800].flatMap((from) => Array.from({ length: 1300 }, (_, i) => from + i * 7 * 3600));
const FORMAT = '+%a %d %b %Y %X %Z';

/** `date` of each instant in the zone TZ (unset: the system's), one process for all. */
function libcDates(tz: string | undefined, instants: readonly number[]): string[] {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, LC_ALL: 'C' };
  if (tz !== undefined) env.TZ = tz;
  const input = instants.map((sec) => `@${sec}`).join('\n');
  return execFileSync('date', ['-f', '-', FORMAT], { env, input, encoding: 'utf8' }).trim().split('\n');
}

function expectLibc(tz: string | undefined, instants: readonly number[]): void {
  const zone = zoneOf(tz === undefined ? {} : { TZ: tz });
  const expected = libcDates(tz, instants);
  instants.forEach((sec, i) => {
    const got = zoneDateText(zone, sec);
    if (got !== expected[i]) expect(got, `TZ=${tz} @${sec}`).toBe(expected[i]);
  });
}

describe('local zone as the C library has it', () => {
  it.each(ZONES)('TZ=%j', (tz) => expectLibc(tz, [...INSTANTS, ...SWEEP]));

  it('takes the US rules for a DST name without rules, as glibc does away from the changes', () => {
    expectLibc('EEE5FFF', [1690000000, 1700000000, 1710000000, 1720000000]);
  });

  it('reads /etc/localtime when TZ is unset', () => expectLibc(undefined, INSTANTS));

  it('refuses what is no TZif file', () => {
    expect(parseTzif(Buffer.from('TZif2 but cut short'))).toBeUndefined();
    expect(parseTzif(Buffer.from('not a zone file at all, long enough for a header...'))).toBeUndefined();
    const zurich = readFileSync('/usr/share/zoneinfo/Europe/Zurich');
    expect(parseTzif(zurich.subarray(0, zurich.length - 200))).toBeUndefined();
    expect(parseTzif(zurich)?.at(1690000000)).toEqual({ offset: 7200, abbr: 'CEST' });
  });
});
