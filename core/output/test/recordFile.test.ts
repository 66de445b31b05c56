import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SplitOptions } from '../../plugin/api.ts';
import { RecordFile } from '../recordFile.ts';

const line = (i: number) => `record ${i} ${'x'.repeat(i % 7)}\n`;

/** Writes the name line and `n` records, handing the file over before record `at` (if given). */
function writeRecords(split: SplitOptions | undefined, n: number, at?: number): Map<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'recordfile-'));
  let file = new RecordFile(join(dir, 'f.txt'), split, false);
  file.out.ascii('%name\n');
  file.addHeaderBytes(file.out.len);
  file.flush();
  for (let i = 0; i < n; i++) {
    if (i === at) {
      const position = file.handOver();
      file.close();
      file = RecordFile.resume(position);
    }
    const text = line(i);
    file.out.ascii(text);
    file.endRecord(text.length);
  }
  file.close();
  return new Map(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

describe('RecordFile hand-over', () => {
  it.each([
    ['one file', undefined],
    ['split by size', { size: 100, byFlows: false, start: 2 }],
    ['split by flows', { size: 4, byFlows: true, start: 0 }],
  ] as const)('%s: resuming goes on with the same file, number and counts', (_name, split) => {
    const whole = writeRecords(split, 30);
    expect(whole.size).toBe(split ? (split.byFlows ? 8 : 4) : 1);
    for (const at of [0, 1, 5, 13, 29]) expect(writeRecords(split, 30, at)).toEqual(whole);
  });

  it('closing the handed-over side leaves the file to the one that resumed it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'recordfile-'));
    const file = new RecordFile(join(dir, 'f.txt'), undefined, false);
    file.out.ascii('a\n');
    const resumed = RecordFile.resume(file.handOver());
    file.close();
    resumed.out.ascii('b\n');
    resumed.close();
    expect(readFileSync(join(dir, 'f.txt'), 'utf8')).toBe('a\nb\n');
  });
});

describe('RecordFile on stdout', () => {
  it('knows when another record file writes to stdout too', () => {
    const named = new RecordFile(join(mkdtempSync(join(tmpdir(), 'recordfile-')), 'f.txt'), undefined, false);
    const first = new RecordFile('unused', undefined, true);
    expect(first.sharesStdout()).toBe(false);
    const second = new RecordFile('unused', undefined, true);
    expect([first.sharesStdout(), second.sharesStdout(), named.sharesStdout()]).toEqual([true, true, false]);
    second.close();
    expect(first.sharesStdout()).toBe(false);
    first.close();
    named.close();
  });
});
