import { mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PCAP_DIR } from '../../../test/golden/corpus.ts';
import { buildPlugins, runT2Async } from '../../../test/sinks/bundles.ts';

/**
 * The worker path of txtSink (core/output/recordTextWriter.ts) against the inline one, over the
 * whole capture corpus, with the tutorial plugins as t2build bundles (a worker can only run a
 * bundle): every flow file, split file and stdout byte for byte the same. NODE_DEBUG=worker makes
 * Node announce each worker it starts with its code, which shows that the worker path was taken.
 */

/** A text of the worker's start-up code (core/output/textThread.ts), as NODE_DEBUG shows it. */
const TEXT_WORKER_CODE = 'does not run the record text worker';

const CAPTURES = readFileSync(join(PCAP_DIR, 'MANIFEST.tsv'), 'utf8')
  .split('\n')
  .slice(1)
  .filter((l) => l.trim() !== '')
  .map((l) => l.split('\t')[0]);

interface Mode {
  readonly name: string;
  /** Command-line options after `-r CAPTURE`; OUT is the run's own directory. */
  readonly args: readonly string[];
  /** T2TS_TXT_THREAD_AFTER of the worker run: bytes of text written before the hand-over. */
  readonly handOverAfter: number;
}

const MODES: readonly Mode[] = [
  { name: 'flow file', args: ['-w', 'OUT/', '-l'], handOverAfter: 0 },
  { name: '-W by size', args: ['-W', 'OUT/s:4000,1', '-l'], handOverAfter: 2500 },
  { name: '-W by flows', args: ['-W', 'OUT/f:40f', '-l'], handOverAfter: 0 },
  { name: 'stdout', args: ['-w', '-'], handOverAfter: 1500 },
];

interface Output {
  readonly rc: number;
  /** The flow files by name, and stdout as `<stdout>`. */
  readonly flows: Map<string, string>;
  readonly workers: number;
}

let folder: string;

beforeAll(() => {
  folder = buildPlugins(['basicFlow', 'basicStats', 'tcpStates', 'txtSink']);
});

async function run(capture: string, mode: Mode, handOverAfter: string): Promise<Output> {
  const out = mkdtempSync(join(tmpdir(), 'txtthread-'));
  // Through a link in the run's directory: with `-w -` the other files go next to the input.
  const input = join(out, capture);
  symlinkSync(join(PCAP_DIR, capture), input);
  const args = ['-r', input, ...mode.args.map((a) => a.replace('OUT/', out + '/'))];
  const r = await runT2Async(folder, args, { T2TS_TXT_THREAD_AFTER: handOverAfter, NODE_DEBUG: 'worker' }, 60_000);
  const flows = new Map(readdirSync(out).filter((f) => f.includes('_flows.txt')).map((f) => [f, readFileSync(join(out, f), 'latin1')]));
  if (mode.args.includes('-')) flows.set('<stdout>', r.stdout);
  const workers = r.stderr.split(TEXT_WORKER_CODE).length - 1;
  return { rc: r.rc, flows, workers };
}

/** Whether a record comes after `after` bytes of flow lines (the name line not counted). */
function handsOver(flows: Map<string, string>, after: number): boolean {
  const lines = [...flows.values()].join('').split('\n').filter((l) => l !== '' && !l.startsWith('%'));
  let bytes = 0;
  for (const line of lines) {
    if (bytes >= after) return true;
    bytes += line.length + 1;
  }
  return false;
}

describe.each(MODES)('txtSink worker path: $name', (mode) => {
  it.each(CAPTURES)('%s: the same output as inline', async (capture) => {
    const [inline, threaded] = await Promise.all([run(capture, mode, 'never'), run(capture, mode, String(mode.handOverAfter))]);
    expect(inline.workers).toBe(0);
    expect(threaded.workers).toBe(handsOver(inline.flows, mode.handOverAfter) ? 1 : 0);
    expect(threaded.rc).toBe(inline.rc);
    expect([...threaded.flows.keys()].sort()).toEqual([...inline.flows.keys()].sort());
    for (const [name, text] of inline.flows) {
      // Compared as a flag, not as text: a diff of megabytes helps nobody.
      expect(threaded.flows.get(name) === text, `${basename(capture)} ${name}`).toBe(true);
    }
  });
});
