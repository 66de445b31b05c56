#!/usr/bin/env node
// Flow text on the second core (core/output/recordTextWriter.ts): the main thread's time per
// record when it formats and writes inline, against handing the binary record to the worker
// through the shared ring (`--records 5000` stays within the 2 MiB ring: the cost of the
// hand-off; more records show the worker's pace); the first record, which starts the worker;
// and the time `close` waits for the worker. Wall time, since two threads share the work.
// Each record is first copied into the record buffer, as the core builds it (both sides).
//   node bench/micro/textThread.mjs [--records N]
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleToFile } from './bundle.mjs';
import { tutorialRecords } from './records.mjs';

// The bundle stays on disk while the worker loads it.
const { file: bundle, dir } = await bundleToFile(`
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
`);
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const url = pathToFileURL(bundle).href;
const m = await import(url);

const i = process.argv.indexOf('--records');
const records = i > 0 ? Number(process.argv[i + 1]) : 200_000;
const { columns, buffer: all, ends } = tutorialRecords(m, records, 7);
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
