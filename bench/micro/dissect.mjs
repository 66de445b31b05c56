#!/usr/bin/env node
// Dissector alone: the capture is read once into memory, then every packet is dissected
// (core/dissect) and its header description interned, as the analyzer does.
//   node bench/micro/dissect.mjs [--input ndpi-x12|synth2m|FILE.pcap] [--limit N]
import { importBundled, inputPath, measure } from './bundle.mjs';
import { loadPackets } from './packets.mjs';

const m = await importBundled(`
  export { openCaptureReader } from './core/capture/open.ts';
  export { Packet } from './core/dissect/packet.ts';
  export { Dissector } from './core/dissect/dissector.ts';
  export { HdrDescTable } from './core/analyzer/hdrDescTable.ts';
  export { Stats } from './core/stats.ts';
  export { ReportWriter } from './core/report/reportWriter.ts';
`);
const { pkt, replay, count } = loadPackets(m, inputPath());
const dissector = new m.Dissector(new m.Stats(), new m.ReportWriter(() => {}));
const descs = new m.HdrDescTable();
measure('dissect', () => {
  replay((p) => {
    dissector.dissect(p);
    p.hdrDescId = descs.intern(p.hdrDescWords, p.hdrDescLen);
  });
  return count;
});
void pkt;
