import { writeSync } from 'node:fs';

/** Sleeps in place: the writers are synchronous and may run on a worker thread. */
const pause = new Int32Array(new SharedArrayBuffer(4));
const EAGAIN_PAUSE_MS = 1;

/**
 * Writes bytes[start, end) to fd, however many calls the kernel needs. A descriptor someone set
 * non-blocking (a pipe Node has opened as a stream) answers EAGAIN when full: wait and retry.
 */
export function writeAll(fd: number, bytes: Uint8Array, start: number, end: number): void {
  let off = start;
  while (off < end) {
    try {
      off += writeSync(fd, bytes, off, end - off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(pause, 0, 0, EAGAIN_PAUSE_MS);
    }
  }
}
