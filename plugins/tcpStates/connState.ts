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

/**
 * Record layout: a TCP packet reads and writes state, anomalies, handshake bits and sequence
 * numbers together, so they share one 16-byte record per flow slot (one cache line).
 * STATE, ANOM and SEEN index `u8`; SYN_SEQ and FIN_SEQ index `u32`, relative to the record.
 */
export const REC = 16;
export const REC32 = REC / 4;
export const STATE = 0;
export const ANOM = 1;
export const SEEN = 2;
/** SYN and FIN sequence numbers; compared as `ack == seq + 1` without 32-bit wrap. */
export const SYN_SEQ = 1;
export const FIN_SEQ = 2;

/** Per-direction records, one per flow slot. */
export class ConnTable {
  readonly u8: Uint8Array;
  readonly u32: Uint32Array;

  constructor(capacity: number) {
    const buf = new ArrayBuffer(capacity * REC);
    this.u8 = new Uint8Array(buf);
    this.u32 = new Uint32Array(buf);
  }

  reset(i: number): void {
    const b = i * REC;
    this.u8[b + STATE] = TcpState.New;
    this.u8[b + ANOM] = 0;
    this.u8[b + SEEN] = 0;
    this.u32[i * REC32 + SYN_SEQ] = 0;
    this.u32[i * REC32 + FIN_SEQ] = 0;
  }

  anomOf(i: number): number {
    return this.u8[i * REC + ANOM];
  }

  has(i: number, bits: Seen): boolean {
    return (this.u8[i * REC + SEEN] & bits) === bits;
  }
}
