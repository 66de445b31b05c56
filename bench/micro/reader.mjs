#!/usr/bin/env node
// Reader alone: every record of a capture read into the packet record (core/capture).
//   node bench/micro/reader.mjs [--input ndpi-x12|synth2m|FILE.pcap] [--chunk BYTES]
//                               [--path both|thread|worker] [--slot BYTES] [--slots N]
// `--path thread` reads on the main thread (ChunkedInput), `worker` reads ahead on a worker
// thread (ReadAheadInput), `both` (default) measures the two, interleaved. The CPU time counts
// every thread of the process, so for the worker path the wall time is what the parser saw.
import { importBundled, inputPath } from './bundle.mjs';

const m = await importBundled(`
  export { openCaptureReader } from './core/capture/open.ts';
  export { Packet } from './core/dissect/packet.ts';
`);
const path = inputPath();
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const which = arg('--path') ?? 'both';
const chunkSize = arg('--chunk') === undefined ? undefined : Number(arg('--chunk'));
const slotSize = arg('--slot') === undefined ? undefined : Number(arg('--slot'));
const slots = arg('--slots') === undefined ? undefined : Number(arg('--slots'));
const runs = Number(process.env.MICRO_RUNS ?? 3);

const paths = {
  thread: { chunkSize, readAhead: { minSize: Infinity } },
  worker: { readAhead: { minSize: 0, slotSize, slots } },
};
const chosen = which === 'both' ? ['thread', 'worker'] : [which];

function readAll(options) {
  const reader = m.openCaptureReader(path, options);
  const pkt = new m.Packet();
  let n = 0;
  while (reader.next(pkt) === 1) n++;
  reader.close();
  return n;
}

const samples = Object.fromEntries(chosen.map((p) => [p, { wall: [], cpu: [], items: 0 }]));
for (let r = 0; r < runs; r++) {
  for (const p of chosen) {
    const s = samples[p];
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    s.items = readAll(paths[p]);
    s.wall.push((performance.now() - t0) / 1e3);
    const cpu = process.cpuUsage(cpu0);
    s.cpu.push((cpu.user + cpu.system) / 1e6);
  }
}
const median = (a) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)];
for (const p of chosen) {
  const { wall, cpu, items } = samples[p];
  const w = median(wall);
  const c = median(cpu);
  console.log(
    `reader (${p}): ${items} items, median ${(w * 1e3).toFixed(0)} ms wall (${((w / items) * 1e9).toFixed(0)} ns/item, ` +
      `${(items / w / 1e6).toFixed(2)} M/s), ${(c * 1e3).toFixed(0)} ms CPU of all threads`,
  );
}
