import { describe, expect, it } from 'vitest';
import { column, compound, type Column } from '../columns.ts';
import { OutputBuffer } from '../outputBuffer.ts';
import { RecordFormatter } from '../recordText.ts';
import { TextBuffer } from '../textBuffer.ts';

function line(columns: Column[], fill: (b: OutputBuffer) => void): string {
  const buf = new OutputBuffer();
  fill(buf);
  const out = new TextBuffer(8);
  const end = new RecordFormatter(columns).write(out, buf.bytes, buf.view);
  expect(end).toBe(buf.pos);
  return Buffer.from(out.view()).toString('latin1');
}

describe('record text', () => {
  it('prints signed, unsigned and hex integers of every width', () => {
    const cols = ['I8', 'I16', 'I32', 'I64', 'U8', 'U16', 'U32', 'U64', 'H8', 'H16', 'H32', 'H64'] as const;
    const text = line(cols.map((t) => column(t, '', t)), (b) => {
      b.i8(-128); b.i16(-2); b.i32(-2147483648); b.i64(-5);
      b.u8(255); b.u16(65535); b.u32(4294967295); b.u64(2 ** 53 - 1);
      b.u8(0xa); b.u16(0xbeef); b.u32(0x100000); b.u64HiLo(0x04000000, 0x4001);
    });
    expect(text).toBe('-128\t-2\t-2147483648\t-5\t255\t65535\t4294967295\t9007199254740991\t0x0a\t0xbeef\t0x00100000\t0x0400000000004001\n');
  });

  it('prints 64-bit values beyond 2^53 exactly', () => {
    const text = line([column('u', '', 'U64'), column('i', '', 'I64'), column('j', '', 'I64')], (b) => {
      b.u64HiLo(0xffffffff, 0xffffffff);
      b.u64HiLo(0x80000000, 0);
      b.u64HiLo(0x7fffffff, 0xffffffff);
    });
    expect(text).toBe('18446744073709551615\t-9223372036854775808\t9223372036854775807\n');
  });

  it('prints floats with %.7g, doubles with %f and keeps the sign of NaN', () => {
    const text = line(['F', 'F', 'F', 'D', 'D', 'F'].map((t, i) => column(`c${i}`, '', t as 'F' | 'D')), (b) => {
      b.f32(2 / 3); b.f32(-0); b.f32(4294967291); b.f64(0.125); b.f64(-1e-7); b.u32(0xffc00000);
    });
    expect(text).toBe('0.6666667\t-0\t4.294967e+09\t0.125000\t-0.000000\t-nan\n');
  });

  it('prints timestamps with nine fraction digits, or ten for a bogus fraction', () => {
    const text = line([column('t', '', 'TS'), column('d', '', 'DUR'), column('x', '', 'TS')], (b) => {
      b.time(1465939079, 622732000); b.time(4294967291, 500); b.time(980658802, 1882137472);
    });
    expect(text).toBe('1465939079.622732000\t4294967291.000000500\t980658802.1882137472\n');
  });

  it('prints dir, chars, addresses and IPX', () => {
    const ip6 = new Uint8Array(16);
    ip6[0] = 0x20; ip6[1] = 0x01; ip6[2] = 0x0d; ip6[3] = 0xb8; ip6[15] = 1;
    const cols = [column('dir', '', 'DIR'), column('c', '', 'C'), column('m', '', 'MAC'), column('a', '', 'IP4'),
      column('b', '', 'IP6'), column('x', '', 'IPX'), column('y', '', 'IPX'), column('z', '', 'IPX'), column('dir', '', 'DIR')];
    const text = line(cols, (b) => {
      b.u8(0); b.u8(0x78); b.bytesFrom(new Uint8Array([0, 0x13, 0xc3, 0xdf, 0xae, 0x18]), 0, 6);
      b.bytesFrom(new Uint8Array([127, 0, 0, 1]), 0, 4); b.bytesFrom(ip6, 0, 16);
      b.ipx(4, new Uint8Array([10, 118, 10, 1]), 0); b.ipx(6, ip6, 0); b.ipx(0, ip6, 0); b.u8(1);
    });
    expect(text).toBe('A\tx\t00:13:c3:df:ae:18\t127.0.0.1\t2001:db8::1\t10.118.10.1\t2001:db8::1\t-\tB\n');
  });

  it('quotes S strings and leaves SC strings bare, both sanitised', () => {
    const text = line([column('s', '', 'S'), column('c', '', 'SC'), column('e', '', 'S')], (b) => {
      b.str('Private "network"'); b.str('eth:ipv4\ttcp'); b.str('');
    });
    expect(text).toBe('"Private \\"network\\""\teth:ipv4\\ttcp\t""\n');
  });

  it('joins compound values with _ and repetitions with ;, an empty field for none', () => {
    const cols = [column('hx', '', ['H8', 'H32']), column('vlan', '', 'U16', true), column('none', '', 'U16', true),
      column('pair', '', ['U16', 'U16'], true), column('hdr', '', 'SC', true)];
    const text = line(cols, (b) => {
      b.u8(0x80); b.u32(0x100000);
      b.numRep(2); b.u16(118); b.u16(10);
      b.numRep(0);
      b.numRep(2); b.u16(1); b.u16(2); b.u16(3); b.u16(4);
      b.numRep(1); b.str('eth:vlan{2}:ipv4:icmp');
    });
    expect(text).toBe('0x80_0x00100000\t118;10\t\t1_2;3_4\teth:vlan{2}:ipv4:icmp\n');
  });

  it('writes nested compounds in parentheses and nothing for zero nested repetitions', () => {
    const cols = [column('m', '', ['U8', compound(['U16', 'F'], true)], true), column('n', '', ['U8', compound(['U8'], true)])];
    const text = line(cols, (b) => {
      b.numRep(2);
      b.u8(1); b.numRep(2); b.u16(10); b.f32(0.5); b.u16(11); b.f32(1.5);
      b.u8(2); b.numRep(0);
      b.u8(7); b.numRep(1); b.u8(9);
    });
    expect(text).toBe('1_(10_0.5;11_1.5);2_\t7_(9)\n');
  });

  it('appends consecutive records to the same buffer', () => {
    const cols = [column('a', '', 'U8'), column('b', '', 'U8')];
    const f = new RecordFormatter(cols);
    const out = new TextBuffer(4);
    const buf = new OutputBuffer();
    for (let i = 0; i < 3; i++) {
      buf.reset(); buf.u8(i); buf.u8(i * 100);
      f.write(out, buf.bytes, buf.view);
    }
    expect(Buffer.from(out.view()).toString()).toBe('0\t0\n1\t100\n2\t200\n');
  });
});
