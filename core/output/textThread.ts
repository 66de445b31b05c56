import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Column } from './columns.ts';
import type { RecordFilePosition } from './recordFile.ts';
import { ConsumerState, Ctrl, RingProducer, ringMemory } from './recordRing.ts';
import { textWorkerData, type ErrorInfo } from './recordTextWorker.ts';

/** Finishing waits are sliced like the ring's, so that a lost wake-up costs a slice at most. */
const WAIT_SLICE_MS = 50;

/**
 * Started as plain script so that it can report a bundle that fails to load (or does not start
 * the worker): the producer would otherwise wait for a consumer that never comes.
 */
const BOOT = `
const { workerData } = require('node:worker_threads');
const ctrl = new Int32Array(workerData.ring.ctrl);
function fail(message) {
  workerData.port.postMessage({ message });
  Atomics.store(ctrl, ${Ctrl.State}, ${ConsumerState.Failed});
  Atomics.notify(ctrl, ${Ctrl.State});
  Atomics.notify(ctrl, ${Ctrl.Tail});
}
import(workerData.url).then(
  () => { if (Atomics.load(ctrl, ${Ctrl.State}) === ${ConsumerState.Starting}) fail(workerData.url + ' does not run the record text worker'); },
  (e) => fail(String(e && e.message)),
);
`;

/** A write error of the other thread, rebuilt with the fields Node's fs errors carry. */
function rebuild(info: ErrorInfo): Error {
  const e = new Error(info.message);
  for (const [key, value] of Object.entries(info)) if (key !== 'message' && value !== undefined) Object.assign(e, { [key]: value });
  return e;
}

/**
 * The main thread's side of a worker that formats records into a file: records go into a
 * shared ring (blocking while it is full), the worker formats and writes them. The worker never
 * keeps the process alive; a run that ends without `finish` (a crash) simply ends it.
 */
export class TextThread {
  private readonly ctrl: Int32Array;
  private readonly port: MessagePort;
  private readonly ring: RingProducer;
  private failure: Error | undefined;

  /** `url`: a module that calls `runTextWorkerIfAsked` at its top level. */
  constructor(url: string, columns: readonly Column[], file: RecordFilePosition, ringSize: number) {
    const memory = ringMemory(ringSize);
    this.ctrl = new Int32Array(memory.ctrl);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.ring = new RingProducer(memory, port1, () => this.check());
    const worker = new Worker(BOOT, {
      eval: true,
      workerData: textWorkerData(url, columns, file, memory, port2),
      transferList: [port2],
      // The worker closes a descriptor this thread opened (the flow file it took over).
      trackUnmanagedFds: false,
      // Left false, Node pipes the worker's stdio into process.stdout/stderr, which sets the
      // descriptors of pipes non-blocking, and every plain write to them may fail with EAGAIN.
      stdout: true,
      stderr: true,
    });
    worker.unref();
  }

  /** Queues the record in bytes [0, len); throws the worker's error once it has failed. */
  push(bytes: Uint8Array, len: number): void {
    this.ring.push(bytes, len);
    this.check();
  }

  /** Waits until the worker has written every record and closed the file; throws its error. */
  finish(): void {
    this.ring.end();
    const ctrl = this.ctrl;
    for (;;) {
      const state = Atomics.load(ctrl, Ctrl.State);
      if (state === ConsumerState.Done) break;
      this.check();
      Atomics.wait(ctrl, Ctrl.State, state, WAIT_SLICE_MS);
    }
    this.port.close();
  }

  private check(): void {
    if (Atomics.load(this.ctrl, Ctrl.State) !== ConsumerState.Failed) return;
    if (!this.failure) {
      const reply = receiveMessageOnPort(this.port);
      this.port.close();
      this.failure = rebuild(reply ? (reply.message as ErrorInfo) : { message: 'the record text worker failed' });
    }
    throw this.failure;
  }
}
