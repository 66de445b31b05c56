import { parsePosixTz } from './posixTz.ts';
import { UTC, type Zone, type ZoneTime } from './zone.ts';

/** A TZif file (RFC 8536): transitions, local time types and the footer rule for later times. */
class TzifZone implements Zone {
  constructor(
    private readonly transitions: number[],
    private readonly typeOf: number[],
    private readonly types: ZoneTime[],
    private readonly isDst: boolean[],
    private readonly footer: Zone | undefined,
  ) {}

  at(sec: number): ZoneTime {
    const t = this.transitions;
    if (t.length === 0 || sec < t[0]) {
      // As glibc: before the first transition, the first standard-time type.
      const i = this.isDst.indexOf(false);
      return this.types[i < 0 ? 0 : i] ?? UTC;
    }
    if (sec >= t[t.length - 1] && this.footer !== undefined) return this.footer.at(sec);
    let lo = 0;
    let hi = t.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (t[mid] <= sec) lo = mid;
      else hi = mid - 1;
    }
    return this.types[this.typeOf[lo]] ?? UTC;
  }
}

const HEADER = 44;

export function parseTzif(b: Buffer): Zone | undefined {
  if (b.length < HEADER || b.toString('latin1', 0, 4) !== 'TZif') return undefined;
  const counts = (at: number) => Array.from({ length: 6 }, (_, i) => b.readUInt32BE(at + 20 + 4 * i));
  let at = 0;
  let [isut, isstd, leap, timecnt, typecnt, charcnt] = counts(0);
  let timeSize = 4;
  // Version 2 and later repeat the data with 64-bit times after the version 1 block.
  if (b[4] >= 0x32) {
    at = HEADER + timecnt * 5 + typecnt * 6 + charcnt + leap * 8 + isstd + isut;
    if (b.length < at + HEADER || b.toString('latin1', at, at + 4) !== 'TZif') return undefined;
    [isut, isstd, leap, timecnt, typecnt, charcnt] = counts(at);
    timeSize = 8;
  }
  let p = at + HEADER;
  const end = p + timecnt * (timeSize + 1) + typecnt * 6 + charcnt + leap * (timeSize + 4) + isstd + isut;
  if (typecnt === 0 || b.length < end) return undefined;
  const transitions: number[] = [];
  for (let i = 0; i < timecnt; i++, p += timeSize) {
    transitions.push(timeSize === 8 ? Number(b.readBigInt64BE(p)) : b.readInt32BE(p));
  }
  const typeOf = Array.from(b.subarray(p, p + timecnt));
  p += timecnt;
  const chars = p + typecnt * 6;
  const types: ZoneTime[] = [];
  const isDst: boolean[] = [];
  for (let i = 0; i < typecnt; i++, p += 6) {
    const from = chars + b[p + 5];
    const nul = b.indexOf(0, from);
    types.push({ offset: b.readInt32BE(p), abbr: b.toString('latin1', from, nul < 0 || nul > chars + charcnt ? chars + charcnt : nul) });
    isDst.push(b[p + 4] !== 0);
  }
  let footer: Zone | undefined;
  if (timeSize === 8 && b[end] === 0x0a) {
    const close = b.indexOf(0x0a, end + 1);
    const spec = close < 0 ? '' : b.toString('latin1', end + 1, close);
    if (spec !== '') footer = parsePosixTz(spec);
  }
  return new TzifZone(transitions, typeOf, types, isDst, footer);
}
