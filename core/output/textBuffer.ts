const HEX = new TextEncoder().encode('0123456789abcdef');

/**
 * Growable byte buffer that text output is built in: values are written as bytes directly, so a
 * flow line costs no intermediate strings except for floats. Sinks flush it in big chunks.
 */
export class TextBuffer {
  bytes: Uint8Array;
  len = 0;
  private readonly encoder = new TextEncoder();

  constructor(capacity = 1 << 20) {
    this.bytes = new Uint8Array(capacity);
  }

  /** Makes room for `n` more bytes. */
  ensure(n: number): void {
    if (this.len + n <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.bytes.subarray(0, this.len));
    this.bytes = next;
  }

  clear(): void {
    this.len = 0;
  }

  /** The bytes written so far (a view, valid until the next write). */
  view(): Uint8Array {
    return this.bytes.subarray(0, this.len);
  }

  byte(c: number): void {
    if (this.len === this.bytes.length) this.ensure(1);
    this.bytes[this.len++] = c;
  }

  /** A string of ASCII characters (number texts, separators, names known to be ASCII). */
  ascii(s: string): void {
    const n = s.length;
    this.ensure(n);
    const b = this.bytes;
    let p = this.len;
    for (let i = 0; i < n; i++) b[p++] = s.charCodeAt(i);
    this.len = p;
  }

  /** Any string, UTF-8 encoded (column names and descriptions). */
  text(s: string): void {
    this.ensure(s.length * 3);
    this.len += this.encoder.encodeInto(s, this.bytes.subarray(this.len)).written;
  }

  /** Raw bytes. */
  copy(src: Uint8Array, start: number, end: number): void {
    this.ensure(end - start);
    this.bytes.set(src.subarray(start, end), this.len);
    this.len += end - start;
  }

  /** Decimal form of a non-negative integer below 2^53. */
  uint(n: number): void {
    if (n < 10) {
      this.byte(48 + n);
      return;
    }
    this.ensure(16);
    if (n <= 0xffffffff) {
      this.len = writeUint32(this.bytes, this.len, n);
      return;
    }
    const b = this.bytes;
    let digits = 0;
    for (let m = n; m >= 1; m = Math.floor(m / 10)) digits++;
    let p = this.len + digits;
    this.len = p;
    // Division keeps values above 2^32 exact, where bit operations would truncate.
    while (n >= 10) {
      const q = Math.floor(n / 10);
      b[--p] = 48 + (n - q * 10);
      n = q;
    }
    b[--p] = 48 + n;
  }

  /** Decimal form of a uint32, zero-padded to `width` digits (`%09u`). */
  uintPadded(n: number, width: number): void {
    this.ensure(width > 10 ? width : 10);
    const b = this.bytes;
    let digits = 1;
    for (let m = n; m >= 10; m = (m / 10) >>> 0) digits++;
    for (let i = digits; i < width; i++) b[this.len++] = 48;
    let p = this.len + digits;
    this.len = p;
    do {
      const q = (n / 10) >>> 0;
      b[--p] = 48 + (n - q * 10);
      n = q;
    } while (n > 0);
  }

  /** `digits` lower-case hex digits of a uint32 (`%0<digits>x`, digits ≤ 8). */
  hex(n: number, digits: number): void {
    this.ensure(digits);
    const b = this.bytes;
    let p = this.len + digits;
    this.len = p;
    for (let i = 0; i < digits; i++) {
      b[--p] = HEX[n & 15];
      n >>>= 4;
    }
  }
}

/** Decimal digits of a uint32 at `b[p..]`; returns the position after them. */
function writeUint32(b: Uint8Array, p: number, n: number): number {
  const end = p + (n >= 1e5 ? (n >= 1e7 ? (n >= 1e9 ? 10 : n >= 1e8 ? 9 : 8) : n >= 1e6 ? 7 : 6) : n >= 1e3 ? (n >= 1e4 ? 5 : 4) : n >= 100 ? 3 : n >= 10 ? 2 : 1);
  let q = end;
  do {
    const d = (n / 10) >>> 0;
    b[--q] = 48 + n - d * 10;
    n = d;
  } while (n > 0);
  return end;
}
