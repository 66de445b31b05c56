import { definePlugin } from '../../core/plugin/api.ts';
import type { Core, OutputBuffer, Schema } from '../../core/plugin/api.ts';
import { BlockingSocket, SocketError } from '../socketSink/blockingSocket.ts';
import type { WindowSummary } from '../tcpWin/index.ts';
import { summaryMessage } from './summaryText.ts';

/**
 * tcpWinSink, the plugin of the sink tutorial: every TWS_TMINTVL seconds of capture time (checked
 * when a flow is written) it sends tcpWin's per-IP window summary to TWS_SERVADD:TWS_DPORT.
 */

const PLUGIN = 'tcpWinSink';

let core: Core;
let summary: WindowSummary;
let socket: BlockingSocket | undefined;
/** Capture time (seconds) of the last report. */
let mark = 0;

function connect(c: Core): BlockingSocket {
  try {
    return new BlockingSocket({ host: TWS_SERVADD, port: TWS_DPORT, udp: TWS_SOCKTYPE === 0 });
  } catch (e) {
    if (!(e instanceof SocketError)) throw e;
    if (e.stage === 'resolve') return c.fatal(`${PLUGIN}: gethostbyname() failed for '${TWS_SERVADD}'`);
    return c.fatal(
      `${PLUGIN}: Could not connect to socket: ${e.reason}, check whether the server side is listening at ${TWS_SERVADD} on port ${TWS_DPORT}`,
    );
  }
}

function sendFailed(e: unknown): never {
  if (!(e instanceof SocketError)) throw e;
  return core.fatal(`${PLUGIN}: Could not send message to socket: ${e.reason}`);
}

export default definePlugin({
  name: PLUGIN,
  number: 950,
  version: '0.9.3',
  t2Version: [0, 9],
  dependencies: ['tcpWin'],

  init(c: Core): void {
    core = c;
    summary = c.dependency<WindowSummary>('tcpWin');
    socket = connect(c);
    // the core's current time: 0 before the first packet, so the first report is not delayed
    mark = c.stats.lastSec;
  },

  bufferToSink(_buf: OutputBuffer, _schema: Schema): void {
    const now = core.stats.lastSec;
    if (now - mark < TWS_TMINTVL || summary.count === 0) return;
    mark = now;
    const message = Buffer.from(summaryMessage(summary, mark), 'latin1');
    try {
      socket!.send(message, 0, message.length);
    } catch (e) {
      sendFailed(e);
    }
  },

  finalize(): void {
    const s = socket;
    socket = undefined;
    try {
      s?.close();
    } catch (e) {
      sendFailed(e);
    }
  },
});
