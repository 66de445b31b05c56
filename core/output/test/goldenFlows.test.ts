import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOLDEN_DIR, goldenFile } from '../../../test/golden/corpus.ts';
import { OutputBuffer } from '../outputBuffer.ts';
import { RecordFormatter } from '../recordText.ts';
import { TextBuffer } from '../textBuffer.ts';
import { columnsFromHeaders, recordFromLine } from './textToRecord.ts';

const runs = readdirSync(GOLDEN_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((set) => readdirSync(join(GOLDEN_DIR, set.name)).map((capture) => [set.name, capture] as const));

/**
 * Every golden flow line, turned back into a binary record by the column types of its headers
 * file, must print byte for byte as T2 printed it.
 */
describe.each(runs)('golden flows %s/%s', (set, capture) => {
  it('re-prints identically from binary records', () => {
    const columns = columnsFromHeaders(goldenFile(set, capture, 'headers.txt')!);
    const lines = goldenFile(set, capture, 'flows.txt')!.split('\n').slice(1, -1);
    const formatter = new RecordFormatter(columns);
    const record = new OutputBuffer();
    const out = new TextBuffer();
    const bad: string[] = [];
    for (const line of lines) {
      recordFromLine(record, columns, line);
      out.clear();
      const end = formatter.write(out, record.bytes, record.view);
      const text = Buffer.from(out.view()).toString('latin1');
      if (text !== line + '\n' || end !== record.pos) bad.push(`${line}\n${text}`);
    }
    expect(bad.slice(0, 3)).toEqual([]);
  }, 60_000);
});
