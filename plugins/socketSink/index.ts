import { definePlugin } from '../../core/plugin/api.ts';
import type { Core, OutputBuffer, Schema } from '../../core/plugin/api.ts';
import { formatNameLine } from '../../core/output/headerFile.ts';
import { RecordFormatter } from '../../core/output/recordText.ts';
import { TextBuffer } from '../../core/output/textBuffer.ts';
import { JsonFormatter } from '../jsonSink/jsonRecord.ts';
import { binaryHeader } from './binaryHeader.ts';
import { BlockingSocket, SocketError } from './blockingSocket.ts';
import { hostInfoMessage } from './hostInfo.ts';

/** socketSink (sinks.md §2): every flow record to a TCP or UDP socket, as binary, text or JSON. */

const PLUGIN = 'socketSink';
const BINARY = 0;
const TEXT = 1;

let core: Core;
let socket: BlockingSocket | undefined;
/** The message being built (text and JSON modes). */
let message: TextBuffer;
let formatter: RecordFormatter | JsonFormatter;

/** ENVCNTRL=2: the environment overrides these at run time. */
function target(): { host: string; port: number } {
  return { host: process.env.SKS_SERVADD ?? SKS_SERVADD, port: Number(process.env.SKS_DPORT ?? SKS_DPORT) };
}

function connect(c: Core): BlockingSocket {
  const { host, port } = target();
  try {
    return new BlockingSocket({ host, port, udp: SKS_SOCKTYPE === 0, gzip: SKS_GZ_COMPRESS === 1 });
  } catch (e) {
    if (!(e instanceof SocketError)) throw e;
    if (e.stage === 'resolve') return c.fatal(`${PLUGIN}: gethostbyname() failed for '${host}'`);
    if (e.stage === 'connect') return c.fatal(`${PLUGIN}: Could not connect to TCP socket at ${e.address}:${port}: ${e.reason}`);
    return c.fatal(`${PLUGIN}: Could not send message to socket: ${e.reason}`);
  }
}

/** Sends one message; a failure ends the run (T2 exits with the same message). */
function send(bytes: Uint8Array, len: number): void {
  try {
    socket!.send(bytes, 0, len);
  } catch (e) {
    if (!(e instanceof SocketError)) throw e;
    core.fatal(`${PLUGIN}: Could not send message to socket: ${e.reason}`);
  }
}

export default definePlugin({
  name: PLUGIN,
  number: 910,
  version: '0.9.3',
  t2Version: [0, 9],

  init(c: Core): void {
    core = c;
    if (BLOCK_BUF) {
      c.report.pwrn(PLUGIN, "BLOCK_BUF is set in 'tranalyzer.h', no output will be produced");
      return;
    }
    const columns = c.schema.columns;
    socket = connect(c);
    message = new TextBuffer(1 << 16);
    if (SKS_CONTENT_TYPE === BINARY) {
      if (SKS_HOST_INFO) {
        const info = hostInfoMessage(c.sensorId, Date.now());
        send(info, info.length);
      }
      const header = binaryHeader(columns);
      send(header, header.length);
    } else if (SKS_CONTENT_TYPE === TEXT) {
      formatter = new RecordFormatter(columns);
      message.text(formatNameLine(columns));
      send(message.bytes, message.len);
    } else {
      // jsonSink's record format with its default options
      formatter = new JsonFormatter(columns, { spaces: false, suppressEmpty: true });
    }
  },

  bufferToSink(buf: OutputBuffer, _schema: Schema): void {
    if (!socket) return;
    if (SKS_CONTENT_TYPE === BINARY) {
      send(buf.bytes, buf.pos);
      return;
    }
    message.clear();
    formatter.write(message, buf.bytes, buf.view);
    if (SKS_CONTENT_TYPE !== TEXT) message.byte(10);
    send(message.bytes, message.len);
  },

  finalize(): void {
    const s = socket;
    socket = undefined;
    if (!s) return;
    // Bytes still on their way can fail only now.
    try {
      s.close();
    } catch (e) {
      if (!(e instanceof SocketError)) throw e;
      core.fatal(`${PLUGIN}: Could not send message to socket: ${e.reason}`);
    }
  },
});
