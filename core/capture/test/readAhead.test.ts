import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Packet } from '../../dissect/packet.ts';
import { ChunkedInput } from '../chunkedFile.ts';
import { readCaptureList } from '../list.ts';
import { openCaptureReader } from '../open.ts';
import { ReadAheadInput, type ReadAheadOptions } from '../readAhead.ts';
import { ReadStatus } from '../reader.ts';
import { Bytes, epb, idb, pcapHeader, pcapRecord, shb, tmpFile } from './build.ts';

/** Every worker thread started in this file, with a promise of its end. */
const started = vi.hoisted(() => [] as { exited: Promise<unknown> }[]);
vi.mock('node:worker_threads', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:worker_threads')>();
  class RecordedWorker extends actual.Worker {
    readonly exited = new Promise((resolve) => this.once('exit', resolve));
    constructor(...args: ConstructorParameters<typeof actual.Worker>) {
      super(...args);
      started.push(this);
    }
  }
  return { ...actual, Worker: RecordedWorker };
});

const PCAPS = resolve(import.meta.dirname, '../../../../shared/pcaps');
const manifest = readFileSync(join(PCAPS, 'MANIFEST.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split('\t')[0]);

const ON_THIS_THREAD: ReadAheadOptions = { minSize: Infinity };
/** The worker reads everything, in the slots of a run. */
const WORKER: ReadAheadOptions = { minSize: 0, maxOwnReads: 0 };
/** Small slots, handed over after two own reads: most records straddle, long ones spill. */
const SMALL_SLOTS: ReadAheadOptions = { minSize: 0, maxOwnReads: 2, slotSize: 4096, headroom: 1024, slots: 3 };
/** Slots smaller than most record headers' distance: nearly every record straddles or spills. */
const TINY_SLOTS: ReadAheadOptions = { minSize: 0, maxOwnReads: 0, slotSize: 61, headroom: 24, slots: 2 };

function fnv1a(buf: Uint8Array, start: number, n: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < start + n; i++) h = Math.imul(h ^ buf[i], 0x01000193);
  return h >>> 0;
}

interface Summary {
  open?: string;
  head?: string;
  /** One line per packet (timestamp, lengths, hash of the bytes) or reader error. */
  events: string[];
  /** Packets whose view is not over their buf, or whose bytes lie outside it. */
  badViews: number;
}

function summarise(file: string, readAhead: ReadAheadOptions, nanoPrecision = true): Summary {
  let reader;
  try {
    reader = openCaptureReader(file, { nanoPrecision, readAhead });
  } catch (e) {
    return { open: (e as Error).message, events: [], badViews: 0 };
  }
  const res: Summary = { head: `${reader.format} ${reader.linkType} ${reader.snaplen}`, events: [], badViews: 0 };
  const pkt = new Packet();
  try {
    for (;;) {
      const st = reader.next(pkt);
      if (st === ReadStatus.Eof) break;
      if (st === ReadStatus.Error) {
        res.events.push(`error ${reader.error}`);
        continue;
      }
      const { buf, view, start, caplen } = pkt;
      if (view.buffer !== buf.buffer || view.byteOffset !== buf.byteOffset || start + caplen > buf.length) res.badViews++;
      else if (caplen > 0 && view.getUint8(start + caplen - 1) !== buf[start + caplen - 1]) res.badViews++;
      res.events.push(`${pkt.tsSec}.${pkt.tsNs} ${caplen}/${pkt.rawLen} ${pkt.linkType} ${fnv1a(buf, start, caplen)}`);
    }
  } finally {
    reader.close();
  }
  return res;
}

function expectSame(file: string, readAhead: ReadAheadOptions, nanoPrecision = true): void {
  const expected = summarise(file, ON_THIS_THREAD, nanoPrecision);
  const got = summarise(file, readAhead, nanoPrecision);
  expect(got.badViews).toBe(0);
  expect(got.open).toBe(expected.open);
  expect(got.head).toBe(expected.head);
  expect(got.events.length).toBe(expected.events.length);
  expect(got.events).toEqual(expected.events);
}

/** Deterministic sizes: mostly small records, some beyond the headroom, a few near the maximum snaplen. */
function recordSizes(n: number): number[] {
  let x = 12345;
  const rnd = (m: number): number => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x % m;
  };
  return Array.from({ length: n }, () => {
    const kind = rnd(100);
    return kind < 80 ? rnd(2000) : kind < 95 ? 2000 + rnd(70000) : 70000 + rnd(262144 - 70000 + 1);
  });
}

function bytesOf(n: number, seed: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + seed * 7) & 0xff;
  return b;
}


describe('read-ahead on a worker thread gives what reading on this thread gives', () => {
  it.each(manifest)('%s', (capture) => {
    const file = join(PCAPS, capture);
    expectSame(file, WORKER);
    expectSame(file, SMALL_SLOTS);
  });

  it.each(manifest.filter((c) => readFileSync(join(PCAPS, c)).length <= 400_000))('%s, tiny slots', (capture) => {
    expectSame(join(PCAPS, capture), TINY_SLOTS);
  });

  it('pcap records from 0 to 262144 bytes across slot ends, through the headroom and the spill buffer', () => {
    const b = pcapHeader({ snaplen: 262144 });
    recordSizes(600).forEach((n, i) => pcapRecord(b, i, i * 3, Array.from(bytesOf(n, i))));
    const file = tmpFile('sizes.pcap', b);
    for (const options of [WORKER, SMALL_SLOTS, { ...SMALL_SLOTS, headroom: 0 }, { ...TINY_SLOTS, slots: 5 }]) {
      const got = summarise(file, options);
      expect(got.events).toHaveLength(600);
      expect(got.events).toEqual(summarise(file, ON_THIS_THREAD).events);
    }
  });

  it('pcapng blocks larger than a slot, and a truncated last block', () => {
    const b = idb(shb(new Bytes()), 1, 0);
    recordSizes(200).forEach((n, i) => epb(b, 0, BigInt(i) * 1000n, Array.from(bytesOf(n, i))));
    const data = b.build();
    const whole = tmpFile('sizes.pcapng', data);
    const cut = tmpFile('sizes-cut.pcapng', data.subarray(0, data.length - 5000));
    for (const file of [whole, cut]) {
      expectSame(file, WORKER);
      expectSame(file, SMALL_SLOTS);
      expectSame(file, TINY_SLOTS);
    }
    expect(summarise(cut, SMALL_SLOTS).events.at(-1)).toMatch(/^error truncated pcapng dump file; tried to read \d+ bytes, only got \d+$/);
  });

  it('every file of a -R list, at µs precision as T2 reads lists', () => {
    const names = ['many-protocols.pcap', 'ps_vue-bigendian.pcap', 'tor.pcapng', 'http-mime-truncated.pcap', 'gnutella.pcap'];
    for (const n of names) expect(manifest).toContain(n);
    const listFile = tmpFile('captures.txt', new TextEncoder().encode(names.map((n) => join(PCAPS, n)).join('\n') + '\n'));
    const quiet = { line: () => {}, warn: () => {}, error: () => {} };
    const list = readCaptureList(listFile, quiet);
    expect(list.files).toHaveLength(names.length);
    for (const file of list.files) expectSame(file, SMALL_SLOTS, false);
  });
});

describe('read errors and the worker thread', () => {
  beforeEach(() => {
    started.length = 0;
  });

  function readFailure(input: { ensure(n: number): number; close(): void }): NodeJS.ErrnoException {
    try {
      input.ensure(100);
    } catch (e) {
      return e as NodeJS.ErrnoException;
    } finally {
      input.close();
    }
    throw new Error('no read error');
  }

  it('rethrows a read error of the worker on the reading thread, as readSync throws it', () => {
    // A regular file opened for writing only: every read fails with EBADF.
    const file = tmpFile('write-only.bin', bytesOf(10000, 1));
    const expected = readFailure(new ChunkedInput(openSync(file, 'a')));
    expect(expected.code).toBe('EBADF');
    for (const options of [WORKER, { minSize: 0 }]) {
      const e = readFailure(new ReadAheadInput(openSync(file, 'a'), options));
      expect(e).toBeInstanceOf(Error);
      expect({ message: e.message, code: e.code, errno: e.errno, syscall: e.syscall }).toEqual({
        message: expected.message,
        code: expected.code,
        errno: expected.errno,
        syscall: expected.syscall,
      });
    }
  });

  it('ends the worker when the input is closed: before it started, while it waits for a slot, after EOF', async () => {
    const b = pcapHeader();
    for (let i = 0; i < 3000; i++) pcapRecord(b, i, 0, Array.from(bytesOf(200, i)));
    const file = tmpFile('threads.pcap', b);

    const unstarted = new ReadAheadInput(openSync(file, 'r'));
    unstarted.close();

    const waiting = new ReadAheadInput(openSync(file, 'r'), { ...SMALL_SLOTS, maxOwnReads: 0 });
    expect(waiting.ensure(5000)).toBe(5000);
    waiting.close();

    const drained = new ReadAheadInput(openSync(file, 'r'), WORKER);
    let total = 0;
    for (let got = drained.ensure(65536); got > 0; got = drained.ensure(65536)) {
      total += got;
      drained.pos += got;
    }
    expect(total).toBe(b.length);
    drained.close();

    const workers = started.splice(0);
    expect(workers).toHaveLength(3);
    await Promise.all(workers.map((w) => w.exited));
  });

  it('closes the file descriptor it owns, and only that', () => {
    const file = tmpFile('fd.bin', bytesOf(1000, 2));
    // What a descriptor number refers to now; closing one that may have been reused would be unsafe.
    const target = (fd: number): string | undefined => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return undefined;
      }
    };
    const owned = openSync(file, 'r');
    new ReadAheadInput(owned, WORKER).close();
    expect(target(owned)).not.toBe(file);
    const borrowed = openSync(file, 'r');
    const input = new ReadAheadInput(borrowed, WORKER, false);
    expect(input.ensure(2000)).toBe(1000);
    input.close();
    expect(target(borrowed)).toBe(file);
    closeSync(borrowed);
  });

  it('never keeps the process alive: a run that does not close its input still exits', () => {
    const dir = mkdtempSync(join(tmpdir(), 't2ts-readahead-'));
    const b = pcapHeader();
    for (let i = 0; i < 2000; i++) pcapRecord(b, i, 0, Array.from(bytesOf(1000, i)));
    const capture = tmpFile('unclosed.pcap', b);
    const script = join(dir, 'main.ts');
    writeFileSync(
      script,
      `import { openCaptureReader } from ${JSON.stringify(join(import.meta.dirname, '..', 'open.ts'))};
import { Packet } from ${JSON.stringify(join(import.meta.dirname, '..', '..', 'dissect', 'packet.ts'))};
const reader = openCaptureReader(${JSON.stringify(capture)}, { readAhead: { minSize: 0, maxOwnReads: 0, slotSize: 4096, slots: 2 } });
const pkt = new Packet();
for (let i = 0; i < 10; i++) reader.next(pkt);
console.log(pkt.tsSec);
`,
    );
    const out = join(dir, 'out');
    mkdirSync(out);
    buildSync({ entryPoints: [script], bundle: true, platform: 'node', format: 'esm', outfile: join(out, 'main.mjs'), logLevel: 'error' });
    const res = spawnSync(process.execPath, [join(out, 'main.mjs')], { encoding: 'utf8', timeout: 10000 });
    expect(res.signal).toBeNull();
    expect(res.stderr).toBe('');
    expect(res.stdout).toBe('9\n');
    expect(res.status).toBe(0);
  });
});
