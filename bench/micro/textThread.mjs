#!/usr/bin/env node
// Flow text on the second core (core/output/recordTextWriter.ts): the main thread's time per
// record when it formats and writes inline, against handing the binary record to the worker
// through the shared ring (`--records 5000` stays within the 2 MiB ring: the cost of the
// hand-off; more records show the worker's pace); the first record, which starts the worker;
// and the time `close` waits for the worker. Wall time, since two threads share the work.
// Each record is first copied into the record buffer, as the core builds it (both sides).
//   node bench/micro/textThread.mjs [--records N]
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repo } from './bundle.mjs';

// The bundle must stay on disk while the worker loads it (bundle.mjs removes its file at once).
const dir = mkdtempSync(join(tmpdir(), 't2micro-thread-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const result = await build({
  stdin: {
    contents: `
      import { isMainThread, workerData } from 'node:worker_threads';
      import { runTextWorkerIfAsked } from './core/output/recordTextWorker.ts';
      export { OutputBuffer } from './core/output/outputBuffer.ts';
      export { RecordFile } from './core/output/recordFile.ts';
      export { RecordTextWriter } from './core/output/recordTextWriter.ts';
      export { column } from './core/output/columns.ts';
      export { default as basicFlow } from './plugins/basicFlow/index.ts';
      export { default as basicStats } from './plugins/basicStats/index.ts';
      export { default as tcpStates } from './plugins/tcpStates/index.ts';
      runTextWorkerIfAsked(isMainThread, workerData);
    `,
    loader: 'ts',
    resolveDir: repo,
    sourcefile: 'micro-entry.ts',
  },
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minifySyntax: true,
  treeShaking: true,
  logLevel: 'silent',
  define: { MONINTTMPCP: '0' },
});
const bundle = join(dir, 'entry.mjs');
writeFileSync(bundle, result.outputFiles[0].text);
const url = pathToFileURL(bundle).href;
const m = await import(url);

const i = process.argv.indexOf('--records');
const records = i > 0 ? Number(process.argv[i + 1]) : 200_000;
const columns = [m.column('dir', '', 'DIR'), m.column('flowInd', '', 'U64'), ...m.basicFlow.columns, ...m.basicStats.columns, ...m.tcpStates.columns];

let seed = 7;
const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
const mac = new Uint8Array([0, 0x1b, 0x21, 0xaa, 0x3c, 0x9f]);
const ip = new Uint8Array([10, 0, 3, 27, 0x20, 1, 0xd, 0xb8, 0, 0, 0, 0, 0, 0, 0, 1]);

/** A plausible value of each column type, as the tutorial plugins write them. */
function value(out, type) {
  switch (type) {
    case 'U8': case 'H8': case 'DIR': return out.u8(Math.floor(rand() * 256));
    case 'U16': case 'H16': return out.u16(Math.floor(rand() * 65536));
    case 'U64': return out.u64(Math.floor(rand() * 1e6));
    case 'I64': return out.i64(Math.floor(rand() * 100));
    case 'H64': return out.u64HiLo(Math.floor(rand() * 4294967296), Math.floor(rand() * 4294967296));
    case 'TS': return out.time(1704067200 + Math.floor(rand() * 3600), Math.floor(rand() * 1e9));
    case 'DUR': return out.time(Math.floor(rand() * 100), Math.floor(rand() * 1e9));
    case 'F': return out.f32(Math.fround(rand() * 1e4));
    case 'SC': case 'S': return out.str(rand() < 0.5 ? 'eth:ipv4:tcp' : 'eth:vlan:ipv6:udp');
    case 'MAC': return out.bytesFrom(mac, 0, 6);
    case 'IPX': return rand() < 0.8 ? out.ipx(4, ip, 0) : out.ipx(6, ip, 0);
    default: throw new Error(`no generator for ${type}`);
  }
}

// Records are built in one buffer ahead of time and replayed, so only the writer is measured.
const all = new m.OutputBuffer();
const ends = [0];
for (let r = 0; r < records; r++) {
  for (const c of columns) {
    const reps = c.repeat ? 1 + Math.floor(rand() * 2) : 1;
    if (c.repeat) all.numRep(reps);
    for (let k = 0; k < reps; k++) for (const t of c.types) value(all, t);
  }
  ends.push(all.pos);
}
const record = new m.OutputBuffer();

function run(threaded) {
  const file = new m.RecordFile(join(dir, 'flows.txt'), undefined, false);
  const writer = new m.RecordTextWriter(columns, file, threaded ? url : undefined, 0);
  const write = (r) => {
    record.reset();
    record.bytesFrom(all.bytes, ends[r], ends[r + 1] - ends[r]);
    writer.write(record);
  };
  // The first record starts the worker (hand-over at 0 bytes): timed on its own.
  const t0 = performance.now();
  write(0);
  const t1 = performance.now();
  for (let r = 1; r < records; r++) write(r);
  const t2 = performance.now();
  writer.close();
  const t3 = performance.now();
  return { start: t1 - t0, loop: t2 - t1, close: t3 - t2 };
}

const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const runs = Number(process.env.MICRO_RUNS ?? 3);
for (const threaded of [false, true]) {
  const results = Array.from({ length: runs }, () => run(threaded));
  const start = median(results.map((r) => r.start));
  const loop = median(results.map((r) => r.loop));
  const close = median(results.map((r) => r.close));
  console.log(
    `${threaded ? 'worker' : 'inline'}: ${records} records, first record ${start.toFixed(1)} ms, then main thread ` +
      `${((loop / (records - 1)) * 1e6).toFixed(0)} ns/record, close ${close.toFixed(0)} ms, total ${(start + loop + close).toFixed(0)} ms (median wall of ${runs})`,
  );
}
