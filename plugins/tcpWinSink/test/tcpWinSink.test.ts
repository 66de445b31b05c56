import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PCAP_DIR, goldenFile } from '../../../test/golden/corpus.ts';
import { buildPlugins, runT2Async, type FlagOverrides } from '../../../test/sinks/bundles.ts';
import { tcpListener, udpListener } from '../../../test/sinks/listener.ts';

const PLUGINS = ['basicFlow', 'basicStats', 'tcpStates', 'tcpWin', 'txtSink', 'tcpWinSink'];
/** Report times are local time: the runs use UTC so that the texts are fixed. */
const ENV = { TZ: 'UTC' };
const HEADER = '# IP\tpktTcpCnt\twinRelThCnt\n';

function run(flags: FlagOverrides, capture: string) {
  const folder = buildPlugins(PLUGINS, flags);
  return runT2Async(folder, ['-r', join(PCAP_DIR, capture), '-w', `${mkdtempSync(join(tmpdir(), 'tws-'))}/`], ENV);
}

/** Messages of a received stream: each ends with an empty line and the NUL the tutorial sends. */
function messages(text: string): string[] {
  const parts = text.split(/(?<=\n\n\0)/);
  for (const p of parts) expect(p).toMatch(/^# \w{3} \d\d \w{3} \d{4} \d\d:\d\d:\d\d\n# IP\tpktTcpCnt\twinRelThCnt\n(\d+\.\d+\.\d+\.\d+\t\d+\t\d+\.\d{6}\n)+\n\0$/);
  return parts;
}

const seconds = (message: string) => Date.parse(`${message.slice(6, 26)} UTC`) / 1000;

/** The golden tcpWin flow line of `srcIP` (A direction) as named fields. */
function goldenFlow(capture: string, srcIP: string): Record<string, string> {
  const [head, ...lines] = goldenFile('tcpwin', capture, 'flows.txt')!.trimEnd().split('\n');
  const names = head!.slice(1).split('\t');
  const row = lines.map((l) => l.split('\t')).find((f) => f[names.indexOf('srcIP')] === srcIP && f[0] === 'A')!;
  return Object.fromEntries(names.map((n, i) => [n, row[i]!]));
}

describe('tcpWinSink', () => {
  it('TCP: the summary of the alarm-sized flow (golden/tcpwin values), stamped with the capture time', async () => {
    const listener = await tcpListener();
    const res = await run({ tcpWinSink: { TWS_DPORT: listener.port } }, 'http-mime-truncated.pcap');
    expect(res.rc, res.stderr).toBe(0);
    const flow = goldenFlow('http-mime-truncated.pcap', '1.8.31.101');
    expect([flow.pktsSnt, flow.tcpWinSzThRt]).toEqual(['899', '0.01112347']);
    expect(messages((await listener.received()).toString('latin1'))).toEqual([
      `# Sat 31 Aug 2019 12:44:15\n${HEADER}1.8.31.101\t899\t0.011123\n\n\0`,
    ]);
  }, 60_000);

  it('TCP: reports at most every TWS_TMINTVL seconds of capture time', async () => {
    const listener = await tcpListener();
    const res = await run({ tcpWinSink: { TWS_DPORT: listener.port, TWS_TMINTVL: 5 } }, 'tor.pcapng');
    expect(res.rc, res.stderr).toBe(0);
    const got = messages((await listener.received()).toString('latin1'));
    expect(got).toEqual([
      `# Thu 07 Nov 2013 11:04:26\n${HEADER}192.168.1.252\t693\t0.002886\n\n\0`,
      `# Thu 07 Nov 2013 11:04:36\n${HEADER}192.168.1.252\t693\t0.002886\n\n\0`,
    ]);
    const less = await tcpListener();
    await run({ tcpWinSink: { TWS_DPORT: less.port, TWS_TMINTVL: 20 } }, 'tor.pcapng');
    const sparse = messages((await less.received()).toString('latin1'));
    expect(sparse.length).toBe(1);
  }, 60_000);

  it('UDP: one datagram per report, many IPs with TCPWIN_MINPKTS lowered, reports ≥ TWS_TMINTVL apart', async () => {
    const udp = await udpListener();
    try {
      const res = await run({ tcpWin: { TCPWIN_MINPKTS: 1 }, tcpWinSink: { TWS_DPORT: udp.port, TWS_SOCKTYPE: 0 } }, 'emix.pcap');
      expect(res.rc, res.stderr).toBe(0);
      await new Promise((r) => setTimeout(r, 100));
      const got = udp.datagrams.map((d) => d.toString('latin1'));
      expect(got.length).toBeGreaterThan(1);
      for (const d of got) expect(messages(d)).toHaveLength(1);
      for (let i = 1; i < got.length; i++) expect(seconds(got[i]!) - seconds(got[i - 1]!)).toBeGreaterThanOrEqual(5);
      // the summary only grows (entries are replaced by greater ratios, never removed)
      const sizes = got.map((d) => d.split('\n').length);
      expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
      expect(sizes.at(-1)! - 4).toBeGreaterThan(1);
    } finally {
      udp.socket.close();
    }
  }, 60_000);

  it('TCP: a clear error when nobody listens', async () => {
    const listener = await tcpListener();
    listener.server.close();
    const res = await run({ tcpWinSink: { TWS_DPORT: listener.port } }, 'tor.pcapng');
    expect(res.rc).toBe(1);
    expect(res.stderr).toContain(
      `tcpWinSink: Could not connect to socket: Connection refused, check whether the server side is listening at 127.0.0.1 on port ${listener.port}`,
    );
  }, 60_000);
});
