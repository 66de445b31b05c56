import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

/**
 * Int32 words shared by the two threads. The word each side writes for every record (head,
 * tail) sits on a cache line of its own, so that the threads do not take the line from each
 * other at every store.
 */
export const enum Ctrl {
  Head = 0,
  ConsumerWaiting = 1,
  Tail = 16,
  ProducerWaiting = 17,
  /** The consumer's lifecycle (`ConsumerState`), written by the consumer only. */
  State = 32,
  Words = 48,
}

export const enum ConsumerState {
  Starting = 0,
  Running = 1,
  Done = 2,
  Failed = 3,
}

/** Length words that are no record length. */
const enum Marker {
  /** The rest of the ring is unused; the next record starts at 0. */
  Wrap = -1,
  /** The record is too big for the ring and comes as a message on the port. */
  Message = -2,
  /** No more records. */
  End = -3,
}

/** The producer's waits are sliced so that a consumer failure is noticed while it waits. */
const WAIT_SLICE_MS = 50;

/**
 * A sleeping side is woken once this share of the ring (1/8) has been filled or freed, not at
 * every record: a wake-up is a system call on both threads, and per record it costs more than
 * the record's formatting.
 */
function wakeBatch(size: number): number {
  return size >>> 3;
}

/** A ring of `size` bytes (a multiple of 4) and its control words, for RingProducer and RingConsumer. */
export interface RingMemory {
  readonly ctrl: SharedArrayBuffer;
  readonly data: SharedArrayBuffer;
}

export function ringMemory(size: number): RingMemory {
  return { ctrl: new SharedArrayBuffer(Ctrl.Words * 4), data: new SharedArrayBuffer(size) };
}

/** Bytes a record of `len` bytes takes in the ring: its length word and the bytes, 4-aligned. */
function slotSize(len: number): number {
  return 4 + ((len + 3) & ~3);
}

/**
 * Writing end of a single-producer, single-consumer ring of variable-size records in shared
 * memory: each record is copied in behind its length word and published by one store of the
 * head. While the ring is full the producer blocks (Atomics.wait), so memory stays bounded.
 * Records larger than half the ring travel as messages, in order, announced by a marker.
 */
export class RingProducer {
  private readonly ctrl: Int32Array;
  private readonly words: Int32Array;
  private readonly size: number;
  private head = 0;
  /** The consumer's tail as last read; stale values only make the free space look smaller. */
  private tail = 0;
  private readonly wakeBatch: number;
  /** Bytes published since the consumer was last considered for a wake-up. */
  private unannounced = 0;
  /** Word view of the last source's whole buffer, kept while the source is in the same buffer. */
  private srcBuffer: ArrayBufferLike | undefined;
  private srcWords: Int32Array<ArrayBufferLike> = new Int32Array(0);

  /** `whileWaiting` runs between the slices of a wait; it throws to give up (consumer failed). */
  constructor(
    memory: RingMemory,
    private readonly port: MessagePort,
    private readonly whileWaiting: () => void,
  ) {
    this.ctrl = new Int32Array(memory.ctrl);
    this.words = new Int32Array(memory.data);
    this.size = memory.data.byteLength;
    this.wakeBatch = wakeBatch(this.size);
  }

  /** Appends bytes [0, len) of `src`, waiting while the ring has no room. */
  push(src: Uint8Array, len: number): void {
    const n = slotSize(len);
    if (n > this.size >>> 1) {
      this.port.postMessage(src.slice(0, len));
      this.marker(Marker.Message, true);
      return;
    }
    const at = this.reserve(n);
    const dst = this.words;
    const first = (at >> 2) + 1;
    dst[first - 1] = len;
    const words = (len + 3) >> 2;
    // Whole words (the padding after the record is copied along and never read).
    if (src.byteOffset === 0 && words <= src.buffer.byteLength >> 2) {
      if (src.buffer !== this.srcBuffer) {
        this.srcBuffer = src.buffer;
        this.srcWords = new Int32Array(src.buffer, 0, src.buffer.byteLength >> 2);
      }
      const s = this.srcWords;
      for (let i = 0; i < words; i++) dst[first + i] = s[i];
    } else {
      new Uint8Array(dst.buffer, at + 4, len).set(src.subarray(0, len));
    }
    this.publish(at, n, false);
  }

  /** Tells the consumer that no record follows. */
  end(): void {
    this.marker(Marker.End, true);
  }

  private marker(m: Marker, wake: boolean): void {
    const at = this.reserve(4);
    this.words[at >> 2] = m;
    this.publish(at, 4, wake);
  }

  /**
   * Start of a free slot of `n` bytes. The head never catches up with the tail, so equal
   * positions always mean an empty ring.
   */
  private reserve(n: number): number {
    const size = this.size;
    for (;;) {
      const h = this.head;
      const t = this.tail;
      if (h >= t) {
        if (size - h > n || (size - h === n && t > 0)) return h;
        if (size - h < n && t > n) {
          this.words[h >> 2] = Marker.Wrap;
          this.head = 0;
          return 0;
        }
      } else if (t - h > n) {
        return h;
      }
      this.awaitSpace();
    }
  }

  /** Makes the slot of `n` bytes at `at` visible; `wake`: wake a sleeping consumer now. */
  private publish(at: number, n: number, wake: boolean): void {
    const end = at + n;
    this.head = end === this.size ? 0 : end;
    const ctrl = this.ctrl;
    Atomics.store(ctrl, Ctrl.Head, this.head);
    this.unannounced += n;
    if (this.unannounced < this.wakeBatch && !wake) return;
    // A consumer that goes to sleep after this check is woken a batch later, the ring still far from full.
    this.unannounced = 0;
    if (Atomics.load(ctrl, Ctrl.ConsumerWaiting) !== 0) Atomics.notify(ctrl, Ctrl.Head);
  }

  private awaitSpace(): void {
    const ctrl = this.ctrl;
    const seen = Atomics.load(ctrl, Ctrl.Tail);
    if (seen === this.tail) {
      Atomics.store(ctrl, Ctrl.ProducerWaiting, 1);
      Atomics.wait(ctrl, Ctrl.Tail, seen, WAIT_SLICE_MS);
      Atomics.store(ctrl, Ctrl.ProducerWaiting, 0);
      this.whileWaiting();
    }
    this.tail = Atomics.load(ctrl, Ctrl.Tail);
  }
}

/** Reading end of the ring (see RingProducer); records are read in place. */
export class RingConsumer {
  /** Where the record returned by `take` is: the ring, or the message that carried it. */
  bytes: Uint8Array;
  view: DataView;
  private readonly ringBytes: Uint8Array;
  private readonly ringView: DataView;
  private readonly ctrl: Int32Array;
  private readonly words: Int32Array;
  private readonly size: number;
  private tail = 0;
  private head = 0;
  /** Position after the record returned by `take`. */
  private after = 0;
  private readonly wakeBatch: number;
  /** Bytes freed since the producer was last considered for a wake-up. */
  private unannounced = 0;

  constructor(
    memory: RingMemory,
    private readonly port: MessagePort,
  ) {
    this.ctrl = new Int32Array(memory.ctrl);
    this.words = new Int32Array(memory.data);
    this.size = memory.data.byteLength;
    this.ringBytes = this.bytes = new Uint8Array(memory.data);
    this.ringView = this.view = new DataView(memory.data);
    this.wakeBatch = wakeBatch(this.size);
  }

  /**
   * Waits for the next record and returns where its bytes start in `bytes`, or -1 when the
   * producer has ended. The record stays valid until `release`.
   */
  take(): number {
    for (;;) {
      if (this.tail === this.head) {
        this.awaitData();
        continue;
      }
      const t = this.tail;
      const word = this.words[t >> 2];
      if (word === Marker.Wrap) {
        this.tail = 0;
        continue;
      }
      if (word === Marker.End) return -1;
      if (word === Marker.Message) {
        // Posted before the marker was published, so it is in the port's queue already.
        const bytes = receiveMessageOnPort(this.port)!.message as Uint8Array;
        this.bytes = bytes;
        this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        this.after = t + 4;
        return 0;
      }
      this.bytes = this.ringBytes;
      this.view = this.ringView;
      this.after = t + slotSize(word);
      return t + 4;
    }
  }

  /** Gives the space of the record returned by `take` back to the producer. */
  release(): void {
    const after = this.after;
    this.unannounced += after - this.tail;
    this.tail = after === this.size ? 0 : after;
    const ctrl = this.ctrl;
    Atomics.store(ctrl, Ctrl.Tail, this.tail);
    if (this.unannounced >= this.wakeBatch) this.wakeProducer();
  }

  private wakeProducer(): void {
    this.unannounced = 0;
    if (Atomics.load(this.ctrl, Ctrl.ProducerWaiting) !== 0) Atomics.notify(this.ctrl, Ctrl.Tail);
  }

  private awaitData(): void {
    const ctrl = this.ctrl;
    let h = Atomics.load(ctrl, Ctrl.Head);
    if (h === this.head) {
      // Everything is read: a producer still waiting for room must not wait for a batch.
      this.wakeProducer();
      Atomics.store(ctrl, Ctrl.ConsumerWaiting, 1);
      Atomics.wait(ctrl, Ctrl.Head, h);
      Atomics.store(ctrl, Ctrl.ConsumerWaiting, 0);
      h = Atomics.load(ctrl, Ctrl.Head);
    }
    this.head = h;
  }
}
