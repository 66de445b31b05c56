import { UTC_ZONE, type Zone, type ZoneTime } from './zone.ts';

const DAY = 86400;

interface Rule {
  /** 'J': day 1–365 without Feb 29; 'D': day 0–365; 'M': month, week, weekday. */
  readonly kind: 'J' | 'D' | 'M';
  readonly day: number;
  readonly week: number;
  readonly month: number;
  /** Seconds after local midnight. */
  readonly secs: number;
}

/** A POSIX TZ string (`CET-1CEST,M3.5.0,M10.5.0/3`). */
class PosixZone implements Zone {
  constructor(
    private readonly std: ZoneTime,
    private readonly dst: ZoneTime | undefined,
    private readonly start: Rule,
    private readonly end: Rule,
  ) {}

  at(sec: number): ZoneTime {
    const dst = this.dst;
    if (dst === undefined) return this.std;
    // As glibc: the rules of the UTC year of the instant.
    const year = new Date(sec * 1000).getUTCFullYear();
    const start = ruleDay(this.start, year) + this.start.secs - this.std.offset;
    const end = ruleDay(this.end, year) + this.end.secs - dst.offset;
    const inDst = start > end ? sec < end || sec >= start : sec >= start && sec < end;
    return inDst ? dst : this.std;
  }
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/**
 * UTC seconds of 00:00 of the rule's day in `year`. As glibc (compute_change), a year up to 1970
 * counts its days from 1 January 1970, with its own leap day and weekdays.
 */
function ruleDay(r: Rule, year: number): number {
  const jan1 = year > 1970 ? Date.UTC(year, 0, 1) / 1000 : 0;
  if (r.kind === 'J') return jan1 + (r.day - 1 + (isLeap(year) && r.day >= 60 ? 1 : 0)) * DAY;
  if (r.kind === 'D') return jan1 + r.day * DAY;
  const first = Date.UTC(year, r.month - 1, 1);
  const firstWeekday = new Date(first).getUTCDay();
  const daysInMonth = new Date(Date.UTC(year, r.month, 0)).getUTCDate();
  let date = 1 + ((r.day - firstWeekday + 7) % 7) + (r.week - 1) * 7;
  while (date > daysInMonth) date -= 7;
  const dayOfYear = (first - Date.UTC(year, 0, 1)) / (DAY * 1000) + date - 1;
  return jan1 + dayOfYear * DAY;
}

/** Reads a POSIX TZ string from its start; each parse step returns undefined where glibc gives up. */
class TzReader {
  pos = 0;
  constructor(private readonly s: string) {}

  get done(): boolean {
    return this.pos >= this.s.length;
  }

  /** A zone name: `<...>` or three or more letters. */
  name(): string | undefined {
    const s = this.s;
    if (s[this.pos] === '<') {
      const close = s.indexOf('>', this.pos);
      if (close < 0) return undefined;
      const name = s.slice(this.pos + 1, close);
      this.pos = close + 1;
      return name.length >= 3 ? name : undefined;
    }
    const m = /^[A-Za-z]+/.exec(s.slice(this.pos));
    if (!m || m[0].length < 3) return undefined;
    this.pos += m[0].length;
    return m[0];
  }

  /** `[+|-]hh[:mm[:ss]]` in seconds. */
  time(): number | undefined {
    const m = /^([+-]?)(\d{1,3})(?::(\d{1,2})(?::(\d{1,2}))?)?/.exec(this.s.slice(this.pos));
    if (!m) return undefined;
    this.pos += m[0].length;
    const secs = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
    return m[1] === '-' ? -secs : secs;
  }

  /** `,Jn[/time]`, `,n[/time]` or `,Mm.w.d[/time]`. */
  rule(): Rule | undefined {
    const m = /^,(?:J(\d{1,3})|(\d{1,3})|M(\d{1,2})\.(\d)\.(\d))/.exec(this.s.slice(this.pos));
    if (!m) return undefined;
    this.pos += m[0].length;
    let secs = 2 * 3600;
    if (this.s[this.pos] === '/') {
      this.pos++;
      const t = this.time();
      if (t === undefined) return undefined;
      secs = t;
    }
    if (m[1] !== undefined) return { kind: 'J', day: Number(m[1]), week: 0, month: 0, secs };
    if (m[2] !== undefined) return { kind: 'D', day: Number(m[2]), week: 0, month: 0, secs };
    return { kind: 'M', month: Number(m[3]), week: Number(m[4]), day: Number(m[5]), secs };
  }
}

/**
 * The rules for a DST name without rules (`EST5EDT` when no such file exists). glibc takes New
 * York's transitions from TZDIR/posixrules, shifted by the offsets and, after the file's last
 * transition, even its names: the two agree away from the hours around a change, 2007–2037.
 */
const DEFAULT_START: Rule = { kind: 'M', month: 3, week: 2, day: 0, secs: 7200 };
const DEFAULT_END: Rule = { kind: 'M', month: 11, week: 1, day: 0, secs: 7200 };

/** A POSIX TZ string as glibc reads it: a name without a valid offset is that name at UTC. */
export function parsePosixTz(tz: string): Zone {
  const r = new TzReader(tz);
  const stdName = r.name();
  if (stdName === undefined) return UTC_ZONE;
  const stdWest = r.time();
  if (stdWest === undefined) return new PosixZone({ offset: 0, abbr: stdName }, undefined, DEFAULT_START, DEFAULT_END);
  const std = { offset: -stdWest, abbr: stdName };
  const dstName = r.done ? undefined : r.name();
  if (dstName === undefined) return new PosixZone(std, undefined, DEFAULT_START, DEFAULT_END);
  const dstWest = r.done || tz[r.pos] === ',' ? undefined : r.time();
  const dst = { offset: dstWest === undefined ? std.offset + 3600 : -dstWest, abbr: dstName };
  if (r.done) return new PosixZone(std, dst, DEFAULT_START, DEFAULT_END);
  const start = r.rule();
  const end = start === undefined ? undefined : r.rule();
  if (start === undefined || end === undefined) return new PosixZone(std, undefined, DEFAULT_START, DEFAULT_END);
  return new PosixZone(std, dst, start, end);
}
