import { createSocket } from 'node:dgram';
import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../toolchain/scratch.ts';
import { goldenFile, parseTable, PCAP_DIR, reportLines, stripAnsi, Tutorial, type Table } from './project.ts';

/**
 * "Plugin sink" (tutorials/004_…): tcpWinSink (950), a sink that depends on tcpWin and sends
 * tcpWin's per-IP window summary over a socket every TWS_TMINTVL seconds of pcap time. The
 * tutorial's `nc -l -p 5555` is a listener of this test on 127.0.0.1 (an ephemeral port set with
 * t2conf), closed at the end. annoloc2.pcap is not available: http-mime-truncated.pcap and
 * tor.pcapng (one alarm-sized flow each, golden/README.md), and emix.pcap with TCPWIN_MINPKTS
 * lowered as the tutorial suggests.
 */

const TIMEOUT_MS = 20_000;

/** One report of tcpWinSink: `# <time>`, `# IP\tpktTcpCnt\twinRelThCnt`, one line per IP, an empty line. */
interface Message {
  readonly time: string;
  readonly entries: string[];
}

function parseMessages(text: string): Message[] {
  // The tutorial's buffer ends with "\n\n\0" (the terminating NUL is sent along).
  const chunks = text.split(/\n\n\0?/);
  expect(chunks.pop()).toBe('');
  return chunks.map((chunk) => {
    const [time, header, ...entries] = chunk.split('\n');
    expect(time).toMatch(/^# \w{3} \d\d \w{3} \d{4} \d\d:\d\d:\d\d$/);
    expect(header).toBe('# IP\tpktTcpCnt\twinRelThCnt');
    for (const e of entries) expect(e).toMatch(/^\d+\.\d+\.\d+\.\d+\t\d+\t\d+\.\d{6}$/);
    return { time: time!.slice(2), entries };
  });
}

/** Seconds of a message time (strftime "%a %d %b %Y %X", local time like this process). */
const seconds = (time: string): number => Date.parse(time.slice(4)) / 1000;

/**
 * tcpWin's summary (the tutorial's gwz update in t2OnFlowTerminate) after each flow line, in
 * termination order: IPv4 TCP flows with zero-window packets and at least `minPkts` packets; an
 * IP's entry takes the flow's values when its ratio is greater.
 */
function snapshots(flows: Table, minPkts: number, max = 100): string[][] {
  const ips: string[] = [];
  const entry = new Map<string, { cnt: string; ratio: number }>();
  const update = (r: Record<string, string>): void => {
    const ipv4 = (BigInt(r.flowStat!) & 0x4000n) !== 0n;
    if (!ipv4 || r.l4Proto !== '6' || Number(r.tcpWinThCnt) === 0 || Number(r.pktsSnt) < minPkts) return;
    if (ips.length >= max) return; // full: the tutorial stops saving
    const ratio = Number(r.tcpWinSzThRt);
    const old = entry.get(r.srcIP!);
    if (old && !(ratio > old.ratio)) return;
    if (!old) ips.push(r.srcIP!);
    entry.set(r.srcIP!, { cnt: r.pktsSnt!, ratio });
  };
  const out: string[][] = [[]];
  for (const r of flows.rows) {
    update(r);
    out.push(ips.map((ip) => `${ip}\t${entry.get(ip)!.cnt}\t${entry.get(ip)!.ratio.toFixed(6)}`));
  }
  return out;
}

/** Every message is the summary after some flow, later messages after later flows. */
function expectSnapshots(messages: readonly Message[], expected: readonly string[][]): void {
  let at = 0;
  for (const m of messages) {
    const i = expected.findIndex((s, k) => k >= at && JSON.stringify(s) === JSON.stringify(m.entries));
    expect(i, `message ${JSON.stringify(m)} is none of the summaries after flow ${at}`).toBeGreaterThanOrEqual(0);
    at = i;
  }
}

/** `nc -l`: a TCP listener on 127.0.0.1; `received()` is what the next connection sent until it closed. */
async function tcpListener(): Promise<{ port: number; received: () => Promise<string>; close: () => void }> {
  const closed: string[] = [];
  const waiting: ((data: string) => void)[] = [];
  const server = createServer((c) => {
    let data = '';
    let over = false;
    const end = (): void => {
      if (over) return;
      over = true;
      const w = waiting.shift();
      if (w) w(data);
      else closed.push(data);
    };
    c.setEncoding('latin1');
    c.on('data', (d: string) => (data += d));
    c.on('end', end);
    c.on('close', end);
    c.on('error', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    received: () => {
      if (closed.length) return Promise.resolve(closed.shift()!);
      return new Promise<string>((resolve) => {
        const timer = setTimeout(() => resolve(''), TIMEOUT_MS);
        waiting.push((data) => {
          clearTimeout(timer);
          resolve(data);
        });
      });
    },
    close: () => server.close(),
  };
}

describe('tutorial: plugin sink (tcpWinSink)', { timeout: 60_000 }, () => {
  const t = new Tutorial();
  const data: Record<string, string> = {};

  beforeAll(() => {
    for (const c of ['http-mime-truncated.pcap', 'tor.pcapng', 'emix.pcap']) data[c] = t.data(c, PCAP_DIR);
  });

  let listener: Awaited<ReturnType<typeof tcpListener>> | undefined;

  afterAll(() => {
    listener?.close();
    t.remove();
  });

  /** t2 in the background (the listener of this process must be served), bounded in time. */
  async function runT2(capture: string): Promise<string> {
    const t2 = t.spawn('t2', ['-r', data[capture]!, '-w', 'results/']);
    const timer = setTimeout(() => t2.child.kill('SIGKILL'), TIMEOUT_MS);
    const r = await t2.done;
    clearTimeout(timer);
    expect(r.status, r.stderr).toBe(0);
    return stripAnsi(r.stdout);
  }

  it('getting started: reset, empty; t2build -r -f tranalyzer2 basicFlow basicStats tcpStates tcpWin txtSink', async () => {
    await t.step('t2conf -a --reset');
    await t.step('t2build -e -y');
    expect((await t.step('t2build -r -f tranalyzer2 basicFlow basicStats tcpStates tcpWin txtSink')).stdout).toContain('BUILDING SUCCESSFUL');
  });

  it('t2plugin -c tcpWinSink -n 950 -s: a working minimal sink plugin', async () => {
    const r = await t.attempt('t2plugin -c tcpWinSink -n 950 -s');
    expect(r.stderr + r.stdout).not.toMatch(/already used/);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("plugin 'tcpWinSink' created");
    await t.step('t2build tcpWinSink');
    const report = reportLines(await runT2('http-mime-truncated.pcap'));
    expect(report).toContain('    06: tcpWinSink, 0.9.3');
    // the template's example: one line per flow record
    const flows = t.flows('http-mime-truncated').rows.length;
    expect(t.result('http-mime-truncated_tcpWinSink.txt').trimEnd().split('\n')).toHaveLength(1 + flows);
  });

  it('the tutorial\'s tcpWinSink (dependency on tcpWin, TWS_* flags as in tcpWinSink.h) builds', async () => {
    expect(existsSync(join(ROOT, 'plugins', 'tcpWinSink', 'index.ts')), 'plugins/tcpWinSink is not written yet').toBe(true);
    t.putFinalSources('tcpWinSink');
    const flags = await t.step('t2conf tcpWinSink -G TWS_DPORT -G TWS_SOCKTYPE -G TWS_TMINTVL');
    expect(flags.stdout).toBe('TWS_DPORT = 5555\nTWS_SOCKTYPE = 1\nTWS_TMINTVL = 5\n');
    await t.step('t2build tcpWinSink');
  });

  it('nc -l (TCP): t2 -r … sends the per-IP summary, the IP of the alarm-sized flow with its packet count and ratio', async () => {
    listener = await tcpListener();
    await t.step(`t2conf tcpWinSink -D TWS_SERVADD=127.0.0.1 -D TWS_DPORT=${listener.port}`);
    await t.step('t2build tcpWinSink');
    const report = reportLines(await runT2('http-mime-truncated.pcap'));
    expect(report.filter((l) => /^ {4}\d\d: /.test(l)).slice(-2)).toEqual(['    05: txtSink, 0.9.3', '    06: tcpWinSink, 0.9.3']);
    const messages = parseMessages(await listener.received());
    // golden/tcpwin: the one IPv4 TCP flow with zero windows and >= TCPWIN_MINPKTS packets
    const golden = parseTable(goldenFile('tcpwin', 'http-mime-truncated.pcap', 'flows.txt')!);
    const expected = snapshots(golden, 50);
    expect(expected.at(-1)).toHaveLength(1);
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) expect(m.entries).toEqual(expected.at(-1));
    expectSnapshots(messages, expected);
  });

  it('tor.pcapng: reports at most every TWS_TMINTVL=5 s of pcap time', async () => {
    expect(listener, 'the TCP listener of the previous step').toBeDefined();
    await runT2('tor.pcapng');
    const messages = parseMessages(await listener!.received());
    expect(messages.length).toBeGreaterThan(0);
    const golden = parseTable(goldenFile('tcpwin', 'tor.pcapng', 'flows.txt')!);
    expectSnapshots(messages, snapshots(golden, 50));
    for (let i = 1; i < messages.length; i++) {
      expect(seconds(messages[i]!.time) - seconds(messages[i - 1]!.time)).toBeGreaterThanOrEqual(5);
    }
  });

  it('lower TCPWIN_MINPKTS (t2conf, t2build) and a UDP socket (TWS_SOCKTYPE=0): many IPs, one datagram per report', async () => {
    const socket = createSocket('udp4');
    const datagrams: string[] = [];
    socket.on('message', (m) => datagrams.push(m.toString('latin1')));
    await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
    try {
      await t.step('t2conf tcpWin -D TCPWIN_MINPKTS=1');
      await t.step(`t2conf tcpWinSink -D TWS_SOCKTYPE=0 -D TWS_DPORT=${socket.address().port}`);
      await t.step('t2build tcpWin tcpWinSink');
      await runT2('emix.pcap');
      // datagrams sent before t2 exited are queued on our socket: read until none comes for 100 ms (2 s at most)
      for (let seen = -1, i = 0; seen !== datagrams.length && i < 20; i++) {
        seen = datagrams.length;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(datagrams.length).toBeGreaterThan(1);
      const messages = datagrams.map((d) => {
        const [m, ...more] = parseMessages(d);
        expect(more).toEqual([]);
        return m!;
      });
      // our own flow file of this run gives the termination order
      const expected = snapshots(t.flows('emix'), 1);
      expect(expected.at(-1)!.length).toBeGreaterThan(1);
      expectSnapshots(messages, expected);
      for (let i = 1; i < messages.length; i++) {
        expect(seconds(messages[i]!.time) - seconds(messages[i - 1]!.time)).toBeGreaterThanOrEqual(5);
      }
    } finally {
      socket.close();
    }
  });

  it('without tcpWin (t2build -u tcpWin) the sink is refused: its dependency is missing', async () => {
    await t.step('t2build -u tcpWin');
    const t2 = await t.attempt(`t2 -r ${data['http-mime-truncated.pcap']} -w results/`);
    expect(stripAnsi(t2.stderr)).toContain('[ERR] tcpWinSink: missing dependencies: tcpWin');
  });
});
