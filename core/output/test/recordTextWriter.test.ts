import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { goldenFile } from '../../../test/golden/corpus.ts';
import type { SplitOptions } from '../../plugin/api.ts';
import { column, type Column } from '../columns.ts';
import { OutputBuffer } from '../outputBuffer.ts';
import { HAND_OVER_AFTER, handOverAfter, LARGE_INPUT, workerEntry } from '../recordTextWriter.ts';
import { columnsFromHeaders, recordFromLine } from './textToRecord.ts';
import { textWorkerBundle, type WorkerBundle } from './textWorkerBundle.ts';

let m: WorkerBundle;

beforeAll(async () => {
  m = await textWorkerBundle();
});

interface Run {
  /** undefined: no worker at all. */
  readonly handOverAfter?: number;
  readonly split?: SplitOptions;
}

/** Writes `records` through a RecordTextWriter into a fresh directory; returns its files. */
function write(columns: readonly Column[], records: Iterable<Record>, run: Run): { files: Map<string, Buffer>; threaded: boolean } {
  const dir = mkdtempSync(join(tmpdir(), 'textwriter-'));
  const file = new m.RecordFile(join(dir, 'flows.txt'), run.split, false);
  const writer = new m.RecordTextWriter(columns, file, run.handOverAfter === undefined ? undefined : m.url, run.handOverAfter ?? 0);
  let threaded = false;
  for (const r of records) {
    writer.write(r as OutputBuffer);
    threaded ||= writer.threaded;
  }
  writer.close();
  const files = new Map(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f))]));
  return { files, threaded };
}

/** A finished record as a sink sees it (the fields of OutputBuffer that writers read). */
type Record = Pick<OutputBuffer, 'bytes' | 'view' | 'pos'>;

/** The golden lines as binary records, parsed once: parsing costs more than writing. */
function goldenRecords(columns: readonly Column[], lines: readonly string[]): Record[] {
  const buf = new OutputBuffer();
  return lines.map((line) => {
    recordFromLine(buf, columns, line);
    const bytes = buf.bytes.slice(0, buf.pos);
    return { bytes, view: new DataView(bytes.buffer), pos: buf.pos };
  });
}

const CAPTURES = ['synflood-spoofed.pcap', 'evidence04-lan-scan.pcap', 'many-protocols.pcap', 'v6-mixed.pcap'];

describe.each(CAPTURES)('worker and inline text of the golden records of %s', (capture) => {
  const columns = columnsFromHeaders(goldenFile('tutorial', capture, 'headers.txt')!);
  const lines = goldenFile('tutorial', capture, 'flows.txt')!.split('\n').slice(1, -1);
  let parsed: Record[] | undefined;
  const records = () => (parsed ??= goldenRecords(columns, lines));
  const middle = Math.floor(lines.reduce((n, l) => n + l.length + 1, 0) / 2);

  it.each([
    ['one file', undefined],
    ['-W by size', { size: 20_000, byFlows: false, start: 3 }],
    ['-W by flows', { size: 700, byFlows: true, start: 0 }],
  ] as const)('%s: byte for byte the same files from the first record or from the middle on', (_name, split) => {
    const inline = write(columns, records(), { split });
    expect(inline.threaded).toBe(false);
    expect(inline.files.size).toBeGreaterThan(0);
    for (const after of [0, middle]) {
      const threaded = write(columns, records(), { split, handOverAfter: after });
      expect(threaded.threaded).toBe(true);
      expect([...threaded.files.keys()]).toEqual([...inline.files.keys()]);
      for (const [name, bytes] of inline.files) expect(threaded.files.get(name)!.equals(bytes), name).toBe(true);
    }
  });
});

const STRING_COLUMNS = [column('dir', 'Flow direction', 'DIR'), column('flowInd', 'Flow index', 'U64'), column('text', 'Some text', 'SC')];

function* textRecords(texts: readonly string[]): Generator<OutputBuffer> {
  const buf = new OutputBuffer();
  for (let i = 0; i < texts.length; i++) {
    buf.reset();
    buf.u8(i & 1);
    buf.u64(i);
    buf.str(texts[i]);
    yield buf;
  }
}

describe('RecordTextWriter with a worker', () => {
  it('keeps order when the main thread waits for room (far more records than the ring holds)', () => {
    const texts = Array.from({ length: 300_000 }, (_, i) => `r${i}`.repeat(1 + (i % 5)));
    const inline = write(STRING_COLUMNS, textRecords(texts), {});
    const threaded = write(STRING_COLUMNS, textRecords(texts), { handOverAfter: 0 });
    expect(threaded.threaded).toBe(true);
    expect(threaded.files.get('flows.txt')!.equals(inline.files.get('flows.txt')!)).toBe(true);
  });

  it('passes records too big for the ring in their place', () => {
    const texts = ['before', 'x'.repeat(3 << 20), 'after'];
    const threaded = write(STRING_COLUMNS, textRecords(texts), { handOverAfter: 0 });
    expect(threaded.files.get('flows.txt')!.toString()).toBe(`A\t0\tbefore\nB\t1\t${texts[1]}\nA\t2\tafter\n`);
  });

  it('reports the write error of the worker as the inline path throws it', () => {
    const texts = Array.from({ length: 20 }, (_, i) => `line ${i}`);
    for (const after of [undefined, 0]) {
      const file = new m.RecordFile('/dev/full', undefined, false);
      const writer = new m.RecordTextWriter(STRING_COLUMNS, file, after === undefined ? undefined : m.url, after ?? 0);
      for (const r of textRecords(texts)) writer.write(r);
      expect(writer.threaded).toBe(after === 0);
      expect(() => writer.close()).toThrow(expect.objectContaining({ code: 'ENOSPC', syscall: 'write', message: expect.stringContaining('ENOSPC') }));
    }
  });
});

describe('hand-over setting', () => {
  it('is a byte count, `never`, or the default', () => {
    expect(handOverAfter(undefined, 0, 2)).toBe(HAND_OVER_AFTER);
    expect(handOverAfter('', 0, 2)).toBe(HAND_OVER_AFTER);
    expect(handOverAfter('0', 0, 2)).toBe(0);
    expect(handOverAfter('5000', LARGE_INPUT, 2)).toBe(5000);
    expect(handOverAfter('never', LARGE_INPUT, 2)).toBe(Infinity);
    expect(handOverAfter('-3', 0, 2)).toBe(HAND_OVER_AFTER);
  });

  it('is the first record by default for a large capture input', () => {
    expect(handOverAfter(undefined, LARGE_INPUT - 1, 2)).toBe(HAND_OVER_AFTER);
    expect(handOverAfter(undefined, LARGE_INPUT, 2)).toBe(0);
    expect(handOverAfter('', 400e6, 2)).toBe(0);
  });

  it('is no worker by default on a single core, unless set', () => {
    expect(handOverAfter(undefined, LARGE_INPUT, 1)).toBe(Infinity);
    expect(handOverAfter('0', 0, 1)).toBe(0);
  });

  it('starts workers from bundles only', () => {
    expect(workerEntry('file:///p/901_txtSink.mjs')).toBe('file:///p/901_txtSink.mjs');
    expect(workerEntry('file:///repo/plugins/txtSink/index.ts')).toBeUndefined();
  });
});
