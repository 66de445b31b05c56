const f32 = Math.fround;
const NS_PER_SEC = 1e9;
/** Initial minimum IAT (C float 4e12). */
const MIN_IAT_START = f32(4e12);

/**
 * Record layout: every packet updates all of a flow's statistics, so they share one 64-byte
 * record (one or two cache lines) instead of thirteen arrays (thirteen misses on a cold flow).
 * Indexes are in units of the view's element size.
 */
const RECORD = 64;
const F64 = RECORD / 8;
const F32 = RECORD / 4;
const U16 = RECORD / 2;
const PKTS = 0;
const BYTES = 1;
const PAD = 2;
const LST_SEC = 3;
const LST_NS = 8;
const AVG_SZ = 9;
const VAR_SZ = 10;
const MIN_IAT = 11;
const MAX_IAT = 12;
const AVG_IAT = 13;
const VAR_IAT = 14;
const MIN_SZ = 30;
const MAX_SZ = 31;

/**
 * Per-flow counters and running statistics (basicStats.md §2). Every statistic is a C float;
 * each intermediate is rounded with f32 in the order T2 evaluates it.
 */
export class FlowStats {
  private readonly f64: Float64Array;
  private readonly f32: Float32Array;
  private readonly u32: Uint32Array;
  private readonly u16: Uint16Array;

  constructor(capacity: number) {
    const buf = new ArrayBuffer(capacity * RECORD);
    this.f64 = new Float64Array(buf);
    this.f32 = new Float32Array(buf);
    this.u32 = new Uint32Array(buf);
    this.u16 = new Uint16Array(buf);
  }

  numTPkts(i: number): number {
    return this.f64[i * F64 + PKTS];
  }

  numTBytes(i: number): number {
    return this.f64[i * F64 + BYTES];
  }

  /** Sum of the padding bytes of the flow's packets (padBytesSnt). */
  padBytes(i: number): number {
    return this.f64[i * F64 + PAD];
  }

  minPktSz(i: number): number {
    return this.u16[i * U16 + MIN_SZ];
  }

  maxPktSz(i: number): number {
    return this.u16[i * U16 + MAX_SZ];
  }

  varPktSz(i: number): number {
    return this.f32[i * F32 + VAR_SZ];
  }

  minIAT(i: number): number {
    return this.f32[i * F32 + MIN_IAT];
  }

  maxIAT(i: number): number {
    return this.f32[i * F32 + MAX_IAT];
  }

  avgIAT(i: number): number {
    return this.f32[i * F32 + AVG_IAT];
  }

  varIAT(i: number): number {
    return this.f32[i * F32 + VAR_IAT];
  }

  /** Flow creation: `len` is the first packet's length, (sec, ns) the flow's lastSeen (T2's lst). */
  reset(i: number, len: number, sec: number, ns: number): void {
    const d = i * F64;
    const f = i * F32;
    const h = i * U16;
    this.f64[d + PKTS] = 0;
    this.f64[d + BYTES] = 0;
    this.f64[d + PAD] = 0;
    this.f64[d + LST_SEC] = sec;
    this.u32[f + LST_NS] = ns;
    this.u16[h + MIN_SZ] = 65535;
    this.u16[h + MAX_SZ] = 0;
    this.f32[f + AVG_SZ] = len & 0xffff;
    this.f32[f + VAR_SZ] = 0;
    this.f32[f + MIN_IAT] = MIN_IAT_START;
    this.f32[f + MAX_IAT] = 0;
    this.f32[f + AVG_IAT] = 0;
    this.f32[f + VAR_IAT] = 0;
  }

  /** One packet of length `len` and padding `pad`; (sec, ns) is the flow's lastSeen = this packet's time. */
  add(i: number, len: number, pad: number, sec: number, ns: number): void {
    const d64 = this.f64;
    const d32 = this.f32;
    const d16 = this.u16;
    const d = i * F64;
    const f = i * F32;
    const h = i * U16;
    const l = len & 0xffff;
    const n = ++d64[d + PKTS];
    d64[d + BYTES] += l;
    d64[d + PAD] += pad;
    if (l < d16[h + MIN_SZ]) d16[h + MIN_SZ] = l;
    if (l > d16[h + MAX_SZ]) d16[h + MAX_SZ] = l;

    // Seconds differ as uint32 (a jump back in time wraps), nanoseconds as a float over 1e9.
    const secDiff = ((sec >>> 0) - (d64[d + LST_SEC] >>> 0)) >>> 0;
    const iat = f32(f32(secDiff) + f32(ns - this.u32[f + LST_NS]) / NS_PER_SEC);
    if (iat < d32[f + MIN_IAT]) d32[f + MIN_IAT] = iat;
    if (iat > d32[f + MAX_IAT]) d32[f + MAX_IAT] = iat;
    d64[d + LST_SEC] = sec;
    this.u32[f + LST_NS] = ns;

    const fn = f32(n);
    const avgSz = d32[f + AVG_SZ];
    const varSz = d32[f + VAR_SZ];
    let m = f32(f32(l) - avgSz);
    d32[f + AVG_SZ] = f32(avgSz + f32(m / fn));
    d32[f + VAR_SZ] = f32(varSz + f32(f32(f32(m * m) - varSz) / fn));
    const avgIat = d32[f + AVG_IAT];
    const varIat = d32[f + VAR_IAT];
    m = f32(iat - avgIat);
    d32[f + AVG_IAT] = f32(avgIat + f32(m / fn));
    d32[f + VAR_IAT] = f32(varIat + f32(f32(f32(m * m) - varIat) / fn));
  }
}
