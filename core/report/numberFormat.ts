/**
 * Number forms of T2's end report (core.md §8.1). `%.2f`/`%.0f` use C printf rounding
 * (exact binary value, ties to even), see core/output/printf.ts.
 */
import { cFixed } from '../output/printf.ts';

export { cFixed };

const UNITS = ' KMGTPEZY';

/**
 * T2's human-readable suffix (T2_CONV_NUM): ` (%.2f U)` for values ≥ 1024, with a binary threshold
 * but a decimal divisor (`1024` → ` (1.02 K)`). Floating values are truncated first, for the
 * threshold and for the divided value alike (`<Bandwidth>: 3176 b/s (3.17 Kb/s)` from 3175.9).
 */
export function hrSuffix(value: number, unit = ''): string {
  const n = Math.trunc(value);
  if (!(n >= 1024)) return '';
  const i = Math.min(Math.floor(Math.floor(Math.log2(n)) / 10), 8);
  return ` (${cFixed(n / 10 ** (3 * i), 2)} ${UNITS[i]}${unit})`;
}

/** `N<hr>` for a count. */
export function countHr(n: number): string {
  return `${n}${hrSuffix(n)}`;
}

/** `%.2f<hr>` for a ratio or rate. */
export function fixed2Hr(x: number): string {
  return `${cFixed(x, 2)}${hrSuffix(x)}`;
}

/** T2_LOG_SPEED's value part: `%.0f b/s<hr b/s>` of bits per second. */
export function speedHr(bitsPerSecond: number): string {
  return `${cFixed(bitsPerSecond, 0)} b/s${hrSuffix(bitsPerSecond, 'b/s')}`;
}

/** 100·num/total in double, 0 when total is 0. */
export function percentValue(num: number, total: number): number {
  return total === 0 ? 0 : (100 * num) / total;
}

/** `[P%]` part. */
export function percent(num: number, total: number): string {
  return `[${cFixed(percentValue(num, total), 2)}%]`;
}
