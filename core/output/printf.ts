/**
 * C printf conversions T2 uses for numbers (glibc semantics). JavaScript's toFixed/toExponential
 * already round the exact binary value, but they break exact ties upwards where glibc rounds them
 * to the even neighbour (`printf("%.2f", 0.125)` → `0.12`), so ties are detected and corrected.
 */

/** `inf`, `-inf`, `nan` (the sign of a NaN is not visible in a JS number; see `cNan`). */
function nonFinite(x: number): string {
  return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
}

/** C's text for a NaN whose sign bit is known. */
export function cNan(negative: boolean): string {
  return negative ? '-nan' : 'nan';
}

/** `a` (≥ 0) lies exactly halfway between two multiples of 10^-digits. */
function isFixedTie(a: number, digits: number): boolean {
  // a = odd / 2^(digits+1) exactly ⇔ a·10^digits = odd·5^digits / 2 has fraction exactly .5.
  // Scaling by a power of two is exact.
  return Number.isInteger(a * 2 ** (digits + 1)) && !Number.isInteger(a * 2 ** digits);
}

/** The last digit of a rounded-up tie is odd when C would have kept the lower neighbour. */
function evenTie(s: string): string {
  const last = s.charCodeAt(s.length - 1) - 48;
  // An odd digit is ≥ 1: lowering it never borrows.
  return last & 1 ? s.slice(0, -1) + String.fromCharCode(47 + last) : s;
}

/** `printf("%.<digits>f", x)`. */
export function cFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  const a = Math.abs(x);
  let s: string;
  if (a >= 1e21) {
    // toFixed switches to exponent form here; such doubles are integers.
    s = BigInt(a).toString() + (digits > 0 ? '.' + '0'.repeat(digits) : '');
  } else {
    s = a.toFixed(digits);
    if (isFixedTie(a, digits)) s = evenTie(s);
  }
  return x < 0 || Object.is(x, -0) ? '-' + s : s;
}

/** `printf("%f", x)`. */
export function cDouble(x: number): string {
  return cFixed(x, 6);
}

/**
 * `a` (> 0) is exactly (10·m − 5)·10^k: the midpoint below the p-digit mantissa m that
 * toExponential rounded up to (k = decimal exponent − p). Every product below is exact or
 * provably exceeds the target.
 */
function isSignificantTie(a: number, m: number, k: number): boolean {
  const t = 10 * m - 5;
  if (k >= 0) {
    if (k > 22) return false;
    // t is odd, so a tie needs its odd part t·5^k to fit a double's 53-bit significand.
    const odd = t * 5 ** k;
    return odd < 2 ** 53 && a === odd * 2 ** k;
  }
  if (-k > 22) return false; // 5^-k > 2^53 > t
  const y = a * 2 ** -k;
  return Number.isInteger(y) && y * 5 ** -k === t;
}

/** `printf("%.<p>g", x)` for 1 ≤ p ≤ 15 (T2 prints floats with `%.7g`). */
export function cGeneral(x: number, p: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const a = Math.abs(x);
  // Integers with at most p digits print as themselves (the common case of counts and rates).
  if (a < 10 ** p && Number.isInteger(a)) return String(x);
  const e = a.toExponential(p - 1);
  const ePos = e.indexOf('e');
  let mant = p > 1 ? e[0] + e.slice(2, ePos) : e.slice(0, ePos);
  const exp = Number(e.slice(ePos + 1));
  // A carry (9.99…5 → 1.00…) leaves an even last digit, so odd digits are the only suspects.
  if (mant.charCodeAt(p - 1) & 1 && isSignificantTie(a, Number(mant), exp - p)) mant = evenTie(mant);
  return (x < 0 ? '-' : '') + gLayout(mant, exp, p);
}

/** %g layout of p significant digits `mant` with decimal exponent `exp`, trailing zeros removed. */
function gLayout(mant: string, exp: number, p: number): string {
  if (exp < -4 || exp >= p) {
    const frac = stripZeros(mant.slice(1));
    const absExp = exp < 0 ? -exp : exp;
    return mant[0] + (frac ? '.' + frac : '') + (exp < 0 ? 'e-' : 'e+') + (absExp < 10 ? '0' : '') + absExp;
  }
  if (exp < 0) return '0.' + '0'.repeat(-exp - 1) + stripZeros(mant);
  const frac = stripZeros(mant.slice(exp + 1));
  return mant.slice(0, exp + 1) + (frac ? '.' + frac : '');
}

function stripZeros(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 48) end--;
  return s.slice(0, end);
}

/** `printf("%.7g", f)` of a C float (T2's `F` columns); `x` must already be a float32 value. */
export function cFloat(x: number): string {
  return cGeneral(x, 7);
}
