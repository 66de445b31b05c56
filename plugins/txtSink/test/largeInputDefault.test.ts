import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pcapHeader } from '../../../core/capture/test/build.ts';
import { eth, fill, ipv4, udp } from '../../../core/dissect/test/frames.ts';
import { LARGE_INPUT } from '../../../core/output/recordTextWriter.ts';
import { buildPlugins, runT2Async } from '../../../test/sinks/bundles.ts';

/**
 * The default hand-over point (no T2TS_TXT_THREAD_AFTER) follows the size of the capture input:
 * a capture of LARGE_INPUT bytes or more has its flow lines formatted by the worker from the
 * first record, a smaller one on the main thread until 1 MiB of text. One UDP flow makes a
 * single flow line either way, so only the input size decides. NODE_DEBUG=worker shows the
 * worker's start (as in flowTextThread.test.ts).
 */
const TEXT_WORKER_CODE = 'does not run the record text worker';
const FRAME = Uint8Array.from(eth(0x0800, ipv4({ proto: 17 }, udp(40000, 53, fill(1400)))));

/** A pcap of `size` bytes at least: the same frame every millisecond. */
function capture(dir: string, size: number): string {
  const header = pcapHeader().build();
  const recordLen = 16 + FRAME.length;
  const count = Math.ceil((size - header.length) / recordLen);
  const bytes = new Uint8Array(header.length + count * recordLen);
  bytes.set(header);
  const view = new DataView(bytes.buffer);
  for (let i = 0, at = header.length; i < count; i++, at += recordLen) {
    view.setUint32(at, 1_700_000_000 + Math.floor(i / 1000), true);
    view.setUint32(at + 4, (i % 1000) * 1000, true);
    view.setUint32(at + 8, FRAME.length, true);
    view.setUint32(at + 12, FRAME.length, true);
    bytes.set(FRAME, at + 16);
  }
  const file = join(dir, `in-${size}.pcap`);
  writeFileSync(file, bytes);
  return file;
}

let folder: string;
let dir: string;

beforeAll(() => {
  folder = buildPlugins(['basicFlow', 'basicStats', 'tcpStates', 'txtSink']);
  dir = mkdtempSync(join(tmpdir(), 'txtlarge-'));
});

async function workersFor(size: number): Promise<{ workers: number; lines: string[] }> {
  const input = capture(dir, size);
  const prefix = join(dir, `out-${size}`);
  // Empty is the default, whatever the caller's environment holds.
  const env = { NODE_DEBUG: 'worker', T2TS_TXT_THREAD_AFTER: '' };
  const r = await runT2Async(folder, ['-r', input, '-w', prefix, '-l'], env, 60_000);
  expect(r.rc).toBe(0);
  const lines = readFileSync(`${prefix}_flows.txt`, 'latin1').split('\n').filter((l) => l !== '' && !l.startsWith('%'));
  return { workers: r.stderr.split(TEXT_WORKER_CODE).length - 1, lines };
}

describe('txtSink default hand-over', () => {
  it('starts the text worker at the first record for a large capture only', async () => {
    const small = await workersFor(LARGE_INPUT - 64 * 1024);
    const large = await workersFor(LARGE_INPUT);
    expect(small.lines).toHaveLength(1);
    expect(large.lines).toHaveLength(1);
    expect(small.workers).toBe(0);
    expect(large.workers).toBe(1);
  });
});
