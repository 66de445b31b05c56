import { describe, expect, it } from 'vitest';
import { writeFloat7g } from '../floatText.ts';
import { cFloat } from '../printf.ts';
import { TextBuffer } from '../textBuffer.ts';

const text = (x: number): string => {
  const out = new TextBuffer(64);
  writeFloat7g(out, x);
  return new TextDecoder().decode(out.view());
};

describe('writeFloat7g', () => {
  it.each([0.5, 123456.25, 1234567.5, 8388606.5, 9999999.5, 0.0001, 0.00001, 9.9999996e-5, 99999.99, 1e-5, 612.3139, 999999.94, -2.5, 1e7, 3.4e38])(
    '%s prints as cFloat does',
    (x) => {
      expect(text(Math.fround(x))).toBe(cFloat(Math.fround(x)));
    },
  );

  it('agrees with cFloat on every float of a pseudo-random sample and on binary fractions', () => {
    const f = new Float32Array(1);
    const u = new Uint32Array(f.buffer);
    let seed = 12345;
    const bad: number[] = [];
    for (let i = 0; i < 30_000; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      u[0] = seed;
      const x = f[0];
      if (Number.isFinite(x) && text(x) !== cFloat(x)) bad.push(x);
      const scaled = Math.fround((seed / 4294967296) * 10 ** ((i % 14) - 6));
      if (text(scaled) !== cFloat(scaled)) bad.push(scaled);
      const half = Math.fround(i / 8);
      if (text(half) !== cFloat(half)) bad.push(half);
    }
    expect(bad).toEqual([]);
  });
});
