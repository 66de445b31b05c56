#!/usr/bin/env node
// Bytes per flow slot: the typed arrays the core and the tutorial plugins allocate for a hash
// capacity, divided by it; an array shared by two parts counts for the first (per-flow memory is sized from the capacity, as in T2). Pages of these
// arrays count towards the resident size only once flows have touched them.
//   node bench/micro/slotBytes.mjs [--capacity N]
import { importBundled } from './bundle.mjs';

const m = await importBundled(`
  export { FlowManager } from './core/flow/flowManager.ts';
  export { Stats } from './core/stats.ts';
  export { BasicFlowState } from './plugins/basicFlow/flowState.ts';
  export { FlowStats } from './plugins/basicStats/flowStats.ts';
  export { ConnTable } from './plugins/tcpStates/connState.ts';
`);
const i = process.argv.indexOf('--capacity');
const capacity = i > 0 ? Number(process.argv[i + 1]) : 262144;

/** Typed-array bytes reachable from `obj` through its own fields (objects nested up to `depth`). */
const seen = new Set();
function typedBytes(obj, depth = 2) {
  let sum = 0;
  for (const v of Object.values(obj)) {
    if (ArrayBuffer.isView(v)) {
      if (!seen.has(v.buffer)) sum += v.buffer.byteLength;
      seen.add(v.buffer);
    } else if (v && typeof v === 'object' && depth > 0) sum += typedBytes(v, depth - 1);
  }
  return sum;
}

const events = { newFlow() {}, writeFlow() {}, autopilotWarning() {} };
const manager = new m.FlowManager(capacity, 182, new m.Stats(), events);
const parts = {
  'core flow table': manager.flows,
  'core key table': manager.table,
  'core LRU list': manager.lru,
  'core fragment table': manager.fragments,
  basicFlow: new m.BasicFlowState(capacity),
  basicStats: new m.FlowStats(capacity),
  tcpStates: new m.ConnTable(capacity),
};
let total = 0;
for (const [name, obj] of Object.entries(parts)) {
  const bytes = typedBytes(obj);
  total += bytes;
  console.log(`${name}: ${(bytes / capacity).toFixed(1)} bytes/slot`);
}
console.log(`total: ${(total / capacity).toFixed(1)} bytes/slot, ${(total / 2 ** 20).toFixed(1)} MiB for ${capacity} slots`);
