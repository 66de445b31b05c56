import { NO_FLOW } from '../../core/plugin/api.ts';
import { ANOM, Anom, ConnTable, FIN_SEQ, REC, REC32, SEEN, Seen, STATE, SYN_SEQ, TcpState, TIMEOUT_CLOSED, TIMEOUT_CLOSING, TIMEOUT_ESTABLISHED, TIMEOUT_NEW, TIMEOUT_RESET } from './connState.ts';

const FIN = 0x01;
const SYN = 0x02;
const RST = 0x04;
const ACK = 0x10;
const XMAS = 0x29;

/**
 * The per-direction TCP state machine (tcpStates.md §3). `c` is the packet's flow slot, `r` the
 * reverse flow's slot or NO_FLOW; state changes also set the flow timeout.
 */
export class StateMachine {
  private readonly t: ConnTable;
  private readonly timeout: Float32Array;

  constructor(table: ConnTable, timeout: Float32Array) {
    this.t = table;
    this.timeout = timeout;
  }

  private enter(i: number, state: TcpState, timeout: number): void {
    this.t.u8[i * REC + STATE] = state;
    this.timeout[i] = timeout;
  }

  /** ESTABLISHED with 610 s; `anom` bits on both directions. */
  private establish(c: number, r: number, anom: number): void {
    this.enter(c, TcpState.Established, TIMEOUT_ESTABLISHED);
    this.t.u8[c * REC + ANOM] |= anom;
    if (r === NO_FLOW) return;
    this.enter(r, TcpState.Established, TIMEOUT_ESTABLISHED);
    this.t.u8[r * REC + ANOM] |= anom;
  }

  /** RST from C after the connection was opened: C sent the reset, R sees a broken teardown. */
  private reset(c: number, r: number): void {
    this.enter(c, TcpState.Reset, TIMEOUT_RESET);
    this.t.u8[c * REC + ANOM] |= Anom.SentReset | Anom.CloseMalformed;
    if (r === NO_FLOW) return;
    this.enter(r, TcpState.Reset, TIMEOUT_RESET);
    this.t.u8[r * REC + ANOM] |= Anom.CloseMalformed;
  }

  /** An ACK of R's FIN. */
  private ackFin(r: number, ack: number): void {
    if (r !== NO_FLOW && this.t.has(r, Seen.Fin) && ack === this.t.u32[r * REC32 + FIN_SEQ] + 1) this.t.u8[r * REC + SEEN] |= Seen.FinAcked;
  }

  packet(c: number, r: number, flags: number, seq: number, ack: number): void {
    const t = this.t;
    const classic = flags & 0x3f;
    if (classic === 0 || classic === XMAS) t.u8[c * REC + ANOM] |= Anom.Scan;

    switch (t.u8[c * REC + STATE] as TcpState) {
      case TcpState.New:
        this.onNew(c, r, flags, seq, ack);
        break;
      case TcpState.Established:
        if ((flags & (SYN | ACK)) !== ACK) {
          t.u8[c * REC + ANOM] |= Anom.OddFlagsEstablished;
          if (r !== NO_FLOW) t.u8[r * REC + ANOM] |= Anom.OddFlagsEstablished;
        }
        if (flags & FIN) {
          t.u8[c * REC + SEEN] |= Seen.Fin;
          t.u32[c * REC32 + FIN_SEQ] = seq;
          this.enter(c, TcpState.Closing, TIMEOUT_CLOSING);
          if (flags & ACK) this.ackFin(r, ack);
        }
        if (flags & RST) this.reset(c, r);
        break;
      case TcpState.Closing:
        if (flags & RST) this.reset(c, r);
        if (flags & ACK) this.ackFin(r, ack);
        if (t.has(c, Seen.Fin | Seen.FinAcked) && r !== NO_FLOW && t.has(r, Seen.Fin | Seen.FinAcked)) {
          this.enter(c, TcpState.Closed, TIMEOUT_CLOSED);
          this.enter(r, TcpState.Closed, TIMEOUT_CLOSED);
        }
        break;
      case TcpState.Closed:
        t.u8[c * REC + ANOM] |= Anom.AfterClose;
        if (flags & RST) this.reset(c, r);
        break;
      case TcpState.Reset:
        t.u8[c * REC + ANOM] |= Anom.AfterReset;
        break;
    }
  }

  /** NEW: the first matching rule applies. */
  private onNew(c: number, r: number, flags: number, seq: number, ack: number): void {
    const t = this.t;
    const hasR = r !== NO_FLOW;
    const ackFinRst = flags & (ACK | RST | SYN | FIN);

    if ((flags & (SYN | RST | FIN)) === SYN) {
      t.u8[c * REC + SEEN] |= Seen.Syn;
      t.u32[c * REC32 + SYN_SEQ] = seq;
      this.timeout[c] = TIMEOUT_NEW;
      if (flags & ACK) {
        if (hasR && ack === t.u32[r * REC32 + SYN_SEQ] + 1) t.u8[r * REC + SEEN] |= Seen.SynAcked;
        else this.establish(c, r, Anom.OpenMalformed);
      }
      return;
    }
    if (hasR && ackFinRst === ACK) {
      if (ack === t.u32[r * REC32 + SYN_SEQ] + 1) {
        t.u8[r * REC + SEEN] |= Seen.SynAcked;
        if (t.has(c, Seen.SynAcked)) this.establish(c, r, 0);
      } else {
        this.establish(c, r, Anom.OpenMalformed);
      }
      return;
    }
    if (hasR && ackFinRst === (RST | ACK)) {
      this.enter(c, TcpState.Reset, TIMEOUT_RESET);
      t.u8[c * REC + ANOM] |= Anom.SentReset;
      this.enter(r, TcpState.Reset, TIMEOUT_RESET);
      return;
    }
    if (flags & RST) {
      this.enter(c, TcpState.Reset, TIMEOUT_RESET);
      t.u8[c * REC + ANOM] |= Anom.SentReset | Anom.OpenMalformed;
      if (hasR) {
        this.enter(r, TcpState.Reset, TIMEOUT_RESET);
        t.u8[r * REC + ANOM] |= Anom.OpenMalformed;
      } else {
        t.u8[c * REC + ANOM] |= Anom.Scan;
      }
      return;
    }
    if (ackFinRst === (FIN | ACK)) {
      t.u8[c * REC + SEEN] |= Seen.Fin;
      t.u32[c * REC32 + FIN_SEQ] = seq;
      t.u8[c * REC + ANOM] |= Anom.OpenMalformed;
      this.enter(c, TcpState.Closing, TIMEOUT_CLOSING);
      if (hasR) {
        t.u8[r * REC + ANOM] |= Anom.OpenMalformed;
        this.ackFin(r, ack);
      } else {
        t.u8[c * REC + SEEN] |= Seen.FinScan;
      }
      return;
    }
    if (ackFinRst === FIN) {
      // A FIN without ACK (FIN scan, XMAS probe) leaves state and timeout alone.
      t.u8[c * REC + ANOM] |= Anom.Scan;
      return;
    }
    this.establish(c, r, Anom.OpenMalformed);
  }

  /** Termination bits (tcpStates.md §4) for a TCP flow; returns the column value. */
  terminate(c: number, r: number): number {
    const t = this.t;
    if (r === NO_FLOW) {
      t.u8[c * REC + ANOM] |= Anom.OpenMalformed | Anom.CloseMalformed;
    } else {
      if (!(t.has(c, Seen.Syn | Seen.SynAcked) && t.has(r, Seen.Syn | Seen.SynAcked))) t.u8[c * REC + ANOM] |= Anom.OpenMalformed;
      if (!(t.has(c, Seen.Fin | Seen.FinAcked) && t.has(r, Seen.Fin | Seen.FinAcked))) {
        t.u8[c * REC + ANOM] |= Anom.CloseMalformed;
      } else {
        t.u8[c * REC + SEEN] &= ~Seen.FinScan;
        t.u8[r * REC + SEEN] &= ~Seen.FinScan;
      }
    }
    if (t.has(c, Seen.FinScan)) t.u8[c * REC + ANOM] |= Anom.Scan;
    return t.u8[c * REC + ANOM];
  }
}
