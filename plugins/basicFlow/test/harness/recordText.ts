import type { Column, ValueType } from '../../../../core/output/columns.ts';
import { ip4Text, ip6Text, macText } from '../../../../core/output/addressText.ts';

/** C `%.7g` of a float (test-side reference for txtSink's float form). */
export function g7(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  const [mant, expText] = x.toExponential(6).split('e');
  const e = Number(expText);
  const strip = (s: string): string => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (e < -4 || e >= 7) return `${strip(mant)}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return strip(x.toFixed(6 - e));
}

/** Reads one binary flow record back into the text fields txtSink would print. */
export class RecordReader {
  private pos = 0;
  private readonly view: DataView;
  private readonly bytes: Uint8Array;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get done(): boolean {
    return this.pos === this.bytes.length;
  }

  private u64(): bigint {
    const v = this.view.getBigUint64(this.pos, true);
    this.pos += 8;
    return v;
  }

  private cstr(): string {
    const end = this.bytes.indexOf(0, this.pos);
    const s = new TextDecoder().decode(this.bytes.subarray(this.pos, end));
    this.pos = end + 1;
    return s;
  }

  private value(t: ValueType): string {
    const v = this.view;
    const p = this.pos;
    switch (t) {
      case 'U8': this.pos += 1; return String(v.getUint8(p));
      case 'U16': this.pos += 2; return String(v.getUint16(p, true));
      case 'U32': this.pos += 4; return String(v.getUint32(p, true));
      case 'U64': return String(this.u64());
      case 'I8': this.pos += 1; return String(v.getInt8(p));
      case 'I16': this.pos += 2; return String(v.getInt16(p, true));
      case 'I32': this.pos += 4; return String(v.getInt32(p, true));
      case 'I64': this.pos += 8; return String(v.getBigInt64(p, true));
      case 'H8': this.pos += 1; return '0x' + v.getUint8(p).toString(16).padStart(2, '0');
      case 'H16': this.pos += 2; return '0x' + v.getUint16(p, true).toString(16).padStart(4, '0');
      case 'H32': this.pos += 4; return '0x' + v.getUint32(p, true).toString(16).padStart(8, '0');
      case 'H64': return '0x' + this.u64().toString(16).padStart(16, '0');
      case 'F': this.pos += 4; return g7(v.getFloat32(p, true));
      case 'D': this.pos += 8; return v.getFloat64(p, true).toFixed(6);
      case 'DIR': this.pos += 1; return v.getUint8(p) === 0 ? 'A' : 'B';
      case 'C': this.pos += 1; return String.fromCharCode(v.getUint8(p));
      case 'S': return `"${this.cstr()}"`;
      case 'SC': return this.cstr();
      case 'TS':
      case 'DUR': {
        const sec = this.u64();
        const ns = v.getUint32(this.pos, true);
        this.pos += 4;
        return `${sec}.${String(ns).padStart(9, '0')}`;
      }
      case 'MAC': this.pos += 6; return macText(this.bytes, p);
      case 'IP4': this.pos += 4; return ip4Text(this.bytes, p);
      case 'IP6': this.pos += 16; return ip6Text(this.bytes, p);
      case 'IPX': {
        const ver = v.getUint8(p);
        this.pos += 1;
        if (ver === 4) return this.value('IP4');
        if (ver === 6) return this.value('IP6');
        return '-';
      }
    }
  }

  column(c: Column): string {
    const one = (): string =>
      c.types
        .map((t) => {
          if (typeof t !== 'string') throw new Error('nested compounds are not used by these plugins');
          return this.value(t);
        })
        .join('_');
    if (!c.repeat) return one();
    const n = this.view.getUint32(this.pos, true);
    this.pos += 4;
    const parts: string[] = [];
    for (let k = 0; k < n; k++) parts.push(one());
    return parts.join(';');
  }
}

/** Text fields of a record, keyed by column name. */
export function recordFields(columns: readonly Column[], bytes: Uint8Array): Record<string, string> {
  const r = new RecordReader(bytes);
  const out: Record<string, string> = {};
  for (const c of columns) out[c.name] = r.column(c);
  if (!r.done) throw new Error('record longer than its columns');
  return out;
}
