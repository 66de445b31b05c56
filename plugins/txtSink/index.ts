import { writeFileSync } from 'node:fs';
import { definePlugin } from '../../core/plugin/api.ts';
import type { Core, OutputBuffer, Schema } from '../../core/plugin/api.ts';
import { formatColumnTable, formatNameLine } from '../../core/output/headerFile.ts';
import { RecordFormatter } from '../../core/output/recordText.ts';
import { strerror } from '../../core/plugin/api.ts';
import { RecordFile } from '../../core/output/recordFile.ts';

/** T2 refuses longer file names. */
const MAX_FILENAME = 1024;

let flowFile: RecordFile | undefined;
let formatter: RecordFormatter;

/** ENVCNTRL=2: the environment overrides the suffixes at run time. */
function suffix(env: string, fallback: string): string {
  return process.env[env] ?? fallback;
}

function openFlowFile(core: Core): RecordFile {
  const name = core.outputPrefix + suffix('TFS_FLOWS_TXT_SUFFIX', '_flows.txt');
  if (name.length > MAX_FILENAME) core.fatal('txtSink: filename too long');
  try {
    return new RecordFile(name, core.split, core.flowsToStdout === true);
  } catch (e) {
    return core.fatal(`txtSink: Failed to open file '${core.split ? name + core.split.start : name}' for writing: ${strerror(e)}`);
  }
}

function writeHeaderFile(core: Core): void {
  const name = core.outputPrefix + suffix('TFS_HEADER_SUFFIX', '_headers.txt');
  try {
    writeFileSync(name, core.headerPreamble() + formatColumnTable(core.schema.columns));
  } catch (e) {
    core.fatal(`Failed to open file '${name}': ${strerror(e)}`);
  }
}

/** txtSink (txtSink.md): the flow records as tab-separated text plus the column description file. */
export default definePlugin({
  name: 'txtSink',
  number: 901,
  version: '0.9.3',
  t2Version: [0, 9],

  init(core: Core): void {
    const columns = core.schema.columns;
    formatter = new RecordFormatter(columns);
    const file = openFlowFile(core);
    flowFile = file;
    const nameLine = formatNameLine(columns);
    file.out.text(nameLine);
    file.addHeaderBytes(file.out.len);
    // The name line reaches the disk at once: a run that aborts at the first packet leaves it.
    file.flush();
    writeHeaderFile(core);
  },

  bufferToSink(buf: OutputBuffer, _schema: Schema): void {
    const file = flowFile!;
    const out = file.out;
    const before = out.len;
    formatter.write(out, buf.bytes, buf.view);
    file.endRecord(out.len - before);
  },

  finalize(): void {
    flowFile?.close();
    flowFile = undefined;
  },
});
