import { definePlugin } from '../../core/plugin/api.ts';
import type { Core, OutputBuffer, Schema } from '../../core/plugin/api.ts';
import { strerror } from '../../core/plugin/api.ts';
import { TextBuffer } from '../../core/output/textBuffer.ts';
import { BlockingSocket, SocketError } from '../socketSink/blockingSocket.ts';
import { readColumnSelection, selectFilePath } from './columnSelection.ts';
import { RecordFile } from '../../core/output/recordFile.ts';
import { JsonFormatter } from './jsonRecord.ts';

/** jsonSink (sinks.md §3): every flow record as one JSON object per line. */

const PLUGIN = 'jsonSink';
const NEWLINE = new Uint8Array([10]);

let core: Core;
let formatter: JsonFormatter | undefined;
let file: RecordFile | undefined;
let socket: BlockingSocket | undefined;
/** JSON_SOCKET_ON: the record being sent. */
let message: TextBuffer;
let records = 0;

/** ENVCNTRL=2: the environment overrides these at run time. */
function env(name: string, fallback: string): string {
  return process.env[name] ?? fallback;
}

function columnSelection(c: Core): Set<string> | undefined {
  if (!JSON_SELECT) return undefined;
  const path = selectFilePath(env('JSON_SELECT_FILE', JSON_SELECT_FILE));
  let names: Set<string>;
  try {
    names = readColumnSelection(path);
  } catch (e) {
    return c.fatal(`${PLUGIN}: Failed to open file '${path}' for reading: ${strerror(e)}`);
  }
  c.report.pinf(PLUGIN, `only inserting ${names.size} columns listed in '${path}'`);
  return names;
}

function connect(c: Core): BlockingSocket {
  const host = env('JSON_SOCKET_ADDR', JSON_SOCKET_ADDR);
  const port = Number(env('JSON_SOCKET_PORT', String(JSON_SOCKET_PORT)));
  try {
    return new BlockingSocket({ host, port, udp: false });
  } catch (e) {
    if (!(e instanceof SocketError)) throw e;
    if (e.stage === 'resolve') return c.fatal(`${PLUGIN}: gethostbyname() failed for '${host}'`);
    return c.fatal(`${PLUGIN}: Could not connect to TCP socket at ${e.address}:${port}: ${e.reason}`);
  }
}

function openFile(c: Core): RecordFile {
  const name = c.outputPrefix + env('JSON_SUFFIX', JSON_SUFFIX);
  const split = JSON_SPLIT ? c.split : undefined;
  try {
    return new RecordFile(name, split, c.flowsToStdout === true, JSON_GZ_COMPRESS === 1);
  } catch (e) {
    const shown = (split ? name + split.start : name) + (JSON_GZ_COMPRESS ? '.gz' : '');
    return c.fatal(`${PLUGIN}: Failed to open file '${shown}' for writing: ${strerror(e)}`);
  }
}

/** Runs a socket operation; a failure ends the run, naming the record being sent. */
function onSocket(op: () => void): void {
  try {
    op();
  } catch (e) {
    if (!(e instanceof SocketError)) throw e;
    const record = new TextDecoder().decode(message.view());
    core.fatal(`${PLUGIN}: Could not send message '${record}' to TCP socket ${e.address}:${env('JSON_SOCKET_PORT', String(JSON_SOCKET_PORT))}: ${e.reason}`);
  }
}

export default definePlugin({
  name: PLUGIN,
  number: 903,
  version: '0.9.3',
  t2Version: [0, 9],

  init(c: Core): void {
    core = c;
    records = 0;
    if (BLOCK_BUF) {
      c.report.pwrn(PLUGIN, "BLOCK_BUF is set in 'tranalyzer.h', no JSON file will be produced");
      return;
    }
    formatter = new JsonFormatter(c.schema.columns, {
      spaces: JSON_NO_SPACES === 0,
      suppressEmpty: JSON_SUPPRESS_EMPTY_ARRAY === 1,
      select: columnSelection(c),
    });
    if (JSON_SOCKET_ON) {
      socket = connect(c);
      message = new TextBuffer(1 << 16);
      return;
    }
    file = openFile(c);
    if (JSON_ROOT_NODE) file.out.ascii('[\n');
  },

  bufferToSink(buf: OutputBuffer, _schema: Schema): void {
    const s = socket;
    if (s) {
      message.clear();
      formatter!.write(message, buf.bytes, buf.view);
      onSocket(() => {
        s.send(message.bytes, 0, message.len);
        s.send(NEWLINE, 0, 1);
      });
      return;
    }
    const f = file!;
    const out = f.out;
    const before = out.len;
    if (JSON_ROOT_NODE && records > 0) out.byte(44);
    formatter!.write(out, buf.bytes, buf.view);
    out.byte(10);
    records++;
    f.endRecord(out.len - before);
  },

  finalize(): void {
    if (file) {
      if (JSON_ROOT_NODE) file.out.ascii(']\n');
      file.close();
      file = undefined;
    }
    formatter = undefined;
    const s = socket;
    socket = undefined;
    // Bytes still on their way can fail only now.
    if (s) onSocket(() => s.close());
  },
});
