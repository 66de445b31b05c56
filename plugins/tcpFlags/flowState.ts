/** Number of TCPFLGCNT counters per flow (8 flag bits + 8 combinations). */
export const FLAG_COUNTERS = 16;

/**
 * Per-flow state of tcpFlags (spec §3), one typed array per field, indexed by the flow slot.
 * Float fields are C floats (Float32Array); 64-bit byte counters live in Float64Array.
 */
export class FlowState {
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

  private readonly all: readonly { fill(v: number, start: number, end: number): unknown }[];

  constructor(n: number) {
    this.stat = new Uint16Array(n);
    this.statLast = new Uint16Array(n);
    this.anomaly = new Uint16Array(n);
    this.anomalyLast = new Uint16Array(n);
    this.ipFlags = new Uint16Array(n);
    this.flags = new Uint16Array(n);
    this.flagsLast = new Uint8Array(n);
    this.rttFlag = new Uint8Array(n);
    this.pktCnt = new Float32Array(n);
    this.tcpCnt = new Uint8Array(n);
    this.lastPktSec = new Float64Array(n);
    this.lastPktNs = new Float64Array(n);
    this.tos = new Uint8Array(n);
    this.lastTTL = new Uint8Array(n);
    this.minTTL = new Uint8Array(n);
    this.maxTTL = new Uint8Array(n);
    this.ttlChg = new Uint8Array(n);
    this.lastIPID = new Uint16Array(n);
    this.minIDT = new Uint16Array(n);
    this.maxIDT = new Uint16Array(n);
    this.ipOptCnt = new Uint16Array(n);
    this.ipOptCpCl = new Uint8Array(n);
    this.ipOptBits = new Uint32Array(n);
    this.ip6HHCnt = new Uint16Array(n);
    this.ip6DCnt = new Uint16Array(n);
    this.ip6HHBits = new Uint32Array(n);
    this.ip6DBits = new Uint32Array(n);
    this.nextFragExp = new Uint16Array(n);
    this.l4HdrCk = new Uint16Array(n);
    this.l4CalcSum = new Uint16Array(n);
    this.totL4Len = new Uint32Array(n);
    this.initSeq = new Uint32Array(n);
    this.lastSeq = new Uint32Array(n);
    this.nextSeq = new Uint32Array(n);
    this.seqMax = new Uint32Array(n);
    this.lastAck = new Uint32Array(n);
    this.pSeqCnt = new Uint16Array(n);
    this.seqBytes = new Float64Array(n);
    this.seqFault = new Uint16Array(n);
    this.pAckCnt = new Uint16Array(n);
    this.ackBytes = new Float64Array(n);
    this.ackFault = new Uint16Array(n);
    this.bif = new Uint32Array(n);
    this.bifMax = new Uint32Array(n);
    this.winInit = new Uint32Array(n);
    this.winAvg = new Float32Array(n);
    this.winMin = new Uint32Array(n);
    this.winMax = new Uint32Array(n);
    this.winLast = new Uint32Array(n);
    this.winDwn = new Uint16Array(n);
    this.winUp = new Uint16Array(n);
    this.winChg = new Uint16Array(n);
    this.winBelow = new Uint32Array(n);
    this.winPkts = new Uint32Array(n);
    this.optPktCnt = new Uint16Array(n);
    this.optCnt = new Uint16Array(n);
    this.options = new Uint32Array(n);
    this.mss = new Uint16Array(n);
    this.wsShift = new Uint8Array(n);
    this.ja4Kinds = new Uint8Array(TCPJA4T ? n * JA4TOPTMX : 0);
    this.ja4Count = new Uint8Array(n);
    this.flagCounts = new Uint16Array(TCPFLGCNT ? n * FLAG_COUNTERS : 0);
    this.tsVal = new Uint32Array(n);
    this.tsEcr = new Uint32Array(n);
    this.tsMax = new Uint32Array(n);
    this.tsFirst = new Uint32Array(n);
    this.tsFirstSec = new Float64Array(n);
    this.tsFirstNs = new Float64Array(n);
    this.tsLastSec = new Float64Array(n);
    this.tsLastNs = new Float64Array(n);
    this.mptbf = new Uint16Array(n);
    this.mpf = new Uint8Array(n);
    this.mpaid = new Uint8Array(n);
    this.mpdssf = new Uint8Array(n);
    this.rttMin = new Float32Array(n);
    this.rttMax = new Float32Array(n);
    this.trip = new Float32Array(n);
    this.avg = new Float32Array(n);
    this.jit = new Float32Array(n);
    this.all = Object.values(this).filter((v): v is Uint8Array => ArrayBuffer.isView(v) && (v as Uint8Array).length === n);
  }

  /** Flow creation: every field 0 (the JA4T kinds need not be, ja4Count says how many are valid). */
  zero(i: number): void {
    for (const a of this.all) a.fill(0, i, i + 1);
    if (TCPFLGCNT) this.flagCounts.fill(0, i * FLAG_COUNTERS, (i + 1) * FLAG_COUNTERS);
  }
}
