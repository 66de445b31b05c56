/**
 * Number forms of T2's end report (core.md §8.1), with C printf rounding:
 * JavaScript's toFixed rounds exact ties away from zero, C rounds them to even.
 */
export function cFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  const s = x.toFixed(digits);
  const scaled = x * 10 ** digits;
  const floor = Math.floor(scaled);
  if (scaled - floor !== 0.5 || !Number.isSafeInteger(floor)) return s;
  // Exactly halfway in binary: C keeps the even neighbour.
  if (!isExactTie(x, digits)) return s;
  const even = floor % 2 === 0 ? floor : floor + 1;
  return formatScaled(even, digits, x < 0);
}

function isExactTie(x: number, digits: number): boolean {
  const dec = exactDecimal(Math.abs(x));
  const dot = dec.indexOf('.');
  if (dot < 0) return false;
  const frac = dec.slice(dot + 1);
  return frac.length === digits + 1 && frac[digits] === '5';
}

/** The exact decimal expansion of a double (every double is a finite binary fraction). */
function exactDecimal(x: number): string {
  return x.toFixed(100).replace(/0+$/, '').replace(/\.$/, '');
}

function formatScaled(n: number, digits: number, negative: boolean): string {
  const abs = Math.abs(n);
  const str = abs.toString().padStart(digits + 1, '0');
  const out = digits === 0 ? str : `${str.slice(0, -digits)}.${str.slice(-digits)}`;
  return (negative ? '-' : '') + out;
}

const UNITS = ' KMGTPEZY';

/** T2's human-readable suffix: binary threshold, decimal divisor (` (1.02 K)`). */
export function hrSuffix(value: number, unit = ''): string {
  const n = Math.trunc(value);
  if (n < 1024) return '';
  const i = Math.min(Math.floor(Math.floor(Math.log2(n)) / 10), 8);
  return ` (${cFixed(n / 10 ** (3 * i), 2)} ${UNITS[i]}${unit})`;
}

/** `N<hr>` for a count. */
export function countHr(n: number): string {
  return `${n}${hrSuffix(n)}`;
}

/** `[P%]` part: 100·num/total, 0 when total is 0. */
export function percent(num: number, total: number): string {
  return `[${cFixed(total === 0 ? 0 : (100 * num) / total, 2)}%]`;
}
