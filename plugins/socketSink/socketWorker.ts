/**
 * Source of the worker thread that owns the socket of a BlockingSocket (blockingSocket.ts).
 * It is plain JavaScript in a string because it runs from `new Worker(code, { eval: true })`:
 * plugin bundles are single files, so there is no worker file to point at.
 *
 * Shared control words: STATE (0 starting, 1 ready, 2 failed, 3 done), HEAD and TAIL (bytes
 * produced / consumed, wrapping int32 counters), CLOSING, SIGNAL (bumped by the producer after
 * each write and at close). TCP data is written straight from the ring; a UDP message is framed
 * with a 4-byte length. TAIL advances only when the kernel has taken the bytes, so the ring is
 * the only buffer and a slow receiver blocks the producer.
 */
export const WORKER_SOURCE = String.raw`
const { workerData } = require('node:worker_threads');
const net = require('node:net');
const dgram = require('node:dgram');
const dns = require('node:dns');
const zlib = require('node:zlib');
const { host, port, udp, gzip, ctrlBuffer, ringBuffer, replyPort } = workerData;
const STATE = 0, HEAD = 1, TAIL = 2, CLOSING = 3, SIGNAL = 4;
const READY = 1, FAILED = 2, DONE = 3;
const ctrl = new Int32Array(ctrlBuffer);
const ring = new Uint8Array(ringBuffer);
const mask = ring.length - 1;
let failed = false;

function setState(s) {
  Atomics.store(ctrl, STATE, s);
  Atomics.notify(ctrl, STATE);
  Atomics.notify(ctrl, TAIL);
}

function fail(stage, err, address) {
  if (failed) return;
  failed = true;
  replyPort.postMessage({ stage, code: err.code || '', message: String(err.message), address });
  setState(FAILED);
}

/** Bytes [tail, tail + n) of the ring as one Buffer (copied when they wrap). */
function take(tail, n) {
  const i = tail & mask;
  if (i + n <= ring.length) return Buffer.from(ringBuffer, i, n);
  const b = Buffer.allocUnsafe(n);
  b.set(ring.subarray(i));
  b.set(ring.subarray(0, n - (ring.length - i)), ring.length - i);
  return b;
}

async function pump(sendFrom) {
  // A pending Atomics.waitAsync does not keep a thread alive by itself.
  const keepAlive = setInterval(() => {}, 1 << 30);
  try {
    await pumpLoop(sendFrom);
  } finally {
    clearInterval(keepAlive);
  }
}

async function pumpLoop(sendFrom) {
  while (!failed) {
    const signal = Atomics.load(ctrl, SIGNAL);
    const head = Atomics.load(ctrl, HEAD);
    const tail = Atomics.load(ctrl, TAIL);
    if (head === tail) {
      if (Atomics.load(ctrl, CLOSING)) return;
      await Atomics.waitAsync(ctrl, SIGNAL, signal).value;
      continue;
    }
    const n = await sendFrom(tail, (head - tail) | 0);
    Atomics.store(ctrl, TAIL, (tail + n) | 0);
    Atomics.notify(ctrl, TAIL);
  }
}

function runTcp(address) {
  const socket = net.connect({ host: address, port });
  socket.once('error', (e) => fail('connect', e, address));
  socket.once('connect', () => {
    socket.removeAllListeners('error');
    socket.on('error', (e) => fail('send', e, address));
    let out = socket;
    if (gzip) {
      out = zlib.createGzip();
      out.pipe(socket);
    }
    const write = (b) => new Promise((resolve) => out.write(b, () => resolve()));
    setState(READY);
    pump(async (tail, used) => {
      // a contiguous piece, straight from the ring
      const n = Math.min(used, ring.length - (tail & mask));
      await write(take(tail, n));
      return n;
    }).then(() => {
      socket.once('finish', () => { if (!failed) setState(DONE); });
      // with gzip, the pipe ends the socket once the gzip trailer is through
      out.end();
    });
  });
}

function runUdp(address) {
  const socket = dgram.createSocket('udp4');
  socket.on('error', (e) => fail('send', e, address));
  setState(READY);
  pump(async (tail) => {
    const len = take(tail, 4).readUInt32LE(0);
    const msg = take((tail + 4) | 0, len);
    await new Promise((resolve) => socket.send(msg, port, address, (e) => { if (e) fail('send', e, address); resolve(); }));
    return 4 + len;
  }).then(() => socket.close(() => { if (!failed) setState(DONE); }));
}

// Whatever goes wrong here must reach the producer, which would otherwise wait forever.
process.on('uncaughtException', (e) => fail('send', e, host));
process.on('unhandledRejection', (e) => fail('send', e, host));

dns.lookup(host, { family: 4 }, (err, address) => {
  if (err) return fail('resolve', err, host);
  if (udp) runUdp(address); else runTcp(address);
});
`;
