import { describe, expect, it } from 'vitest';
import { countHr, fixed2Hr, hrSuffix, percent, speedHr } from '../numberFormat.ts';

describe('report number forms (core.md §8.1)', () => {
  it('adds the human-readable suffix from 1024 on, with a decimal divisor', () => {
    expect(countHr(1023)).toBe('1023');
    expect(countHr(1024)).toBe('1024 (1.02 K)');
    expect(countHr(1000037)).toBe('1000037 (1000.04 K)');
    expect(countHr(1048576)).toBe('1048576 (1.05 M)');
    expect(countHr(2856009)).toBe('2856009 (2.86 M)');
    expect(hrSuffix(2 ** 80)).toBe(' (1.21 Y)');
  });

  it('truncates floating values for the suffix but prints them with %.2f', () => {
    expect(fixed2Hr(1167.54)).toBe('1167.54 (1.17 K)');
    expect(fixed2Hr(1175.79)).toBe('1175.79 (1.18 K)');
    expect(fixed2Hr(2485.7)).toBe('2485.70 (2.48 K)');
    expect(fixed2Hr(0.125)).toBe('0.12');
  });

  it('prints speeds with %.0f and a b/s unit', () => {
    expect(speedHr(1523986)).toBe('1523986 b/s (1.52 Mb/s)');
    expect(speedHr(3175.9)).toBe('3176 b/s (3.17 Kb/s)');
    expect(speedHr(0)).toBe('0 b/s');
  });

  it('prints percentages with two decimals, 0 for an empty total', () => {
    expect(percent(6, 26)).toBe('[23.08%]');
    expect(percent(72, 36)).toBe('[200.00%]');
    expect(percent(5, 0)).toBe('[0.00%]');
  });
});
