import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { strerrorOf } from '../../core/strerror.ts';
import { WORKER_SOURCE } from './socketWorker.ts';

/** Control words shared with the worker (socketWorker.ts). */
const STATE = 0;
const HEAD = 1;
const TAIL = 2;
const CLOSING = 3;
const SIGNAL = 4;
const STARTING = 0;
const FAILED = 2;
const DONE = 3;
/** Bytes buffered between the packet loop and the socket by default. */
const RING_SIZE = 1 << 22;
/** Waits are sliced so that a failure reported between check and wait is seen promptly. */
const WAIT_SLICE_MS = 50;

export interface SocketTarget {
  readonly host: string;
  readonly port: number;
  readonly udp: boolean;
  /** TCP only: one gzip stream over the connection. */
  readonly gzip?: boolean;
  /** Size of the shared ring, a power of two (default 4 MiB). */
  readonly ringSize?: number;
}

/** Why the socket failed: name resolution, TCP connect or sending; `reason` is strerror's text. */
export class SocketError extends Error {
  constructor(
    readonly stage: 'resolve' | 'connect' | 'send',
    readonly reason: string,
    /** Dotted address that was connected to (the host name for `resolve`). */
    readonly address: string,
  ) {
    super(`${stage}: ${reason}`);
  }
}

interface WorkerFailure {
  stage: SocketError['stage'];
  code: string;
  message: string;
  address: string;
}

/**
 * A TCP connection or UDP socket with the blocking semantics of T2's write loops, for code
 * that runs inside the synchronous packet loop: `send` returns once the bytes are in a bounded
 * shared ring and blocks (Atomics.wait) while the ring is full; a worker thread owns the socket
 * and moves bytes from the ring to the kernel, advancing the ring only for bytes the kernel
 * took. Nothing is dropped and memory stays bounded; a receiver that stops reading stalls the
 * sender, as in T2. UDP keeps one datagram per `send`.
 */
export class BlockingSocket {
  private readonly ctrl = new Int32Array(new SharedArrayBuffer(8 * 4));
  private readonly ring: Uint8Array;
  private readonly replies: MessagePort;
  private readonly lengthBytes = new Uint8Array(4);
  private head = 0;
  private closed = false;

  /** Resolves and (TCP) connects, blocking until done; throws SocketError. */
  constructor(private readonly target: SocketTarget) {
    this.ring = new Uint8Array(new SharedArrayBuffer(target.ringSize ?? RING_SIZE));
    const { port1, port2 } = new MessageChannel();
    this.replies = port1;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { ...target, gzip: target.gzip === true, ctrlBuffer: this.ctrl.buffer, ringBuffer: this.ring.buffer, replyPort: port2 },
      transferList: [port2],
    });
    // The run must be able to end while the worker still holds its socket open.
    worker.unref();
    while (Atomics.load(this.ctrl, STATE) === STARTING) Atomics.wait(this.ctrl, STATE, STARTING, WAIT_SLICE_MS);
    this.check();
  }

  /** Sends bytes [start, end) of `src` (one datagram for UDP). Throws SocketError. */
  send(src: Uint8Array, start: number, end: number): void {
    this.check();
    const udp = this.target.udp;
    if (udp) {
      const n = end - start;
      if (n + 4 > this.ring.length) throw new SocketError('send', strerrorOf('EMSGSIZE', ''), this.target.host);
      new DataView(this.lengthBytes.buffer).setUint32(0, n, true);
      this.put(this.lengthBytes, 0, 4);
    }
    this.put(src, start, end);
    // A datagram becomes visible to the worker whole.
    if (udp) this.publish();
  }

  /** Waits until everything sent has reached the kernel, then closes. Throws SocketError. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    Atomics.store(this.ctrl, CLOSING, 1);
    Atomics.add(this.ctrl, SIGNAL, 1);
    Atomics.notify(this.ctrl, SIGNAL);
    for (;;) {
      const state = Atomics.load(this.ctrl, STATE);
      if (state === DONE || state === FAILED) break;
      Atomics.wait(this.ctrl, STATE, state, WAIT_SLICE_MS);
    }
    this.check();
  }

  /** Copies [start, end) into the ring as room appears (TCP bytes are published at once). */
  private put(src: Uint8Array, start: number, end: number): void {
    const ctrl = this.ctrl;
    const size = this.ring.length;
    while (start < end) {
      let free = size - ((this.head - Atomics.load(ctrl, TAIL)) | 0);
      while (free === 0) {
        this.check();
        Atomics.wait(ctrl, TAIL, Atomics.load(ctrl, TAIL), WAIT_SLICE_MS);
        free = size - ((this.head - Atomics.load(ctrl, TAIL)) | 0);
      }
      const at = this.head & (size - 1);
      const n = Math.min(free, end - start, size - at);
      this.ring.set(src.subarray(start, start + n), at);
      start += n;
      this.head = (this.head + n) | 0;
      if (!this.target.udp) this.publish();
    }
  }

  /** Makes the bytes up to `head` visible to the worker and wakes it. */
  private publish(): void {
    Atomics.store(this.ctrl, HEAD, this.head);
    Atomics.add(this.ctrl, SIGNAL, 1);
    Atomics.notify(this.ctrl, SIGNAL);
  }

  private check(): void {
    if (Atomics.load(this.ctrl, STATE) !== FAILED) return;
    const m = receiveMessageOnPort(this.replies)?.message as WorkerFailure | undefined;
    if (!m) throw new SocketError('send', 'socket worker failed', this.target.host);
    throw new SocketError(m.stage, strerrorOf(m.code, m.message), m.address);
  }
}
