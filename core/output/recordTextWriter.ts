import { availableParallelism } from 'node:os';
import type { Column } from './columns.ts';
import type { OutputBuffer } from './outputBuffer.ts';
import type { RecordFile } from './recordFile.ts';
import { RecordFormatter } from './recordText.ts';
import { TextThread } from './textThread.ts';

/**
 * Text written on the main thread before the worker takes over: a worker costs a thread start
 * (tens of milliseconds, and memory) that only pays on runs with many records.
 */
export const HAND_OVER_AFTER = 1 << 20;
/**
 * Capture input from which the worker takes over at the first record: such a run has time for
 * the thread start, and formatting nothing on the main thread also spares it compiling the
 * formatter (ndpi-x12: 2.85 → 2.67 s, bench/README.md).
 */
export const LARGE_INPUT = 16 * 1024 * 1024;
/**
 * Binary records buffered between the threads: ~8000 tutorial records, a few hundred ms of the
 * main thread's pace, which covers the worker's start. Bigger would push the flow table's
 * lines out of the shared cache.
 */
const RING_SIZE = 1 << 21;

/**
 * The hand-over point from the environment: bytes of text (0: from the first record), `never`
 * for no worker, unset for the default: no worker on a single core (it could only take turns
 * with the main thread), else from the first record for `inputSize` bytes of capture from
 * LARGE_INPUT on, after HAND_OVER_AFTER bytes of text below (or when the size is unknown, 0).
 */
export function handOverAfter(setting: string | undefined, inputSize: number, cores = availableParallelism()): number {
  if (setting === 'never') return Infinity;
  const n = setting === undefined || setting === '' ? NaN : Number(setting);
  if (Number.isInteger(n) && n >= 0) return n;
  if (cores <= 1) return Infinity;
  return inputSize >= LARGE_INPUT ? 0 : HAND_OVER_AFTER;
}

/**
 * The URL to start the worker from: the module itself when it is a bundle. Sources (`.ts`,
 * run by the test runner) cannot be a worker's entry on Node 20, so they keep the text inline.
 */
export function workerEntry(moduleUrl: string): string | undefined {
  return /\.m?js$/.test(moduleUrl) ? moduleUrl : undefined;
}

/**
 * Turns binary records into text lines of a RecordFile (txtSink). It starts on the calling
 * thread; once `handOverAfter` bytes of text are written, it writes out what it holds and hands
 * the file to a worker thread (TextThread), so that the lines come out byte for byte and in the
 * same order, in the same files, as if formatted here.
 */
export class RecordTextWriter {
  private readonly formatter: RecordFormatter;
  private thread: TextThread | undefined;
  private inlineBytes = 0;
  private handOverAt: number;

  /** `workerUrl`: a module that calls `runTextWorkerIfAsked` at its top level; undefined: no worker. */
  constructor(
    private readonly columns: readonly Column[],
    private readonly file: RecordFile,
    private readonly workerUrl: string | undefined,
    handOverAfter: number,
  ) {
    this.formatter = new RecordFormatter(columns);
    this.handOverAt = workerUrl === undefined ? Infinity : handOverAfter;
  }

  /** Whether a worker formats the records now. */
  get threaded(): boolean {
    return this.thread !== undefined;
  }

  write(buf: OutputBuffer): void {
    if (this.thread === undefined && this.inlineBytes >= this.handOverAt) this.handOver();
    const thread = this.thread;
    if (thread !== undefined) {
      thread.push(buf.bytes, buf.pos);
      return;
    }
    const file = this.file;
    const out = file.out;
    const before = out.len;
    this.formatter.write(out, buf.bytes, buf.view);
    const bytes = out.len - before;
    this.inlineBytes += bytes;
    file.endRecord(bytes);
  }

  /** Writes everything (waiting for the worker) and closes the file; throws a write error. */
  close(): void {
    const thread = this.thread;
    this.thread = undefined;
    try {
      thread?.finish();
    } finally {
      this.file.close();
    }
  }

  private handOver(): void {
    this.handOverAt = Infinity;
    // Chunks of two files on stdout interleave by when they are written: only this thread keeps that order.
    if (this.file.sharesStdout()) return;
    this.thread = new TextThread(this.workerUrl!, this.columns, this.file.handOver(), RING_SIZE);
  }
}
