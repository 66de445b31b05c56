/**
 * Test helper: the inverse of RecordFormatter. Parses `_headers.txt` column types and turns text
 * flow lines back into binary records, so golden lines can be re-printed and compared.
 */
import type { Column, ColumnType, ValueType } from '../columns.ts';
import { OutputBuffer } from '../outputBuffer.ts';

/** Columns from the `N\tTYPE\tNAME\tDESC` rows of a headers file (no nested compounds). */
export function columnsFromHeaders(headers: string): Column[] {
  const rows = headers.split('\n').filter((l) => /^\d+\t/.test(l));
  return rows.map((row) => {
    const [, type, name, description] = row.split('\t');
    const repeat = type.endsWith(':R');
    const names = (repeat ? type.slice(0, -2) : type).split('_');
    const types = names.map((t): ValueType => (t === 'U64.U32' ? 'TS' : t === 'C' && name === 'dir' ? 'DIR' : (t as ValueType)));
    return { name, description, types, repeat };
  });
}

function int(out: OutputBuffer, text: string, bytes: number): void {
  let v = BigInt(text);
  if (v < 0n) v += 1n << BigInt(8 * bytes);
  for (let i = 0; i < bytes; i++) {
    out.u8(Number(v & 0xffn));
    v >>= 8n;
  }
}

function ip6Bytes(text: string): Uint8Array {
  const b = new Uint8Array(16);
  let groups = text;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    tail = text.slice(lastColon + 1).split('.').map(Number);
    groups = text.slice(0, lastColon + 1) + '0:0';
  }
  const [head, rest] = groups.split('::');
  const h = head ? head.split(':') : [];
  const r = rest === undefined ? [] : rest ? rest.split(':') : [];
  const all = rest === undefined ? h : [...h, ...Array(8 - h.length - r.length).fill('0'), ...r];
  all.forEach((g, i) => {
    const n = parseInt(g, 16);
    b[2 * i] = n >> 8;
    b[2 * i + 1] = n & 0xff;
  });
  if (tail.length) b.set(tail, 12);
  return b;
}

const ESCAPES: Record<string, number> = { b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '\\': 0x5c, '"': 0x22 };

/** A sanitised latin1 text back to its bytes. */
function unescape(out: OutputBuffer, text: string): void {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '\\') {
      out.u8(c.charCodeAt(0));
    } else if (text[i + 1] === 'u') {
      out.u8(parseInt(text.slice(i + 4, i + 6), 16));
      i += 5;
    } else {
      out.u8(ESCAPES[text[++i]]);
    }
  }
  out.u8(0);
}

function value(out: OutputBuffer, type: ValueType, text: string): void {
  switch (type) {
    case 'I8': case 'U8': case 'H8': return int(out, text, 1);
    case 'I16': case 'U16': case 'H16': return int(out, text, 2);
    case 'I32': case 'U32': case 'H32': return int(out, text, 4);
    case 'I64': case 'U64': case 'H64': return int(out, text, 8);
    case 'F': {
      const special: Record<string, number> = { nan: 0x7fc00000, '-nan': 0xffc00000, inf: 0x7f800000, '-inf': 0xff800000 };
      if (text in special) return out.u32(special[text]);
      return out.f32(Math.fround(Number(text)));
    }
    case 'D': return out.f64(Number(text));
    case 'C': return out.u8(text.charCodeAt(0));
    case 'DIR': return out.u8(text === 'A' ? 0 : 1);
    case 'TS': case 'DUR': {
      const [sec, ns] = text.split('.');
      int(out, sec, 8);
      return out.u32(Number(ns));
    }
    case 'MAC': return text.split(':').forEach((h) => out.u8(parseInt(h, 16)));
    case 'IP4': return text.split('.').forEach((d) => out.u8(Number(d)));
    case 'IP6': return out.bytesFrom(ip6Bytes(text), 0, 16);
    case 'IPX':
      if (text === '-') return out.u8(0);
      if (text.includes(':')) return out.ipx(6, ip6Bytes(text), 0);
      return out.ipx(4, new Uint8Array(text.split('.').map(Number)), 0);
    case 'S': return unescape(out, text.slice(1, -1));
    case 'SC': return unescape(out, text);
  }
}

function compoundValue(out: OutputBuffer, types: readonly ColumnType[], text: string): void {
  const parts = types.length > 1 ? text.split('_') : [text];
  types.forEach((t, i) => value(out, t as ValueType, parts[i]));
}

/** The binary record of a text flow line (latin1: one character per byte). */
export function recordFromLine(out: OutputBuffer, columns: readonly Column[], line: string): void {
  out.reset();
  const fields = line.split('\t');
  columns.forEach((c, i) => {
    if (!c.repeat) return compoundValue(out, c.types, fields[i]);
    const reps = fields[i] === '' ? [] : fields[i].split(';');
    out.numRep(reps.length);
    for (const r of reps) compoundValue(out, c.types, r);
  });
}
