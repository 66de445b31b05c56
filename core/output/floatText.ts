import { cFloat } from './printf.ts';
import type { TextBuffer } from './textBuffer.ts';

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12];

/**
 * `printf("%.7g", x)` of a C float, written as bytes. Floats from 1e-5 to 1e7 take an exact
 * integer path: a float has a 24-bit significand, so a·10^k (k ≤ 12) is an exact double and
 * rounding it to 7 digits (ties to even, as glibc) needs no string; the rest goes through cFloat.
 */
export function writeFloat7g(out: TextBuffer, x: number): void {
  const a = x < 0 ? -x : x;
  if (!(a >= 1e-5 && a < 1e7)) {
    out.ascii(cFloat(x));
    return;
  }
  if (x < 0) out.byte(45);
  if (a === Math.floor(a)) {
    out.uint(a);
    return;
  }
  let e = Math.floor(Math.log10(a));
  let y = a * POW10[6 - e];
  if (y < 1e6) y = a * POW10[6 - --e];
  else if (y >= 1e7) y = a * POW10[6 - ++e];
  let m = Math.floor(y);
  const frac = y - m;
  if (frac > 0.5 || (frac === 0.5 && (m & 1) === 1)) m++;
  if (m === 1e7) {
    m = 1e6;
    e++;
  }
  if (e < -4) {
    out.ascii(cFloat(a));
    return;
  }
  writeFixed(out, m, e);
}

/** Seven significant digits `m` (1e6 ≤ m < 1e7) with decimal exponent -4 ≤ e ≤ 6, %g style. */
function writeFixed(out: TextBuffer, m: number, e: number): void {
  let digits = 7;
  while (m % 10 === 0) {
    m /= 10;
    digits--;
  }
  out.ensure(14);
  const b = out.bytes;
  let p = out.len;
  if (e < 0) {
    b[p++] = 48;
    b[p++] = 46;
    for (let z = -1; z > e; z--) b[p++] = 48;
    p += digits;
    out.len = p;
    for (let i = 0; i < digits; i++, m = (m / 10) | 0) b[--p] = 48 + (m % 10);
    return;
  }
  const intDigits = e + 1;
  const total = digits > intDigits ? digits + 1 : intDigits;
  // Trailing zeros were stripped from m; the integer part gets them back.
  let zeros = intDigits > digits ? intDigits - digits : 0;
  p += total;
  out.len = p;
  while (zeros-- > 0) b[--p] = 48;
  for (let i = digits - 1; i >= 0; i--, m = (m / 10) | 0) {
    b[--p] = 48 + (m % 10);
    if (i === intDigits && i < digits) b[--p] = 46;
  }
}
