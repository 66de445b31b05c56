import { describe, expect, it } from 'vitest';
import { column, compound, type Column } from '../../../core/output/columns.ts';
import { OutputBuffer } from '../../../core/output/outputBuffer.ts';
import { TextBuffer } from '../../../core/output/textBuffer.ts';
import { JsonFormatter, type JsonOptions } from '../jsonRecord.ts';
import { jsonDouble } from '../jsonNumber.ts';

describe('jsonDouble (%.17g, .0 for integral texts, short exponents)', () => {
  it.each([
    [Math.fround(0.203), '0.20299999415874481'],
    [72, '72.0'],
    [65535, '65535.0'],
    [Math.fround(2.6976e-5), '2.6976000299328007e-5'],
    [1777733.892437825, '1777733.892437825'],
    [0, '0.0'],
    [-0, '-0.0'],
    [1e21, '1e+21'],
    [1e17, '1e+17'],
    [12345678901234567, '12345678901234568.0'],
    [0.0001, '0.0001'],
    [-1.5e-300, '-1.5000000000000001e-300'],
    [NaN, 'nan.0'],
    [Infinity, 'inf.0'],
    [-Infinity, '-inf.0'],
  ])('%s → %s', (x, text) => {
    expect(jsonDouble(x)).toBe(text);
  });
});

/** A record of `columns` built by `fill`, formatted with `options`. */
function json(columns: Column[], fill: (o: OutputBuffer) => void, options: Partial<JsonOptions> = {}): string {
  const buf = new OutputBuffer();
  fill(buf);
  const out = new TextBuffer(256);
  const f = new JsonFormatter(columns, { spaces: false, suppressEmpty: true, ...options });
  expect(f.write(out, buf.bytes, buf.view)).toBe(buf.pos);
  return Buffer.from(out.view()).toString('latin1');
}

describe('JsonFormatter', () => {
  it('writes every value type as sinks.md §3.3 says', () => {
    const cols = [
      column('dir', 'd', 'DIR'),
      column('u64', 'd', 'U64'),
      column('big', 'd', 'U64'),
      column('i8', 'd', 'I8'),
      column('i64', 'd', 'I64'),
      column('h8', 'd', 'H8'),
      column('h16', 'd', 'H16'),
      column('h32', 'd', 'H32'),
      column('flowStat', 'd', 'H64'),
      column('f', 'd', 'F'),
      column('d', 'd', 'D'),
      column('c', 'd', 'C'),
      column('ts', 'd', 'TS'),
      column('dur', 'd', 'DUR'),
      column('mac', 'd', 'MAC'),
      column('ip4', 'd', 'IP4'),
      column('ip6', 'd', 'IP6'),
      column('ipx4', 'd', 'IPX'),
      column('ipx0', 'd', 'IPX'),
      column('s', 'd', 'S'),
      column('sc', 'd', 'SC'),
    ];
    const text = json(cols, (o) => {
      o.u8(1);
      o.u64(42);
      o.u64HiLo(0xffffffff, 0xffffffff);
      o.i8(-5);
      o.i64(-7);
      o.u8(0xa);
      o.u16(0xbeef);
      o.u32(0x1234);
      o.u64HiLo(0x04000000, 0x4000);
      o.f32(Math.fround(0.203));
      o.f64(72);
      o.u8(0x78);
      o.time(1278472579, 466743000);
      o.time(1276694845, 3896570472);
      o.bytesFrom(Uint8Array.from([0xf8, 0x1e, 0xdf, 0xe5, 0x84, 0x3a]), 0, 6);
      o.bytesFrom(Uint8Array.from([10, 0, 0, 1]), 0, 4);
      o.bytesFrom(Uint8Array.from([0x20, 1, 0xd, 0xb8, ...new Array(11).fill(0), 1]), 0, 16);
      o.ipx(4, Uint8Array.from([192, 168, 1, 2]), 0);
      o.ipx(0, new Uint8Array(0), 0);
      o.str('a"b\\c\td\ne\rf\x08g\x0bh\x0ci\x01j\x7fk€');
      o.strBytes(Uint8Array.from([0x30, 0x37, 0xff, 0x41]), 0, 4);
    });
    expect(text).toBe(
      '{"dir":"B","u64":42,"big":18446744073709551615,"i8":-5,"i64":-7,"h8":"0x0a","h16":"0xbeef","h32":"0x00001234",' +
        '"flowStat":"0x0400000000004000","f":0.20299999415874481,"d":72.0,"c":"x","ts":"1278472579.466743000",' +
        '"dur":"1276694845.3896570472","mac":"f8:1e:df:e5:84:3a","ip4":"10.0.0.1","ip6":"2001:db8::1","ipx4":"192.168.1.2",' +
        '"ipx0":"-","s":"a\\"b\\\\c\\td\\ne\\rf\\u0008g\\u000Bh\\u000Ci\\u0001j\\u007Fk\xe2\x82\xac","sc":"07.A"}',
    );
  });

  const repeating = [
    column('numHdrs', 'd', 'U8', true),
    column('vlanID', 'd', 'U16', true),
    column('ipOptCpCl_Num', 'd', ['H8', 'H32']),
    column('pairs', 'd', ['U8', 'S'], true),
    column('last', 'd', 'U8'),
  ];
  const fillRepeating = (o: OutputBuffer) => {
    o.numRep(1);
    o.u8(3);
    o.numRep(0);
    o.u8(0);
    o.u32(0);
    o.numRep(2);
    o.u8(1);
    o.str('x');
    o.u8(2);
    o.str('y');
    o.u8(9);
  };

  it('writes arrays for repeating and compound columns and leaves out empty repetitions', () => {
    expect(json(repeating, fillRepeating)).toBe(
      '{"numHdrs":[3],"ipOptCpCl_Num":["0x00","0x00000000"],"pairs":[[1,"x"],[2,"y"]],"last":9}',
    );
  });

  it('JSON_SUPPRESS_EMPTY_ARRAY=0 prints [], JSON_NO_SPACES=0 spaces the separators', () => {
    expect(json(repeating, fillRepeating, { suppressEmpty: false, spaces: true })).toBe(
      '{"numHdrs": [3], "vlanID": [], "ipOptCpCl_Num": ["0x00", "0x00000000"], "pairs": [[1, "x"], [2, "y"]], "last": 9}',
    );
  });

  it('JSON_SELECT: only the listed columns, the others still walked', () => {
    expect(json(repeating, fillRepeating, { select: new Set(['pairs', 'last']) })).toBe('{"pairs":[[1,"x"],[2,"y"]],"last":9}');
    expect(json(repeating, fillRepeating, { select: new Set(['vlanID']) })).toBe('{}');
  });

  it('nested compounds: as arrays, closed with "[" when they hold several values (T2 bug kept)', () => {
    const cols = [column('n', 'd', ['U8', compound(['U16', 'F'], true)]), column('m', 'd', ['U8', compound(['U16'])])];
    const text = json(cols, (o) => {
      o.u8(1);
      o.numRep(2);
      o.u16(2);
      o.f32(0.5);
      o.u16(3);
      o.f32(1);
      o.u8(4);
      o.u16(5);
    });
    expect(text).toBe('{"n":[1,[[2,0.5[,[3,1.0[]],"m":[4,5]}');
  });
});
