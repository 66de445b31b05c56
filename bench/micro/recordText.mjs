#!/usr/bin/env node
// Record building and text formatting (core/output): records of the tutorial schema with values
// of the kinds real flows have are appended to the binary buffer and turned into text lines.
//   node bench/micro/recordText.mjs [--records N]
import { importBundled, measure } from './bundle.mjs';
import { tutorialRecords } from './records.mjs';

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
const { columns, buffer: bin } = tutorialRecords(m, records);
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
