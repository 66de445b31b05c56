#!/usr/bin/env node
// Record building and text formatting (core/output): records of the tutorial schema with values
// of the kinds real flows have are appended to the binary buffer and turned into text lines.
//   node bench/micro/recordText.mjs [--records N]
import { importBundled, measure } from './bundle.mjs';

const m = await importBundled(`
  export { OutputBuffer } from './core/output/outputBuffer.ts';
  export { RecordFormatter } from './core/output/recordText.ts';
  export { TextBuffer } from './core/output/textBuffer.ts';
  export { column } from './core/output/columns.ts';
  export { default as basicFlow } from './plugins/basicFlow/index.ts';
  export { default as basicStats } from './plugins/basicStats/index.ts';
  export { default as tcpStates } from './plugins/tcpStates/index.ts';
`);
const i = process.argv.indexOf('--records');
const records = i > 0 ? Number(process.argv[i + 1]) : 100_000;
const columns = [m.column('dir', '', 'DIR'), m.column('flowInd', '', 'U64'), ...m.basicFlow.columns, ...m.basicStats.columns, ...m.tcpStates.columns];

let seed = 1;
const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
const FLOAT_KINDS = [() => 0, () => Math.floor(rand() * 1500), () => Math.fround(rand() * 2), () => Math.fround(rand() * 1e5), () => Math.fround(rand() * 1e-3), () => Math.fround(rand() - 0.5)];
const strings = ['eth:ipv4:tcp', 'eth:ipv4:udp', 'eth:vlan:ipv6:udp:dtls', '-'];
const mac = new Uint8Array([0, 0x1b, 0x21, 0xaa, 0x3c, 0x9f]);
const ip = new Uint8Array([10, 0, 3, 27, 0x20, 1, 0xd, 0xb8, 0, 0, 0, 0, 0, 0, 0, 1]);

function value(out, type) {
  switch (type) {
    case 'U8': case 'H8': case 'DIR': return out.u8(Math.floor(rand() * 256));
    case 'U16': case 'H16': return out.u16(Math.floor(rand() * 65536));
    case 'U64': return out.u64(Math.floor(rand() * 1e6));
    case 'I64': return out.i64(Math.floor(rand() * 100));
    case 'H64': return out.u64HiLo(Math.floor(rand() * 4294967296), Math.floor(rand() * 4294967296));
    case 'TS': return out.time(1704067200 + Math.floor(rand() * 3600), Math.floor(rand() * 1e9));
    case 'DUR': return out.time(Math.floor(rand() * 100), Math.floor(rand() * 1e9));
    case 'F': return out.f32(FLOAT_KINDS[Math.floor(rand() * FLOAT_KINDS.length)]());
    case 'SC': case 'S': return out.str(strings[Math.floor(rand() * strings.length)]);
    case 'MAC': return out.bytesFrom(mac, 0, 6);
    case 'IPX': return rand() < 0.8 ? out.ipx(4, ip, 0) : out.ipx(6, ip, 0);
    default: throw new Error(`no generator for ${type}`);
  }
}

const bin = new m.OutputBuffer();
const ends = [];
for (let r = 0; r < records; r++) {
  for (const c of columns) {
    const reps = c.repeat ? 1 + Math.floor(rand() * 2) : 1;
    if (c.repeat) bin.numRep(reps);
    for (let k = 0; k < reps; k++) for (const t of c.types) value(bin, t);
  }
  ends.push(bin.pos);
}
const formatter = new m.RecordFormatter(columns);
const text = new m.TextBuffer(1 << 22);
measure('record text', () => {
  let start = 0;
  for (let r = 0; r < records; r++) {
    start = formatter.write(text, bin.bytes, bin.view, start);
    if (text.len > 1 << 21) text.clear();
  }
  text.clear();
  return records;
});
