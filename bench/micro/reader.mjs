#!/usr/bin/env node
// Reader alone: every record of a capture read into the packet record (core/capture).
//   node bench/micro/reader.mjs [--input ndpi-x12|synth2m|FILE.pcap] [--chunk BYTES]
import { importBundled, inputPath, measure } from './bundle.mjs';

const m = await importBundled(`
  export { openCaptureReader } from './core/capture/open.ts';
  export { Packet } from './core/dissect/packet.ts';
`);
const path = inputPath();
const c = process.argv.indexOf('--chunk');
const options = c > 0 ? { chunkSize: Number(process.argv[c + 1]) } : {};
measure('reader', () => {
  const reader = m.openCaptureReader(path, options);
  const pkt = new m.Packet();
  let n = 0;
  while (reader.next(pkt) === 1) n++;
  reader.close();
  return n;
});
