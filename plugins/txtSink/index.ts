import { writeFileSync } from 'node:fs';
import { isMainThread, workerData } from 'node:worker_threads';
import { definePlugin } from '../../core/plugin/api.ts';
import type { Core, OutputBuffer, Schema } from '../../core/plugin/api.ts';
import { formatColumnTable, formatNameLine } from '../../core/output/headerFile.ts';
import { strerror } from '../../core/plugin/api.ts';
import { RecordFile } from '../../core/output/recordFile.ts';
import { handOverAfter, RecordTextWriter, workerEntry } from '../../core/output/recordTextWriter.ts';
import { runTextWorkerIfAsked } from '../../core/output/recordTextWorker.ts';

// Large runs format their flow lines on a second thread, which runs this bundle (recordTextWriter.ts).
runTextWorkerIfAsked(isMainThread, workerData);

/** T2 refuses longer file names. */
const MAX_FILENAME = 1024;

let writer: RecordTextWriter | undefined;

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
    const file = openFlowFile(core);
    writer = new RecordTextWriter(columns, file, workerEntry(import.meta.url), handOverAfter(process.env.T2TS_TXT_THREAD_AFTER, core.inputSize));
    const nameLine = formatNameLine(columns);
    file.out.text(nameLine);
    file.addHeaderBytes(file.out.len);
    // The name line reaches the disk at once: a run that aborts at the first packet leaves it.
    file.flush();
    writeHeaderFile(core);
  },

  bufferToSink(buf: OutputBuffer, _schema: Schema): void {
    writer!.write(buf);
  },

  finalize(): void {
    const w = writer;
    writer = undefined;
    w?.close();
  },
});
