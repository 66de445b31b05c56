/**
 * Comparisons against the goldens, in the spirit of shared/tools/flowdiff.py but stricter:
 * rows must also come in the same order (T2 writes flows in termination order).
 */

/** The subnet label columns: they need T2's subnet database (allowed exception of the core issue). */
export const SUBNET_COLUMNS = ['srcIPCC', 'srcIPOrg', 'dstIPCC', 'dstIPOrg'];

export interface Difference {
  line: number;
  column: string;
  expected: string;
  actual: string;
}

/** Cell-by-cell differences of two flow files, skipping `ignore` columns. */
export function diffFlows(expected: string, actual: string, ignore: readonly string[], max = 10): Difference[] {
  const e = expected.split('\n');
  const a = actual.split('\n');
  const diffs: Difference[] = [];
  const header = (e[0] ?? '').replace(/^%/, '').split('\t');
  if (e[0] !== a[0]) diffs.push({ line: 1, column: '%header', expected: e[0] ?? '', actual: a[0] ?? '' });
  if (e.length !== a.length) diffs.push({ line: 0, column: '#lines', expected: String(e.length), actual: String(a.length) });
  const skip = new Set(ignore);
  for (let i = 1; i < Math.min(e.length, a.length) && diffs.length < max; i++) {
    if (e[i] === a[i]) continue;
    const ec = e[i].split('\t');
    const ac = a[i].split('\t');
    const n = Math.max(ec.length, ac.length);
    for (let c = 0; c < n && diffs.length < max; c++) {
      const name = header[c] ?? `#${c + 1}`;
      if (skip.has(name) || ec[c] === ac[c]) continue;
      diffs.push({ line: i + 1, column: name, expected: ec[c] ?? '<missing>', actual: ac[c] ?? '<missing>' });
    }
  }
  return diffs;
}

/**
 * Lines of an end report that depend on T2's subnet database: the two `subnet ranges loaded`
 * lines and the country label of `Biggest L3 flow talker` lines.
 */
function withoutSubnetData(line: string): string | undefined {
  if (/^\[INF\] IPv[46] Ver: .*subnet ranges loaded/.test(line)) return undefined;
  return line.replace(/^(basicStats: Biggest L3 flow talker: \S*) \([^)]*\):/, '$1:');
}

/** Line differences of two normalized reports (or any text files), subnet lines excepted. */
export function diffLines(expected: string, actual: string, extraIgnore?: RegExp, max = 10): Difference[] {
  const keep = (text: string) =>
    text
      .split('\n')
      .map(withoutSubnetData)
      .filter((l): l is string => l !== undefined && !(extraIgnore && extraIgnore.test(l)));
  const e = keep(expected);
  const a = keep(actual);
  const diffs: Difference[] = [];
  for (let i = 0; i < Math.max(e.length, a.length) && diffs.length < max; i++) {
    if (e[i] !== a[i]) diffs.push({ line: i + 1, column: '', expected: e[i] ?? '<missing>', actual: a[i] ?? '<missing>' });
  }
  return diffs;
}

export function formatDiffs(diffs: readonly Difference[]): string {
  return diffs.map((d) => `  line ${d.line} ${d.column}: expected ${JSON.stringify(d.expected)}, got ${JSON.stringify(d.actual)}`).join('\n');
}
