/** Time forms of T2's report stream and `_headers.txt` (core.md §8.1). */
import { localZone } from './localZone.ts';
import type { Zone } from './zone/zone.ts';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** `%09u`: nine digits, or all ten of a bogus fraction ≥ 10^9. */
export function pad9(n: number): string {
  return String(n >>> 0).padStart(9, '0');
}

/** `S.NNNNNNNNN` with S as uint32, as T2 prints its timeval-like values. */
export function secondsText(sec: number, frac: number): string {
  return `${sec >>> 0}.${pad9(frac)}`;
}

/** strftime `%a %d %b %Y %X` (C locale) of a broken-down time. */
function brokenDown(day: number, date: number, month: number, year: number, h: number, m: number, s: number): string {
  return `${DAYS[day]} ${pad2(date)} ${MONTHS[month]} ${year} ${pad2(h)}:${pad2(m)}:${pad2(s)}`;
}

/** `Www DD Mmm YYYY HH:MM:SS GMT` of a pcap time (seconds taken as uint32, UTC). */
export function utcDateText(sec: number): string {
  const d = new Date((sec >>> 0) * 1000);
  return `${brokenDown(d.getUTCDay(), d.getUTCDate(), d.getUTCMonth(), d.getUTCFullYear(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds())} GMT`;
}

/** `Www DD Mmm YYYY HH:MM:SS TZ` of a wall-clock time in local time, as the C library has it. */
export function localDateText(sec: number): string {
  return zoneDateText(localZone(), sec);
}

/** `Www DD Mmm YYYY HH:MM:SS TZ` of a time in `zone`. */
export function zoneDateText(zone: Zone, sec: number): string {
  const local = zone.at(sec);
  const d = new Date((sec + local.offset) * 1000);
  return `${brokenDown(d.getUTCDay(), d.getUTCDate(), d.getUTCMonth(), d.getUTCFullYear(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds())} ${local.abbr}`;
}

/** `S.NNNNNNNNN sec (date GMT)` of a pcap timestamp (Dump start/stop, USR1 PCAP time). */
export function pcapTimeText(sec: number, ns: number): string {
  return `${secondsText(sec, ns)} sec (${utcDateText(sec)})`;
}

/**
 * `S.NNNNNNNNN sec (date TZ)` of a wall-clock time. QUIRK: T2 reads the clock in µs but prints
 * the µs value with `%09u` (`.000411349` = 0.411349 s).
 */
export function wallClockText(sec: number, usec: number): string {
  return `${secondsText(sec, usec)} sec (${localDateText(sec)})`;
}

/** The current wall clock as (sec, µs), like gettimeofday. */
export function wallClockNow(): { sec: number; usec: number } {
  const ms = performance.timeOrigin + performance.now();
  const sec = Math.floor(ms / 1000);
  return { sec, usec: Math.min(999999, Math.floor((ms - sec * 1000) * 1000)) };
}

const YEAR = 31536000;

/**
 * `S.NNNNNNNNN sec` plus ` (Ny Nd Nh Nm Ns)` from one minute on, zero components left out
 * (`600.247204000 sec (10m)`); S is taken as uint32 and years have 365 days.
 */
export function durationText(sec: number, frac: number): string {
  const s = sec >>> 0;
  let text = `${secondsText(s, frac)} sec`;
  if (s < 60) return text;
  const parts: string[] = [];
  const years = Math.floor(s / YEAR);
  const rest = s % YEAR;
  const days = Math.floor(rest / 86400);
  const hours = Math.floor((rest % 86400) / 3600);
  const minutes = Math.floor((rest % 3600) / 60);
  if (years) parts.push(`${years}y`);
  if (days) parts.push(`${days}d`);
  if (hours) parts.push(`${hours}h`);
  if (minutes) parts.push(`${minutes}m`);
  if (s % 60) parts.push(`${s % 60}s`);
  text += ` (${parts.join(' ')})`;
  return text;
}

/** `last − first` with a borrow from the seconds when the fraction goes negative (timersub). */
export function timeDiff(firstSec: number, firstFrac: number, lastSec: number, lastFrac: number): { sec: number; frac: number } {
  let sec = lastSec - firstSec;
  let frac = lastFrac - firstFrac;
  if (frac < 0) {
    sec--;
    frac += 1e9;
  }
  return { sec, frac };
}
