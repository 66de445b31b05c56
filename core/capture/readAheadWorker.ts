/**
 * Source of the thread that reads a capture file ahead for a ReadAheadInput (readAhead.ts).
 * Plain JavaScript in a string, run with `new Worker(code, { eval: true })`: the core bundle is
 * one file, so there is no worker file to point at.
 *
 * Shared control words (indexes in `ctrl`): HEAD counts the slots filled, TAIL the slots the
 * reading thread gave back, STATE is 0 starting, 1 ready, 2 running, 3 finished; STOP asks the
 * worker to finish; SIGNAL is bumped by the reading thread after every change of TAIL, STATE or
 * STOP, so waiting on it never misses one. The reading thread fills slots itself until this
 * worker is ready, then hands over by storing the file position and setting STATE to running.
 *
 * A slot's length word holds the bytes read into it after its headroom, 0 at end of file, and
 * -1 - n when reading failed: the slot's data area then holds n bytes of JSON describing the
 * error, which the reading thread rethrows.
 */
export const READ_AHEAD_WORKER_SOURCE = String.raw`
const { readSync } = require('node:fs');
const { workerData } = require('node:worker_threads');
const { fd, ctrlBuffer, positionBuffer, lengthsBuffer, slotBuffers, headroom, slotSize } = workerData;
const HEAD = 0, TAIL = 1, STATE = 2, STOP = 3, SIGNAL = 4;
const READY = 1, RUNNING = 2, FINISHED = 3;
const ctrl = new Int32Array(ctrlBuffer);
const lengths = new Int32Array(lengthsBuffer);
const slots = slotBuffers.map((b) => new Uint8Array(b));

/** Waits until ready() holds; false when the reading thread closed the input first. */
function waitFor(ready) {
  for (;;) {
    const signal = Atomics.load(ctrl, SIGNAL);
    if (Atomics.load(ctrl, STOP)) return false;
    if (ready()) return true;
    Atomics.wait(ctrl, SIGNAL, signal);
  }
}

function publishError(slot, err) {
  const e = err || {};
  const text = JSON.stringify({ message: String(e.message), code: e.code, errno: e.errno, syscall: e.syscall });
  const { written } = new TextEncoder().encodeInto(text, slots[slot].subarray(headroom));
  lengths[slot] = -1 - written;
}

function readAhead() {
  let head = Atomics.load(ctrl, HEAD);
  let position = new Float64Array(positionBuffer)[0];
  while (waitFor(() => head - Atomics.load(ctrl, TAIL) < slots.length)) {
    const slot = head % slots.length;
    let got = -1;
    try {
      got = readSync(fd, slots[slot], headroom, slotSize, position);
      lengths[slot] = got;
    } catch (e) {
      publishError(slot, e);
    }
    Atomics.store(ctrl, HEAD, ++head);
    Atomics.notify(ctrl, HEAD);
    if (got <= 0) return;
    position += got;
  }
}

try {
  Atomics.store(ctrl, STATE, READY);
  Atomics.notify(ctrl, STATE);
  if (waitFor(() => Atomics.load(ctrl, STATE) === RUNNING)) readAhead();
} finally {
  Atomics.store(ctrl, STATE, FINISHED);
  Atomics.notify(ctrl, STATE);
  Atomics.notify(ctrl, HEAD);
}
`;
