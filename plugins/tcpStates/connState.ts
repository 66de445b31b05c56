/** Connection states of one direction (tcpStates.md §2). */
export const enum TcpState {
  New = 0,
  Established = 1,
  Closing = 2,
  Closed = 3,
  Reset = 4,
}

/** Bits of the anomaly column. */
export const enum Anom {
  OpenMalformed = 0x01,
  CloseMalformed = 0x02,
  OddFlagsEstablished = 0x04,
  AfterClose = 0x08,
  AfterReset = 0x10,
  SentReset = 0x40,
  Scan = 0x80,
}

/** Handshake progress bits of one direction. */
export const enum Seen {
  Syn = 0x01,
  SynAcked = 0x02,
  Fin = 0x04,
  FinAcked = 0x08,
  /** The flow started with a FIN-ACK while no reverse flow existed. */
  FinScan = 0x10,
}

/** Flow timeouts per state entered, in seconds (stored as C float by the flow table). */
export const TIMEOUT_RESET = 0.1;
export const TIMEOUT_NEW = 120;
export const TIMEOUT_ESTABLISHED = 610;
export const TIMEOUT_CLOSING = 120;
export const TIMEOUT_CLOSED = 10;

/** Per-direction records, one per flow slot. */
export class ConnTable {
  readonly state: Uint8Array;
  readonly anom: Uint8Array;
  readonly seen: Uint8Array;
  /** SYN and FIN sequence numbers; compared as `ack == seq + 1` without 32-bit wrap. */
  readonly synSeq: Float64Array;
  readonly finSeq: Float64Array;

  constructor(capacity: number) {
    this.state = new Uint8Array(capacity);
    this.anom = new Uint8Array(capacity);
    this.seen = new Uint8Array(capacity);
    this.synSeq = new Float64Array(capacity);
    this.finSeq = new Float64Array(capacity);
  }

  reset(i: number): void {
    this.state[i] = TcpState.New;
    this.anom[i] = 0;
    this.seen[i] = 0;
    this.synSeq[i] = 0;
    this.finSeq[i] = 0;
  }

  has(i: number, bits: Seen): boolean {
    return (this.seen[i] & bits) === bits;
  }
}
