import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cDouble, cFixed, cFloat, cGeneral, cNan } from '../printf.ts';

const f = Math.fround;

describe('%.7g of floats', () => {
  it.each([
    [f(2 / 3), '0.6666667'],
    [f(612.3139), '612.3139'],
    [f(4294967295), '4.294967e+09'],
    [f(4.656613e-10), '4.656613e-10'],
    [f(89.33334), '89.33334'],
    [1.25, '1.25'],
    [383.75, '383.75'],
    [0, '0'],
    [-0, '-0'],
    [100, '100'],
    [1e7, '1e+07'],
    [f(9999999), '9999999'],
    [f(0.0001), '0.0001'],
    [f(0.00001), '1e-05'],
    [f(1e-45), '1.401298e-45'],
    [f(3.4028235e38), '3.402823e+38'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
    [-2.5, '-2.5'],
  ])('%s → %s', (x, text) => {
    expect(cFloat(x)).toBe(text);
  });

  it('rounds exact ties to even like glibc, where toPrecision rounds up', () => {
    expect(cFloat(8388606.5)).toBe('8388606');
    expect(cFloat(8388607.5)).toBe('8388608');
    expect(cFloat(10000005)).toBe('1e+07');
    expect(cFloat(10000015)).toBe('1.000002e+07');
    expect(cFloat(1234567.5)).toBe('1234568');
    expect(cFloat(123456.25)).toBe('123456.2');
    expect(cFloat(9999999.5)).toBe('1e+07');
  });

  it('other precisions follow the same rules', () => {
    expect(cGeneral(0.125, 2)).toBe('0.12');
    expect(cGeneral(123456, 3)).toBe('1.23e+05');
    expect(cGeneral(0.5, 1)).toBe('0.5');
  });
});

describe('%f and %.Nf', () => {
  it.each([
    [0.125, 2, '0.12'],
    [0.375, 2, '0.38'],
    [2.5, 0, '2'],
    [3.5, 0, '4'],
    [-2.5, 0, '-2'],
    [0.5, 0, '0'],
    [1.005, 2, '1.00'],
    [1.175, 2, '1.18'],
    [-0, 2, '-0.00'],
    [-0.001, 2, '-0.00'],
    [1e21, 1, '1000000000000000000000.0'],
  ])('%s with %s decimals → %s', (x, digits, text) => {
    expect(cFixed(x, digits)).toBe(text);
  });

  it('%f prints six decimals', () => {
    expect(cDouble(1)).toBe('1.000000');
    expect(cDouble(0.0000005)).toBe('0.000000');
    expect(cDouble(0.0000015)).toBe('0.000002');
  });

  it('non-finite values use C spellings', () => {
    expect(cFixed(NaN, 2)).toBe('nan');
    expect(cNan(true)).toBe('-nan');
    expect(cDouble(-Infinity)).toBe('-inf');
  });
});

describe('agreement with glibc 2.36 on recorded bit patterns', () => {
  const lines = readFileSync(join(import.meta.dirname, 'fixtures/glibc-printf.txt'), 'latin1')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'));
  const view = new DataView(new ArrayBuffer(8));

  it('floats: %.7g', () => {
    const bad: string[] = [];
    for (const l of lines.filter((x) => x.startsWith('f '))) {
      const [, bits, expected] = l.split(' ');
      view.setUint32(0, parseInt(bits, 16));
      const got = cFloat(view.getFloat32(0));
      if (got !== expected) bad.push(`${bits}: ${got} ≠ ${expected}`);
    }
    expect(bad).toEqual([]);
  });

  it('doubles: %f, %.2f, %.0f', () => {
    const bad: string[] = [];
    for (const l of lines.filter((x) => x.startsWith('d '))) {
      const [, bits, expected] = l.split(' ');
      view.setBigUint64(0, BigInt('0x' + bits));
      const x = view.getFloat64(0);
      const got = `${cDouble(x)}|${cFixed(x, 2)}|${cFixed(x, 0)}`;
      if (got !== expected) bad.push(`${bits}: ${got} ≠ ${expected}`);
    }
    expect(bad).toEqual([]);
  });
});
