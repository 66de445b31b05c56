/** Number of TCPFLGCNT counters per flow (8 flag bits + 8 combinations). */
export const FLAG_COUNTERS = 16;

/**
 * Per-flow state of tcpFlags (spec §3), one typed array per field, indexed by the flow slot.
 * Float fields are C floats (Float32Array); 64-bit byte counters live in Float64Array.
 */
export class FlowState {
  private readonly n: number;
  // Every per-flow array, grouped by type so that zeroing a slot stays monomorphic.
  private readonly u8s: Uint8Array[] = [];
  private readonly u16s: Uint16Array[] = [];
  private readonly u32s: Uint32Array[] = [];
  private readonly f32s: Float32Array[] = [];
  private readonly f64s: Float64Array[] = [];

  // status words
  readonly stat: Uint16Array;
  readonly statLast: Uint16Array;
  readonly anomaly: Uint16Array;
  readonly anomalyLast: Uint16Array;
  readonly ipFlags: Uint16Array;
  readonly flags: Uint16Array;
  /** Raw flag byte of the previous TCP packet. */
  readonly flagsLast: Uint8Array;
  readonly rttFlag: Uint8Array;
  /** All packets of the flow, counted in a C float. */
  readonly pktCnt: Float32Array;
  /** TCP packets processed, saturating at 6 (scan detector). */
  readonly tcpCnt: Uint8Array;
  readonly lastPktSec: Float64Array;
  readonly lastPktNs: Float64Array;

  // IP header
  readonly tos: Uint8Array;
  readonly lastTTL: Uint8Array;
  readonly minTTL: Uint8Array;
  readonly maxTTL: Uint8Array;
  readonly ttlChg: Uint8Array;
  readonly lastIPID: Uint16Array;
  readonly minIDT: Uint16Array;
  readonly maxIDT: Uint16Array;
  readonly ipOptCnt: Uint16Array;
  readonly ipOptCpCl: Uint8Array;
  readonly ipOptBits: Uint32Array;
  readonly ip6HHCnt: Uint16Array;
  readonly ip6DCnt: Uint16Array;
  readonly ip6HHBits: Uint32Array;
  readonly ip6DBits: Uint32Array;
  readonly nextFragExp: Uint16Array;
  readonly l4HdrCk: Uint16Array;
  readonly l4CalcSum: Uint16Array;
  readonly totL4Len: Uint32Array;

  // sequence / acknowledgement
  readonly initSeq: Uint32Array;
  readonly lastSeq: Uint32Array;
  readonly nextSeq: Uint32Array;
  readonly seqMax: Uint32Array;
  readonly lastAck: Uint32Array;
  readonly pSeqCnt: Uint16Array;
  readonly seqBytes: Float64Array;
  readonly seqFault: Uint16Array;
  readonly pAckCnt: Uint16Array;
  readonly ackBytes: Float64Array;
  readonly ackFault: Uint16Array;
  readonly bif: Uint32Array;
  readonly bifMax: Uint32Array;

  // window
  readonly winInit: Uint32Array;
  readonly winAvg: Float32Array;
  readonly winMin: Uint32Array;
  readonly winMax: Uint32Array;
  readonly winLast: Uint32Array;
  readonly winDwn: Uint16Array;
  readonly winUp: Uint16Array;
  readonly winChg: Uint16Array;
  readonly winBelow: Uint32Array;
  readonly winPkts: Uint32Array;

  // options
  readonly optPktCnt: Uint16Array;
  readonly optCnt: Uint16Array;
  readonly options: Uint32Array;
  readonly mss: Uint16Array;
  readonly wsShift: Uint8Array;
  /** JA4TOPTMX option kinds per flow, and how many are stored. */
  readonly ja4Kinds: Uint8Array;
  readonly ja4Count: Uint8Array;
  readonly flagCounts: Uint16Array;

  // TCP timestamps
  readonly tsVal: Uint32Array;
  readonly tsEcr: Uint32Array;
  readonly tsMax: Uint32Array;
  readonly tsFirst: Uint32Array;
  readonly tsFirstSec: Float64Array;
  readonly tsFirstNs: Float64Array;
  readonly tsLastSec: Float64Array;
  readonly tsLastNs: Float64Array;

  // MPTCP
  readonly mptbf: Uint16Array;
  readonly mpf: Uint8Array;
  readonly mpaid: Uint8Array;
  readonly mpdssf: Uint8Array;

  // RTT estimate
  readonly rttMin: Float32Array;
  readonly rttMax: Float32Array;
  readonly trip: Float32Array;
  readonly avg: Float32Array;
  readonly jit: Float32Array;

  constructor(n: number) {
    this.n = n;
    this.stat = this.u16();
    this.statLast = this.u16();
    this.anomaly = this.u16();
    this.anomalyLast = this.u16();
    this.ipFlags = this.u16();
    this.flags = this.u16();
    this.flagsLast = this.u8();
    this.rttFlag = this.u8();
    this.pktCnt = this.f32();
    this.tcpCnt = this.u8();
    this.lastPktSec = this.f64();
    this.lastPktNs = this.f64();
    this.tos = this.u8();
    this.lastTTL = this.u8();
    this.minTTL = this.u8();
    this.maxTTL = this.u8();
    this.ttlChg = this.u8();
    this.lastIPID = this.u16();
    this.minIDT = this.u16();
    this.maxIDT = this.u16();
    this.ipOptCnt = this.u16();
    this.ipOptCpCl = this.u8();
    this.ipOptBits = this.u32();
    this.ip6HHCnt = this.u16();
    this.ip6DCnt = this.u16();
    this.ip6HHBits = this.u32();
    this.ip6DBits = this.u32();
    this.nextFragExp = this.u16();
    this.l4HdrCk = this.u16();
    this.l4CalcSum = this.u16();
    this.totL4Len = this.u32();
    this.initSeq = this.u32();
    this.lastSeq = this.u32();
    this.nextSeq = this.u32();
    this.seqMax = this.u32();
    this.lastAck = this.u32();
    this.pSeqCnt = this.u16();
    this.seqBytes = this.f64();
    this.seqFault = this.u16();
    this.pAckCnt = this.u16();
    this.ackBytes = this.f64();
    this.ackFault = this.u16();
    this.bif = this.u32();
    this.bifMax = this.u32();
    this.winInit = this.u32();
    this.winAvg = this.f32();
    this.winMin = this.u32();
    this.winMax = this.u32();
    this.winLast = this.u32();
    this.winDwn = this.u16();
    this.winUp = this.u16();
    this.winChg = this.u16();
    this.winBelow = this.u32();
    this.winPkts = this.u32();
    this.optPktCnt = this.u16();
    this.optCnt = this.u16();
    this.options = this.u32();
    this.mss = this.u16();
    this.wsShift = this.u8();
    this.ja4Count = this.u8();
    this.tsVal = this.u32();
    this.tsEcr = this.u32();
    this.tsMax = this.u32();
    this.tsFirst = this.u32();
    this.tsFirstSec = this.f64();
    this.tsFirstNs = this.f64();
    this.tsLastSec = this.f64();
    this.tsLastNs = this.f64();
    this.mptbf = this.u16();
    this.mpf = this.u8();
    this.mpaid = this.u8();
    this.mpdssf = this.u8();
    this.rttMin = this.f32();
    this.rttMax = this.f32();
    this.trip = this.f32();
    this.avg = this.f32();
    this.jit = this.f32();
    this.ja4Kinds = new Uint8Array(TCPJA4T ? n * JA4TOPTMX : 0);
    this.flagCounts = new Uint16Array(TCPFLGCNT ? n * FLAG_COUNTERS : 0);
  }

  private u8(): Uint8Array {
    const a = new Uint8Array(this.n);
    this.u8s.push(a);
    return a;
  }

  private u16(): Uint16Array {
    const a = new Uint16Array(this.n);
    this.u16s.push(a);
    return a;
  }

  private u32(): Uint32Array {
    const a = new Uint32Array(this.n);
    this.u32s.push(a);
    return a;
  }

  private f32(): Float32Array {
    const a = new Float32Array(this.n);
    this.f32s.push(a);
    return a;
  }

  private f64(): Float64Array {
    const a = new Float64Array(this.n);
    this.f64s.push(a);
    return a;
  }

  /** Flow creation: every field 0 (the JA4T kinds need not be, ja4Count says how many are valid). */
  zero(i: number): void {
    for (const a of this.u8s) a[i] = 0;
    for (const a of this.u16s) a[i] = 0;
    for (const a of this.u32s) a[i] = 0;
    for (const a of this.f32s) a[i] = 0;
    for (const a of this.f64s) a[i] = 0;
    if (TCPFLGCNT) this.flagCounts.fill(0, i * FLAG_COUNTERS, (i + 1) * FLAG_COUNTERS);
  }
}
