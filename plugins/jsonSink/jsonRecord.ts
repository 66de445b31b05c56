import type { Column, ColumnType, Compound, ValueType } from '../../core/output/columns.ts';
import { writeIp4, writeIp6, writeMac } from '../../core/output/addressText.ts';
import type { TextBuffer } from '../../core/output/textBuffer.ts';
import { jsonDouble } from './jsonNumber.ts';
import { writeJsonString } from './jsonString.ts';

export interface JsonOptions {
  /** JSON_NO_SPACES=0 writes `", "` and `": "`. */
  readonly spaces: boolean;
  /** JSON_SUPPRESS_EMPTY_ARRAY: repeating columns without repetitions are left out. */
  readonly suppressEmpty: boolean;
  /** JSON_SELECT: names of the columns to write (all when undefined). */
  readonly select?: ReadonlySet<string>;
}

/** A column or nested compound resolved once: its key text (columns only) and parts. */
interface Plan {
  readonly key: string;
  readonly parts: readonly (ValueType | Plan)[];
  readonly repeat: boolean;
  readonly selected: boolean;
}

const TWO_32 = 4294967296;
const EXACT_HI = 0x200000;
const QUOTE = 34;

/** Turns binary flow records into jsonSink's one-line objects (sinks.md §3.3). */
export class JsonFormatter {
  private readonly plans: readonly Plan[];
  private readonly comma: string;
  private bytes: Uint8Array = new Uint8Array(0);
  private view = new DataView(this.bytes.buffer);
  private pos = 0;

  constructor(columns: readonly Column[], private readonly options: JsonOptions) {
    const colon = options.spaces ? ': ' : ':';
    this.comma = options.spaces ? ', ' : ',';
    const plan = (c: Compound, key: string, selected: boolean): Plan => ({
      key,
      parts: c.types.map((t: ColumnType) => (typeof t === 'string' ? t : plan(t, '', true))),
      repeat: c.repeat,
      selected,
    });
    this.plans = columns.map((c) => plan(c, `"${c.name}"${colon}`, options.select?.has(c.name) ?? true));
  }

  /** Appends `{…}` (no newline) for the record at `start`; returns the position after it. */
  write(out: TextBuffer, bytes: Uint8Array, view: DataView, start = 0): number {
    this.bytes = bytes;
    this.view = view;
    this.pos = start;
    out.byte(123);
    let first = true;
    for (const p of this.plans) {
      const reps = p.repeat ? this.u32() : 1;
      const shown = p.selected && !(p.repeat && reps === 0 && this.options.suppressEmpty);
      const mark = out.len;
      if (shown && !first) out.ascii(this.comma);
      if (shown) out.ascii(p.key);
      this.column(out, p, reps);
      if (!shown) out.len = mark; // the value is walked to reach the next column, then dropped
      else first = false;
    }
    out.byte(125);
    return this.pos;
  }

  /** A column: one value as is; several values, or repetitions, as arrays. */
  private column(out: TextBuffer, p: Plan, reps: number): void {
    const multi = p.parts.length > 1;
    if (p.repeat) out.byte(91);
    for (let r = 0; r < reps; r++) {
      if (r > 0) out.ascii(this.comma);
      if (multi) out.byte(91);
      this.values(out, p.parts);
      if (multi) out.byte(93);
    }
    if (p.repeat) out.byte(93);
  }

  private values(out: TextBuffer, parts: readonly (ValueType | Plan)[]): void {
    for (let k = 0; k < parts.length; k++) {
      if (k > 0) out.ascii(this.comma);
      const part = parts[k]!;
      if (typeof part === 'string') this.value(out, part);
      else this.nested(out, part);
    }
  }

  /**
   * A nested compound. T2 closes one with several values with `[` instead of `]` (sinks.md §3.3:
   * a bug that makes invalid JSON; no shipped column has such a value), kept as it prints it.
   */
  private nested(out: TextBuffer, p: Plan): void {
    const reps = p.repeat ? this.u32() : 1;
    const multi = p.parts.length > 1;
    if (p.repeat) out.byte(91);
    for (let r = 0; r < reps; r++) {
      if (r > 0) out.ascii(this.comma);
      if (multi) out.byte(91);
      this.values(out, p.parts);
      if (multi) out.byte(91);
    }
    if (p.repeat) out.byte(93);
  }

  private u32(): number {
    const n = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return n;
  }

  private value(out: TextBuffer, t: ValueType): void {
    const v = this.view;
    const b = this.bytes;
    const p = this.pos;
    switch (t) {
      case 'U8': out.uint(b[p]!); this.pos = p + 1; return;
      case 'U16': out.uint(v.getUint16(p, true)); this.pos = p + 2; return;
      case 'U32': out.uint(v.getUint32(p, true)); this.pos = p + 4; return;
      case 'U64': u64(out, v.getUint32(p + 4, true), v.getUint32(p, true)); this.pos = p + 8; return;
      case 'I8': signed(out, v.getInt8(p)); this.pos = p + 1; return;
      case 'I16': signed(out, v.getInt16(p, true)); this.pos = p + 2; return;
      case 'I32': signed(out, v.getInt32(p, true)); this.pos = p + 4; return;
      case 'I64': out.ascii(v.getBigInt64(p, true).toString()); this.pos = p + 8; return;
      case 'H8': hex(out, b[p]!, 2); this.pos = p + 1; return;
      case 'H16': hex(out, v.getUint16(p, true), 4); this.pos = p + 2; return;
      case 'H32': hex(out, v.getUint32(p, true), 8); this.pos = p + 4; return;
      case 'H64':
        out.ascii('"0x');
        out.hex(v.getUint32(p + 4, true), 8);
        out.hex(v.getUint32(p, true), 8);
        out.byte(QUOTE);
        this.pos = p + 8;
        return;
      case 'F': out.ascii(jsonDouble(v.getFloat32(p, true))); this.pos = p + 4; return;
      case 'D': out.ascii(jsonDouble(v.getFloat64(p, true))); this.pos = p + 8; return;
      case 'C': out.byte(QUOTE); out.byte(b[p]!); out.byte(QUOTE); this.pos = p + 1; return;
      case 'DIR': out.ascii(b[p] === 0 ? '"A"' : '"B"'); this.pos = p + 1; return;
      case 'TS':
      case 'DUR':
        out.byte(QUOTE);
        u64(out, v.getUint32(p + 4, true), v.getUint32(p, true));
        out.byte(46);
        out.uintPadded(v.getUint32(p + 8, true), 9);
        out.byte(QUOTE);
        this.pos = p + 12;
        return;
      case 'MAC': quoted(out, writeMac, b, p); this.pos = p + 6; return;
      case 'IP4': quoted(out, writeIp4, b, p); this.pos = p + 4; return;
      case 'IP6': quoted(out, writeIp6, b, p); this.pos = p + 16; return;
      case 'IPX': {
        const version = b[p];
        if (version === 4) quoted(out, writeIp4, b, p + 1);
        else if (version === 6) quoted(out, writeIp6, b, p + 1);
        else out.ascii('"-"');
        this.pos = p + 1 + (version === 4 ? 4 : version === 6 ? 16 : 0);
        return;
      }
      case 'S':
      case 'SC':
        out.byte(QUOTE);
        this.pos = writeJsonString(out, b, p);
        out.byte(QUOTE);
        return;
    }
  }
}

function quoted(out: TextBuffer, write: (out: TextBuffer, src: Uint8Array, off: number) => void, b: Uint8Array, p: number): void {
  out.byte(QUOTE);
  write(out, b, p);
  out.byte(QUOTE);
}

function hex(out: TextBuffer, n: number, digits: number): void {
  out.ascii('"0x');
  out.hex(n, digits);
  out.byte(QUOTE);
}

function u64(out: TextBuffer, hi: number, lo: number): void {
  if (hi < EXACT_HI) out.uint(hi * TWO_32 + lo);
  else out.ascii(((BigInt(hi) << 32n) | BigInt(lo)).toString());
}

function signed(out: TextBuffer, n: number): void {
  if (n < 0) {
    out.byte(45);
    n = -n;
  }
  out.uint(n);
}
