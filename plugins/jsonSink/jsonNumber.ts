/**
 * jsonSink's form of a double (sinks.md §3.3): C `%.17g`, then `.0` appended when the text has
 * neither `.` nor `e`, and leading zeros of the exponent dropped (`2.6976000299328007e-5`).
 */
export function jsonDouble(x: number): string {
  if (Number.isNaN(x)) return 'nan.0';
  if (!Number.isFinite(x)) return x < 0 ? '-inf.0' : 'inf.0';
  const g = g17(x);
  return g.includes('.') || g.includes('e') ? g : g + '.0';
}

/** `%.17g` with the exponent written without leading zeros. */
function g17(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const e = Math.abs(x).toExponential(16);
  const ePos = e.indexOf('e');
  const digits = e[0] + e.slice(2, ePos);
  const exp = Number(e.slice(ePos + 1));
  const sign = x < 0 ? '-' : '';
  if (exp < -4 || exp >= 17) {
    const frac = stripZeros(digits.slice(1));
    return `${sign}${digits[0]}${frac ? '.' + frac : ''}e${exp < 0 ? '-' : '+'}${Math.abs(exp)}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${stripZeros(digits)}`;
  const frac = stripZeros(digits.slice(exp + 1));
  return sign + digits.slice(0, exp + 1) + (frac ? '.' + frac : '');
}

function stripZeros(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 48) end--;
  return s.slice(0, end);
}
