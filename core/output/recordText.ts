import type { Column, ColumnType, Compound, ValueType } from './columns.ts';
import { writeIp4, writeIp6, writeMac } from './addressText.ts';
import { writeFloat7g } from './floatText.ts';
import { cDouble, cNan } from './printf.ts';
import { writeSanitized } from './sanitize.ts';
import type { TextBuffer } from './textBuffer.ts';

const enum Op {
  I8, I16, I32, I64, U8, U16, U32, U64, H8, H16, H32, H64,
  F, D, C, S, SC, Time, Dir, Mac, Ip4, Ip6, Ipx,
}

const OPS: Record<ValueType, Op> = {
  I8: Op.I8, I16: Op.I16, I32: Op.I32, I64: Op.I64,
  U8: Op.U8, U16: Op.U16, U32: Op.U32, U64: Op.U64,
  H8: Op.H8, H16: Op.H16, H32: Op.H32, H64: Op.H64,
  F: Op.F, D: Op.D, C: Op.C, S: Op.S, SC: Op.SC,
  TS: Op.Time, DUR: Op.Time, DIR: Op.Dir,
  MAC: Op.Mac, IP4: Op.Ip4, IP6: Op.Ip6, IPX: Op.Ipx,
};

/** A column or nested compound with its types resolved to opcodes once, at schema time. */
interface Plan {
  readonly parts: readonly (Op | Plan)[];
  readonly repeat: boolean;
}

function plan(c: Compound): Plan {
  return { parts: c.types.map((t: ColumnType) => (typeof t === 'string' ? OPS[t] : plan(t))), repeat: c.repeat };
}

const TWO_32 = 4294967296;
/** Upper words below this keep hi·2^32 + lo exact in a double. */
const EXACT_HI = 0x200000;

/**
 * Turns binary flow records into T2's text lines (core.md §7) for a fixed column schema:
 * one pass over the record, bytes appended straight to a TextBuffer.
 */
export class RecordFormatter {
  private readonly plans: readonly Plan[];
  /** Per column: its opcode when it is one plain value (most columns), else -1. */
  private readonly single: Int8Array;
  private bytes: Uint8Array = new Uint8Array(0);
  private view: DataView = new DataView(this.bytes.buffer);
  private pos = 0;

  constructor(columns: readonly Column[]) {
    this.plans = columns.map(plan);
    this.single = Int8Array.from(this.plans, (p) => (!p.repeat && p.parts.length === 1 && typeof p.parts[0] === 'number' ? p.parts[0] : -1));
  }

  /**
   * Appends the text line (TAB-separated, `\n`-terminated) of the record in `bytes[start, …)`
   * and returns the position after it.
   */
  write(out: TextBuffer, bytes: Uint8Array, view: DataView, start = 0): number {
    this.bytes = bytes;
    this.view = view;
    this.pos = start;
    const plans = this.plans;
    const single = this.single;
    for (let i = 0; i < plans.length; i++) {
      if (i > 0) out.byte(9);
      const op = single[i];
      if (op >= 0) this.value(out, op);
      else this.column(out, plans[i], false);
    }
    out.byte(10);
    return this.pos;
  }

  /** Repetitions joined by `;`, values by `_`; a nested compound in parentheses. */
  private column(out: TextBuffer, p: Plan, nested: boolean): void {
    let reps = 1;
    if (p.repeat) {
      reps = this.view.getUint32(this.pos, true);
      this.pos += 4;
      if (reps === 0) return;
    }
    if (nested) out.byte(40);
    const parts = p.parts;
    for (let r = 0; r < reps; r++) {
      if (r > 0) out.byte(59);
      for (let k = 0; k < parts.length; k++) {
        if (k > 0) out.byte(95);
        const part = parts[k];
        if (typeof part === 'number') this.value(out, part);
        else this.column(out, part, true);
      }
    }
    if (nested) out.byte(41);
  }

  private value(out: TextBuffer, op: Op): void {
    const v = this.view;
    const b = this.bytes;
    const p = this.pos;
    switch (op) {
      case Op.U8: out.uint(b[p]); this.pos = p + 1; return;
      case Op.U16: out.uint(v.getUint16(p, true)); this.pos = p + 2; return;
      case Op.U32: out.uint(v.getUint32(p, true)); this.pos = p + 4; return;
      case Op.U64: this.u64(out, v.getUint32(p + 4, true), v.getUint32(p, true)); this.pos = p + 8; return;
      case Op.I8: signed(out, v.getInt8(p)); this.pos = p + 1; return;
      case Op.I16: signed(out, v.getInt16(p, true)); this.pos = p + 2; return;
      case Op.I32: signed(out, v.getInt32(p, true)); this.pos = p + 4; return;
      case Op.I64: this.i64(out, v.getInt32(p + 4, true), v.getUint32(p, true)); this.pos = p + 8; return;
      case Op.H8: hexPrefix(out); out.hex(b[p], 2); this.pos = p + 1; return;
      case Op.H16: hexPrefix(out); out.hex(v.getUint16(p, true), 4); this.pos = p + 2; return;
      case Op.H32: hexPrefix(out); out.hex(v.getUint32(p, true), 8); this.pos = p + 4; return;
      case Op.H64:
        hexPrefix(out);
        out.hex(v.getUint32(p + 4, true), 8);
        out.hex(v.getUint32(p, true), 8);
        this.pos = p + 8;
        return;
      case Op.F: {
        const f = v.getFloat32(p, true);
        // JS NaNs carry no visible sign; C prints `-nan` for a set sign bit.
        if (f === 0) {
          if ((b[p + 3] & 0x80) !== 0) out.byte(45);
          out.byte(48);
        } else if (Number.isNaN(f)) out.ascii(cNan((b[p + 3] & 0x80) !== 0));
        else writeFloat7g(out, f);
        this.pos = p + 4;
        return;
      }
      case Op.D: {
        const d = v.getFloat64(p, true);
        out.ascii(Number.isNaN(d) ? cNan((b[p + 7] & 0x80) !== 0) : cDouble(d));
        this.pos = p + 8;
        return;
      }
      case Op.C: out.byte(b[p]); this.pos = p + 1; return;
      case Op.Dir: out.byte(b[p] === 0 ? 65 : 66); this.pos = p + 1; return;
      case Op.Time:
        this.u64(out, v.getUint32(p + 4, true), v.getUint32(p, true));
        out.byte(46);
        // %09u: a fraction ≥ 10^9 (bogus ns field) keeps all 10 digits.
        out.uintPadded(v.getUint32(p + 8, true), 9);
        this.pos = p + 12;
        return;
      case Op.Mac: writeMac(out, b, p); this.pos = p + 6; return;
      case Op.Ip4: writeIp4(out, b, p); this.pos = p + 4; return;
      case Op.Ip6: writeIp6(out, b, p); this.pos = p + 16; return;
      case Op.Ipx: {
        const version = b[p];
        if (version === 4) {
          writeIp4(out, b, p + 1);
          this.pos = p + 5;
        } else if (version === 6) {
          writeIp6(out, b, p + 1);
          this.pos = p + 17;
        } else {
          out.byte(45);
          this.pos = p + 1;
        }
        return;
      }
      case Op.S:
        out.byte(34);
        this.pos = writeSanitized(out, b, p);
        out.byte(34);
        return;
      case Op.SC: this.pos = writeSanitized(out, b, p); return;
    }
  }

  private u64(out: TextBuffer, hi: number, lo: number): void {
    if (hi === 0) out.uint(lo);
    else if (hi < EXACT_HI) out.uint(hi * TWO_32 + lo);
    else out.ascii(((BigInt(hi) << 32n) | BigInt(lo)).toString());
  }

  private i64(out: TextBuffer, hi: number, lo: number): void {
    if (hi >= 0) {
      this.u64(out, hi, lo);
    } else if (hi >= -EXACT_HI) {
      out.byte(45);
      out.uint(-(hi * TWO_32 + lo));
    } else {
      out.ascii(((BigInt(hi) << 32n) | BigInt(lo)).toString());
    }
  }
}

function hexPrefix(out: TextBuffer): void {
  out.byte(48);
  out.byte(120);
}

function signed(out: TextBuffer, n: number): void {
  if (n < 0) {
    out.byte(45);
    n = -n;
  }
  out.uint(n);
}
