#!/usr/bin/env node
// Flow table: packets are dissected once and their flow keys kept; the measured loop is the
// timeout walk plus lookup/creation (core/flow) of every packet, with no plugins and no output.
//   node bench/micro/flowTable.mjs [--input ndpi-x12|synth2m|FILE.pcap] [--limit N]
import { importBundled, inputPath, measure } from './bundle.mjs';
import { loadPackets } from './packets.mjs';

const m = await importBundled(`
  export { openCaptureReader } from './core/capture/open.ts';
  export { Packet } from './core/dissect/packet.ts';
  export { Dissector } from './core/dissect/dissector.ts';
  export { FlowManager } from './core/flow/flowManager.ts';
  export { Stats } from './core/stats.ts';
  export { ReportWriter } from './core/report/reportWriter.ts';
`);
const { replay, count } = loadPackets(m, inputPath());
const stats = new m.Stats();
const dissector = new m.Dissector(stats, new m.ReportWriter(() => {}));
const keyed = [];
replay((p) => {
  dissector.dissect(p);
  const copy = new m.Packet();
  for (const k of ['tsSec', 'tsNs', 'ipVer', 'srcPort', 'dstPort', 'l4Proto', 'ethType', 'vlanId', 'ipId', 'macOff', 'l4Off', 'snapL4Len', 'buf']) copy[k] = p[k];
  copy.srcIP.set(p.srcIP);
  copy.dstIP.set(p.dstIP);
  keyed.push(copy);
});
const flowPackets = keyed.filter((p) => p.ipVer >= 0);
const TIMEOUTS = [182, 0.1, 120, 610, 120, 10];
measure('flow table', () => {
  const events = { newFlow() {}, writeFlow() {}, autopilotWarning() {} };
  const flows = new m.FlowManager(262144, TIMEOUTS[0], new m.Stats(), events);
  for (const t of TIMEOUTS.slice(1)) flows.addTimeout(t);
  for (let k = 0; k < flowPackets.length; k++) {
    const p = flowPackets[k];
    flows.processTimeouts(p.tsSec, p.tsNs);
    flows.lookup(p);
  }
  flows.flushAll();
  return flowPackets.length;
});
void count;
