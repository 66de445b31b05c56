import type { MessagePort } from 'node:worker_threads';
import type { Column } from './columns.ts';
import { RecordFile, type RecordFilePosition } from './recordFile.ts';
import { ConsumerState, Ctrl, RingConsumer, type RingMemory } from './recordRing.ts';
import { RecordFormatter } from './recordText.ts';

const ROLE = 't2ts.recordTextWorker';

/** What the thread that formats and writes the records gets from RecordTextWriter. */
export interface TextWorkerData {
  readonly role: typeof ROLE;
  /** The module that calls `runTextWorkerIfAsked` at its top level (a plugin bundle). */
  readonly url: string;
  readonly columns: readonly Column[];
  readonly file: RecordFilePosition;
  readonly ring: RingMemory;
  readonly port: MessagePort;
}

/** A write error as it crosses to the other thread (code, errno and syscall as fs sets them). */
export interface ErrorInfo {
  readonly message: string;
  readonly code?: string;
  readonly errno?: number;
  readonly syscall?: string;
  readonly path?: string;
}

export function textWorkerData(url: string, columns: readonly Column[], file: RecordFilePosition, ring: RingMemory, port: MessagePort): TextWorkerData {
  return { role: ROLE, url, columns, file, ring, port };
}

/**
 * Runs the formatting thread when this module was loaded as one; a plugin bundle calls it at
 * its top level, so the thread runs the same bundled code, with the same build flags, as the
 * plugin itself.
 */
export function runTextWorkerIfAsked(isMainThread: boolean, workerData: unknown): void {
  const data = workerData as TextWorkerData | undefined;
  if (!isMainThread && data?.role === ROLE) runTextWorker(data);
}

function errorInfo(e: unknown): ErrorInfo {
  if (!(e instanceof Error)) return { message: String(e) };
  const { code, errno, syscall, path } = e as NodeJS.ErrnoException;
  return { message: e.message, code, errno, syscall, path };
}

/**
 * Formats the records of the ring into the file until the producer ends, then closes the file.
 * A failure is passed to the producer as an ErrorInfo message and the Failed state.
 */
function runTextWorker(data: TextWorkerData): void {
  const ctrl = new Int32Array(data.ring.ctrl);
  let state = ConsumerState.Done;
  try {
    const formatter = new RecordFormatter(data.columns);
    const file = RecordFile.resume(data.file);
    const ring = new RingConsumer(data.ring, data.port);
    Atomics.store(ctrl, Ctrl.State, ConsumerState.Running);
    const out = file.out;
    for (let start = ring.take(); start >= 0; start = ring.take()) {
      const before = out.len;
      formatter.write(out, ring.bytes, ring.view, start);
      ring.release();
      file.endRecord(out.len - before);
    }
    file.close();
  } catch (e) {
    data.port.postMessage(errorInfo(e));
    state = ConsumerState.Failed;
  }
  Atomics.store(ctrl, Ctrl.State, state);
  Atomics.notify(ctrl, Ctrl.State);
  // A producer waiting for room learns of the failure at once.
  Atomics.notify(ctrl, Ctrl.Tail);
}
