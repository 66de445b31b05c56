import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOLDEN_DIR, goldenFile } from '../../../test/golden/corpus.ts';
import { writeEndReport } from '../endReport.ts';
import { writeDumpEnd } from '../startup.ts';
import { collectingWriter, parseLog } from './logToStats.ts';

const runs = readdirSync(GOLDEN_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((set) => readdirSync(join(GOLDEN_DIR, set.name)).map((capture) => [set.name, capture] as const))
  .filter(([set, capture]) => goldenFile(set, capture, 'log.txt')!.includes('Finished unloading flow memory'));

/** Golden normalisation of run-dependent lines (NORMALIZE.md R3–R6). */
function normalize(lines: string[], emptyCapture: boolean): string[] {
  return lines.map((l) =>
    l
      .replace(/^Finished processing\. Elapsed time: .*$/, 'Finished processing. Elapsed time: <ELAPSED>')
      .replace(/^Finished unloading flow memory\. Time: .*$/, 'Finished unloading flow memory. Time: <ELAPSED>')
      .replace(/^Memory usage: .*$/, 'Memory usage: <MEM>')
      .replace(emptyCapture ? /^Total dump duration: .*$/ : /^$^/, 'Total dump duration: <WALLCLOCK>'),
  );
}

/**
 * Every golden end report, rebuilt from the Stats its numbers imply (plus the plugin lines as
 * printed), must come out line for line.
 */
describe.each(runs)('golden end report %s/%s', (set, capture) => {
  const log = goldenFile(set, capture, 'log.txt')!;
  const parsed = parseLog(log);
  const empty = !log.includes('\nDump start:');

  it('Dump stop, Total dump duration, Finished processing', () => {
    const { writer, lines } = collectingWriter();
    writeDumpEnd(writer, parsed.stats, { sec: 0, ns: 157145 });
    expect(normalize(lines(), empty)).toEqual(parsed.dumpEnd);
  });

  it('from Finished unloading flow memory to the flowStat decode', () => {
    const { writer, lines } = collectingWriter();
    writeEndReport(writer, {
      stats: parsed.stats,
      unloadTime: { sec: 0, ns: 387296 },
      flowCapacity: 262144,
      pluginReports: (r) => parsed.pluginLines.forEach((l) => r.line(l)),
      memory: { maxRssBytes: 1e7, totalRamBytes: 2e10 },
    });
    expect(normalize(lines(), empty)).toEqual(parsed.endReport);
  });
});
