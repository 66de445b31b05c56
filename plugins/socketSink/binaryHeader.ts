import type { Column, ColumnType, ValueType } from '../../core/output/columns.ts';

/** T2's binary type codes (sinks.md §1.3). */
const TYPE_CODE: Record<ValueType, number> = {
  I8: 1, I16: 2, I32: 3, I64: 4,
  U8: 7, U16: 8, U32: 9, U64: 10,
  H8: 13, H16: 14, H32: 15, H64: 16,
  F: 19, D: 20, C: 22, S: 23, DIR: 24, TS: 25, DUR: 26,
  MAC: 27, IP4: 28, IP6: 29, IPX: 30, SC: 31,
};
const COMPOUND = 0;
/** The bytes `ANTEATER`, then version 1. */
const MAGIC = [0x45544e41, 0x52455441, 1];
const END = 0xffffffff;

/**
 * The binary header of socketSink's binary mode and binSink (sinks.md §1.4): little-endian
 * uint32 words; names and descriptions NUL-terminated and zero-padded to whole words.
 */
export function binaryHeader(columns: readonly Column[]): Uint8Array {
  const words: number[] = [...MAGIC];
  const text = (s: string) => {
    const b = Buffer.from(s + '\0', 'utf8');
    const padded = Buffer.alloc(Math.ceil(b.length / 4) * 4);
    b.copy(padded);
    for (let i = 0; i < padded.length; i += 4) words.push(padded.readUInt32LE(i));
  };
  const types = (ts: readonly ColumnType[]) => {
    for (const t of ts) {
      if (typeof t === 'string') {
        words.push(TYPE_CODE[t]);
      } else {
        words.push(COMPOUND, t.types.length);
        types(t.types);
        words.push(t.repeat ? 1 : 0);
      }
    }
  };
  for (const c of columns) {
    text(c.name);
    text(c.description);
    words.push(c.types.length);
    types(c.types);
    words.push(c.repeat ? 1 : 0);
  }
  words.push(END);
  const out = new Uint8Array(words.length * 4);
  const v = new DataView(out.buffer);
  words.forEach((w, i) => v.setUint32(i * 4, w >>> 0, true));
  return out;
}
