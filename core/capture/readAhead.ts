import { closeSync, fstatSync, readSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { ByteInput } from './byteInput.ts';
import { READ_AHEAD_WORKER_SOURCE } from './readAheadWorker.ts';

/** Control words shared with the worker (readAheadWorker.ts). */
const HEAD = 0;
const TAIL = 1;
const STATE = 2;
const STOP = 3;
const SIGNAL = 4;
const STARTING = 0;
const READY = 1;
const RUNNING = 2;
const FINISHED = 3;

/** Below this, starting a thread (~40 ms) costs more than the copy it takes over. */
export const READ_AHEAD_MIN_SIZE = 16 * 1024 * 1024;
// 4 slots of 1 MiB did best among 256 KiB to 1 MiB slots and 2 to 8 of them (bench/README.md).
const SLOT_SIZE = 1024 * 1024;
const SLOTS = 4;
// Records up to 64 KiB (every common snaplen) cross a slot end with one small copy.
const HEADROOM = 64 * 1024;
/** Waits are sliced so that a worker that ended without a word is noticed. */
const WAIT_SLICE_MS = 100;

export interface ReadAheadOptions {
  /** Smallest regular file read by a worker thread (default 16 MiB). */
  minSize?: number;
  /** Bytes read into one slot (default 1 MiB). */
  slotSize?: number;
  /** Slots in the ring, at least 2 (default 4). */
  slots?: number;
  /** Room in front of a slot's data for the tail of a record that began in the previous slot (default 64 KiB). */
  headroom?: number;
  /** Slots this thread fills itself at most while the worker starts, then it waits for it (default: no limit). */
  maxOwnReads?: number;
}

interface ReadErrorRecord {
  message: string;
  code?: string;
  errno?: number;
  syscall?: string;
}

/** The error the worker described in a slot, as readSync would have thrown it here. */
function readError(slot: Uint8Array, at: number, n: number): NodeJS.ErrnoException {
  const d = JSON.parse(new TextDecoder().decode(slot.subarray(at, at + n))) as ReadErrorRecord;
  const e: NodeJS.ErrnoException = new Error(d.message);
  if (d.code !== undefined) e.code = d.code;
  if (d.errno !== undefined) e.errno = d.errno;
  if (d.syscall !== undefined) e.syscall = d.syscall;
  return e;
}

/**
 * Sequential reader over a regular file whose reading (the copy from the page cache) runs on a
 * worker thread: the worker fills a ring of shared slots ahead of the parser, and records are
 * handed out as views into the slot being parsed. A record that crosses the end of a slot is
 * made contiguous by copying the unread tail into the headroom in front of the next slot's data;
 * a tail longer than the headroom goes, with what follows, to a private spill buffer (rare:
 * records above 64 KiB). Until the worker has started, this thread fills the slots itself, so
 * the start-up of the thread costs no waiting.
 */
export class ReadAheadInput implements ByteInput {
  buf: Uint8Array = new Uint8Array(0);
  view = new DataView(this.buf.buffer);
  pos = 0;
  end = 0;
  private readonly ctrl = new Int32Array(new SharedArrayBuffer(5 * 4));
  private readonly position = new Float64Array(new SharedArrayBuffer(8));
  private readonly lengths: Int32Array;
  private readonly slots: Uint8Array[] = [];
  private readonly views: DataView[] = [];
  private readonly slotSize: number;
  private readonly headroom: number;
  private readonly maxOwnReads: number;
  private spill: Uint8Array = new Uint8Array(0);
  private spillView = new DataView(this.spill.buffer);
  /** Slots taken from the ring; all but the one holding the window (if any) are given back. */
  private taken = 0;
  private ownReads = 0;
  /** File offset of this thread's next own read. */
  private filePos = 0;
  private handedOver = false;
  private eof = false;
  private worker: Worker | undefined;

  constructor(
    private readonly fd: number,
    options: ReadAheadOptions = {},
    private readonly ownsFd = true,
  ) {
    this.slotSize = options.slotSize ?? SLOT_SIZE;
    this.headroom = options.headroom ?? HEADROOM;
    this.maxOwnReads = options.maxOwnReads ?? Infinity;
    const count = Math.max(2, options.slots ?? SLOTS);
    this.lengths = new Int32Array(new SharedArrayBuffer(4 * count));
    for (let i = 0; i < count; i++) {
      const shared = new SharedArrayBuffer(this.headroom + this.slotSize);
      this.slots.push(new Uint8Array(shared));
      this.views.push(new DataView(shared));
    }
    const worker = new Worker(READ_AHEAD_WORKER_SOURCE, {
      eval: true,
      workerData: {
        fd,
        ctrlBuffer: this.ctrl.buffer,
        positionBuffer: this.position.buffer,
        lengthsBuffer: this.lengths.buffer,
        slotBuffers: this.slots.map((s) => s.buffer),
        headroom: this.headroom,
        slotSize: this.slotSize,
      },
    });
    // The run must be able to end while the worker waits for a free slot.
    worker.unref();
    // A worker that fails before the hand-over leaves the reading to this thread; after it,
    // read errors come through the slots.
    worker.on('error', () => {});
    this.worker = worker;
  }

  ensure(n: number): number {
    let avail = this.end - this.pos;
    if (avail >= n || this.eof) return Math.min(avail, n);
    while (avail < n && !this.eof) avail = this.advance(avail, n);
    return Math.min(avail, n);
  }

  close(): void {
    this.stopWorker();
    if (this.ownsFd) closeSync(this.fd);
  }

  /** Appends the next slot's bytes to the window; returns the bytes now available. */
  private advance(avail: number, n: number): number {
    const slot = this.nextSlot();
    const len = this.lengths[slot];
    if (len === 0) {
      this.eof = true;
      this.stopWorker();
      return avail;
    }
    const data = this.slots[slot];
    const headroom = this.headroom;
    if (avail <= headroom) {
      data.set(this.buf.subarray(this.pos, this.end), headroom - avail);
      this.buf = data;
      this.view = this.views[slot];
      this.pos = headroom - avail;
      this.end = headroom + len;
      this.giveBack(this.taken - 1);
    } else {
      this.moveTailToSpill(avail + len, n);
      this.spill.set(data.subarray(headroom, headroom + len), avail);
      this.end = avail + len;
      this.giveBack(this.taken);
    }
    return avail + len;
  }

  private moveTailToSpill(need: number, n: number): void {
    if (this.spill.length < need) {
      const bigger = new Uint8Array(Math.max(need, n + this.slotSize));
      bigger.set(this.buf.subarray(this.pos, this.end));
      this.spill = bigger;
      this.spillView = new DataView(bigger.buffer);
    } else if (this.buf === this.spill) {
      this.spill.copyWithin(0, this.pos, this.end);
    } else {
      this.spill.set(this.buf.subarray(this.pos, this.end));
    }
    this.buf = this.spill;
    this.view = this.spillView;
    this.pos = 0;
  }

  /** Takes the next filled slot from the ring (reading it here before the hand-over). Throws read errors. */
  private nextSlot(): number {
    const seq = this.taken;
    const slot = seq % this.slots.length;
    if (this.handedOver || this.handOver()) this.awaitSlot(seq);
    else this.fill(slot);
    this.taken = seq + 1;
    const len = this.lengths[slot];
    if (len < 0) throw readError(this.slots[slot], this.headroom, -1 - len);
    return slot;
  }

  private fill(slot: number): void {
    const got = readSync(this.fd, this.slots[slot], this.headroom, this.slotSize, this.filePos);
    this.lengths[slot] = got;
    this.filePos += got;
    this.ownReads++;
  }

  /** Lets the worker read on from here once it is ready; false while this thread reads itself. */
  private handOver(): boolean {
    const ctrl = this.ctrl;
    if (this.worker === undefined) return false;
    if (this.ownReads >= this.maxOwnReads) {
      while (Atomics.load(ctrl, STATE) === STARTING) Atomics.wait(ctrl, STATE, STARTING, WAIT_SLICE_MS);
    }
    if (Atomics.load(ctrl, STATE) !== READY) return false;
    this.position[0] = this.filePos;
    Atomics.store(ctrl, HEAD, this.taken);
    Atomics.store(ctrl, STATE, RUNNING);
    this.handedOver = true;
    this.signal();
    return true;
  }

  private awaitSlot(seq: number): void {
    const ctrl = this.ctrl;
    while (Atomics.load(ctrl, HEAD) === seq) {
      // The worker publishes its last slot before it finishes, so HEAD is checked again.
      if (Atomics.load(ctrl, STATE) === FINISHED && Atomics.load(ctrl, HEAD) === seq) {
        throw new Error('the capture read-ahead thread ended unexpectedly');
      }
      Atomics.wait(ctrl, HEAD, seq, WAIT_SLICE_MS);
    }
  }

  /** Gives slots back to the worker, up to (not including) slot number `count`. */
  private giveBack(count: number): void {
    Atomics.store(this.ctrl, TAIL, count);
    this.signal();
  }

  private signal(): void {
    Atomics.add(this.ctrl, SIGNAL, 1);
    Atomics.notify(this.ctrl, SIGNAL);
  }

  private stopWorker(): void {
    const worker = this.worker;
    if (worker === undefined) return;
    this.worker = undefined;
    const ctrl = this.ctrl;
    Atomics.store(ctrl, STOP, 1);
    this.signal();
    // A running worker may be inside a read of the fd, which must end before the fd is closed.
    if (this.handedOver) {
      while (Atomics.load(ctrl, STATE) !== FINISHED) Atomics.wait(ctrl, STATE, RUNNING, WAIT_SLICE_MS);
    }
    void worker.terminate();
  }
}

/**
 * A ReadAheadInput that owns `fd` when it is a regular file of at least `options.minSize` bytes;
 * null when the file is better read on this thread (small files, pipes) or no thread can start.
 */
export function startReadAhead(fd: number, options: ReadAheadOptions): ReadAheadInput | null {
  const st = fstatSync(fd);
  if (!st.isFile() || st.size < (options.minSize ?? READ_AHEAD_MIN_SIZE)) return null;
  try {
    return new ReadAheadInput(fd, options);
  } catch {
    return null;
  }
}
