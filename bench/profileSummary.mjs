#!/usr/bin/env node
// Summarises a V8 .cpuprofile (node --cpu-prof): self time per function, largest first, and the
// inclusive time of the functions named with --inclusive (a phase of the pipeline each).
//
//   node bench/profileSummary.mjs FILE.cpuprofile [--top N] [--inclusive name,name,...]
import { readFileSync } from 'node:fs';

const file = process.argv[2];
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const top = Number(arg('top', '40'));
const inclusive = arg('inclusive', 'processPacket,dissect,lookup,processTimeouts,writeFlow,next,onLayer4,onLayer2,onNewFlow').split(',');
const prof = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;

const self = new Map();
const incl = new Map();
const dt = prof.timeDeltas;
let total = 0;
for (let i = 0; i < prof.samples.length; i++) {
  const us = dt[i] ?? 0;
  total += us;
  let n = byId.get(prof.samples[i]);
  self.set(label(n), (self.get(label(n)) ?? 0) + us);
  const seen = new Set();
  for (let id = n.id; id !== undefined; id = parent.get(id)) {
    const name = byId.get(id).callFrame.functionName;
    if (inclusive.includes(name) && !seen.has(name)) {
      seen.add(name);
      incl.set(name, (incl.get(name) ?? 0) + us);
    }
  }
}
const line = (name, us) => `${(us / 1e3).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`;
console.log(`total ${(total / 1e6).toFixed(2)} s\ninclusive:`);
for (const name of inclusive) console.log(line(name, incl.get(name) ?? 0));
console.log('self:');
for (const [name, us] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(line(name, us));
