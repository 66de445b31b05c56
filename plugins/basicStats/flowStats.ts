const f32 = Math.fround;
const NS_PER_SEC = 1e9;
/** Initial minimum IAT (C float 4e12). */
const MIN_IAT_START = f32(4e12);

/**
 * Per-flow counters and running statistics (basicStats.md §2). Every statistic is a C float;
 * each intermediate is rounded with f32 in the order T2 evaluates it.
 */
export class FlowStats {
  readonly numTPkts: Float64Array;
  readonly numTBytes: Float64Array;
  /** Sum of the padding bytes of the flow's packets (padBytesSnt). */
  readonly padBytes: Float64Array;
  readonly minPktSz: Uint16Array;
  readonly maxPktSz: Uint16Array;
  readonly avgPktSz: Float32Array;
  readonly varPktSz: Float32Array;
  readonly minIAT: Float32Array;
  readonly maxIAT: Float32Array;
  readonly avgIAT: Float32Array;
  readonly varIAT: Float32Array;
  /** Time of the previous packet (T2's lst). */
  readonly lstSec: Float64Array;
  readonly lstNs: Uint32Array;

  constructor(capacity: number) {
    this.numTPkts = new Float64Array(capacity);
    this.numTBytes = new Float64Array(capacity);
    this.padBytes = new Float64Array(capacity);
    this.minPktSz = new Uint16Array(capacity);
    this.maxPktSz = new Uint16Array(capacity);
    this.avgPktSz = new Float32Array(capacity);
    this.varPktSz = new Float32Array(capacity);
    this.minIAT = new Float32Array(capacity);
    this.maxIAT = new Float32Array(capacity);
    this.avgIAT = new Float32Array(capacity);
    this.varIAT = new Float32Array(capacity);
    this.lstSec = new Float64Array(capacity);
    this.lstNs = new Uint32Array(capacity);
  }

  /** Flow creation: `len` is the first packet's length, (sec, ns) the flow's lastSeen. */
  reset(i: number, len: number, sec: number, ns: number): void {
    this.numTPkts[i] = 0;
    this.numTBytes[i] = 0;
    this.padBytes[i] = 0;
    this.minPktSz[i] = 65535;
    this.maxPktSz[i] = 0;
    this.avgPktSz[i] = f32(len & 0xffff);
    this.varPktSz[i] = 0;
    this.minIAT[i] = MIN_IAT_START;
    this.maxIAT[i] = 0;
    this.avgIAT[i] = 0;
    this.varIAT[i] = 0;
    this.lstSec[i] = sec;
    this.lstNs[i] = ns;
  }

  /** One packet of length `len` and padding `pad`; (sec, ns) is the flow's lastSeen = this packet's time. */
  add(i: number, len: number, pad: number, sec: number, ns: number): void {
    const l = len & 0xffff;
    const n = ++this.numTPkts[i];
    this.numTBytes[i] += l;
    this.padBytes[i] += pad;
    if (l < this.minPktSz[i]) this.minPktSz[i] = l;
    if (l > this.maxPktSz[i]) this.maxPktSz[i] = l;

    // Seconds differ as uint32 (a jump back in time wraps), nanoseconds as a float over 1e9.
    const secDiff = ((sec >>> 0) - (this.lstSec[i] >>> 0)) >>> 0;
    const iat = f32(f32(secDiff) + f32(ns - this.lstNs[i]) / NS_PER_SEC);
    if (iat < this.minIAT[i]) this.minIAT[i] = iat;
    if (iat > this.maxIAT[i]) this.maxIAT[i] = iat;
    this.lstSec[i] = sec;
    this.lstNs[i] = ns;

    const fn = f32(n);
    let m = f32(f32(l) - this.avgPktSz[i]);
    this.avgPktSz[i] = f32(this.avgPktSz[i] + f32(m / fn));
    this.varPktSz[i] = f32(this.varPktSz[i] + f32(f32(f32(m * m) - this.varPktSz[i]) / fn));
    m = f32(iat - this.avgIAT[i]);
    this.avgIAT[i] = f32(this.avgIAT[i] + f32(m / fn));
    this.varIAT[i] = f32(this.varIAT[i] + f32(f32(f32(m * m) - this.varIAT[i]) / fn));
  }
}
