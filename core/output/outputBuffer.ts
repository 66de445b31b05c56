/**
 * The binary flow record (T2's outputBuffer_t): plugins append typed values in column order,
 * sinks read them back with the column schema. Little-endian, growable, reused for every record.
 */
const TWO_32 = 4294967296;
const encoder = new TextEncoder();

export class OutputBuffer {
  bytes = new Uint8Array(1 << 16);
  view = new DataView(this.bytes.buffer);
  pos = 0;

  reset(): void {
    this.pos = 0;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.bytes.subarray(0, this.pos));
    this.bytes = next;
    this.view = new DataView(next.buffer);
  }

  u8(v: number): void {
    this.ensure(1);
    this.bytes[this.pos++] = v;
  }

  u16(v: number): void {
    this.ensure(2);
    this.view.setUint16(this.pos, v, true);
    this.pos += 2;
  }

  u32(v: number): void {
    this.ensure(4);
    this.view.setUint32(this.pos, v >>> 0, true);
    this.pos += 4;
  }

  /** A 64-bit unsigned value given as a JS number (exact below 2^53). */
  u64(v: number): void {
    this.ensure(8);
    this.view.setUint32(this.pos, v % 4294967296, true);
    this.view.setUint32(this.pos + 4, Math.floor(v / 4294967296), true);
    this.pos += 8;
  }

  /** A 64-bit value given as its two 32-bit words (flowStat). */
  u64HiLo(hi: number, lo: number): void {
    this.ensure(8);
    this.view.setUint32(this.pos, lo >>> 0, true);
    this.view.setUint32(this.pos + 4, hi >>> 0, true);
    this.pos += 8;
  }

  i8(v: number): void {
    this.ensure(1);
    this.view.setInt8(this.pos, v);
    this.pos += 1;
  }

  i16(v: number): void {
    this.ensure(2);
    this.view.setInt16(this.pos, v, true);
    this.pos += 2;
  }

  i32(v: number): void {
    this.ensure(4);
    this.view.setInt32(this.pos, v, true);
    this.pos += 4;
  }

  i64(v: number): void {
    this.ensure(8);
    this.int64(Math.trunc(v));
  }

  /** Two's complement of an integer |v| < 2^53 as low and high word. */
  private int64(v: number): void {
    const hi = Math.floor(v / TWO_32);
    this.view.setUint32(this.pos, v - hi * TWO_32, true);
    this.view.setInt32(this.pos + 4, hi, true);
    this.pos += 8;
  }

  f32(v: number): void {
    this.ensure(4);
    this.view.setFloat32(this.pos, v, true);
    this.pos += 4;
  }

  f64(v: number): void {
    this.ensure(8);
    this.view.setFloat64(this.pos, v, true);
    this.pos += 8;
  }

  /** Timestamp or duration: uint64 seconds + uint32 nanoseconds. Negative seconds wrap like C. */
  time(sec: number, ns: number): void {
    this.ensure(12);
    this.int64(Math.trunc(sec));
    this.view.setUint32(this.pos, ns >>> 0, true);
    this.pos += 4;
  }

  /** `n` bytes copied from `src` at `off` (MAC: 6, IPv4: 4, IPv6: 16). */
  bytesFrom(src: Uint8Array, off: number, n: number): void {
    this.ensure(n);
    const b = this.bytes;
    let p = this.pos;
    for (let i = 0; i < n; i++) b[p++] = src[off + i];
    this.pos = p;
  }

  zeros(n: number): void {
    this.ensure(n);
    this.bytes.fill(0, this.pos, this.pos + n);
    this.pos += n;
  }

  /** IPX value: version byte, then 4 or 16 address bytes (nothing for version 0). */
  ipx(version: number, src: Uint8Array, off: number): void {
    this.u8(version);
    if (version === 4) this.bytesFrom(src, off, 4);
    else if (version === 6) this.bytesFrom(src, off, 16);
  }

  /** NUL-terminated string from raw bytes. */
  strBytes(src: Uint8Array, off: number, n: number): void {
    this.bytesFrom(src, off, n);
    this.u8(0);
  }

  /** NUL-terminated string (UTF-8). */
  str(s: string): void {
    const n = s.length;
    this.ensure(n * 3 + 1);
    const b = this.bytes;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        p = this.pos + encoder.encodeInto(s, b.subarray(this.pos)).written;
        break;
      }
      b[p++] = c;
    }
    b[p] = 0;
    this.pos = p + 1;
  }

  /** Repetition count of a repeating column. */
  numRep(n: number): void {
    this.u32(n);
  }
}
