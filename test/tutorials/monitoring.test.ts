import { once } from 'node:events';
import { createReadStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goldenFile, parseTable, PCAP_DIR, reportLines, stripAnsi, Tutorial, type Table } from './project.ts';

/**
 * "Plugin monitoring" (tutorials/001_…): tcpWin's t2Monitoring (header, values, report) with
 * MONINTTMPCP=1 DIFF_REPORT=1 MACHINE_REPORT=1: first counted at flow end (tcpWin04), with and
 * without tcpStates, then per packet (tcpWin05); USR1 reports with t2stat after the reset.
 * annoloc2.pcap is not available: many-protocols.pcap (10 monitoring lines, 11 zero-window
 * packets) stands in, checked against golden/tcpwin-mon; USR1 is sent while t2 reads
 * synflood-spoofed.pcap (only zero-window packets) from stdin, held open until the signal is out.
 */

const CAPTURE = 'many-protocols.pcap';
const PREFIX = 'many-protocols';
/** golden/README.md: every one of its 37841 TCP packets has a zero window. */
const USR1_CAPTURE = join(PCAP_DIR, 'synflood-spoofed.pcap');
const USR1_CAPTURE_PACKETS = 37841;
/** Monitoring columns that count packets and bytes: the same whether flows end early or not. */
const PACKET_COLUMNS = ['repType', 'sensorID', 'time', 'duration', 'numPkts', 'numL2Pkts', 'numV4Pkts', 'numV6Pkts', 'numBytes', 'rawBandwidth', 'TCPPkts', 'TCPBytes', 'UDPPkts', 'UDPBytes'];

const goldenMonitoring = (): Table => parseTable(goldenFile('tcpwin-mon', CAPTURE, 'monitoring.txt')!);
const column = (t: Table, name: string): string[] => t.rows.map((r) => r[name]!);
const pick = (t: Table, names: readonly string[]): string[][] => t.rows.map((r) => names.map((n) => r[n]!));
const tcpWinLines = (text: string): string[] => reportLines(text).filter((l) => l.startsWith('tcpWin: '));
/** golden/NORMALIZE.md M1: memUsageKB of every data line becomes <MEM>. */
function normalizeM1(text: string): string {
  const lines = text.split('\n');
  const col = lines[0]!.replace(/^%/, '').split('\t').indexOf('memUsageKB');
  return lines.map((l) => (l.startsWith('%') || l === '' ? l : l.split('\t').map((f, i) => (i === col ? '<MEM>' : f)).join('\t'))).join('\n');
}

describe('tutorial: plugin monitoring (tcpWin)', { timeout: 60_000 }, () => {
  const t = new Tutorial();
  let capture = '';
  const run = (): Promise<Table> => t.step(`t2 -r ${capture} -l -w results/`).then((r) => parseTable(stripAnsi(r.stdout)));

  beforeAll(() => {
    capture = t.data(CAPTURE, PCAP_DIR);
  });

  afterAll(() => t.remove());

  it('getting started: reset, empty; t2conf tranalyzer2 -D MONINTTMPCP=1 -D DIFF_REPORT=1 -D MACHINE_REPORT=1; t2build -r -f tranalyzer2 tcpStates', async () => {
    await t.step('t2conf -a --reset');
    await t.step('t2build -e -y');
    await t.step('t2conf tranalyzer2 -D MONINTTMPCP=1 -D DIFF_REPORT=1 -D MACHINE_REPORT=1');
    expect((await t.step('t2build -r -f tranalyzer2 tcpStates')).stdout).toContain('BUILDING SUCCESSFUL');
  });

  it('tcpWin04 (aggregated at flow end): t2build tcpWin; t2 -r … -l → monitoring lines on stdout with winPktThCnt, end report in _log.txt', async () => {
    // tcpWin03 (end report) + t2Monitoring, before the "Plugin dependencies" tutorial: no dependency yet,
    // and winThCntG summed in t2OnFlowTerminate.
    t.putFinalSources('tcpWin');
    t.edit('tcpWin', 'index.ts', /\n\s*dependencies: \['basicStats'\],/, '');
    t.edit('tcpWin', 'index.ts', /\n\s*winThCntG\+\+;/, '');
    t.edit('tcpWin', 'index.ts', /(tcpWinStat \|= stat\[i\]!;)/, '$1\n    winThCntG += winThCnt[i]!; // <-- Sum all winThCnt packet counts');
    await t.step('t2build tcpWin');
    expect(t.pluginFolderFiles()).toEqual(['132_tcpStates.mjs', '150_tcpWin.mjs', 'tranalyzer2.mjs']);

    const mon = await run();
    const golden = goldenMonitoring();
    expect(mon.columns).toEqual(golden.columns);
    expect(mon.columns.at(-1)).toBe('winPktThCnt');
    expect(mon.rows).toHaveLength(golden.rows.length);
    expect(pick(mon, PACKET_COLUMNS)).toEqual(pick(golden, PACKET_COLUMNS));
    // flows closed by tcpStates have been added up by the time of the later lines
    expect(column(mon, 'winPktThCnt').some((v) => Number(v) > 0)).toBe(true);
    expect(t.resultFiles()).toEqual([`${PREFIX}_log.txt`]);
    expect(tcpWinLines(t.result(`${PREFIX}_log.txt`))).toEqual(tcpWinLines(goldenFile('tcpwin-mon', CAPTURE, 'log.txt')!));
  });

  it('t2build -u tcpStates; t2 → no flow has ended yet: winPktThCnt is 0 on every line', async () => {
    await t.step('t2build -u tcpStates');
    expect(t.pluginFolderFiles()).toEqual(['150_tcpWin.mjs', 'tranalyzer2.mjs']);
    const mon = await run();
    const golden = goldenMonitoring();
    expect(pick(mon, PACKET_COLUMNS)).toEqual(pick(golden, PACKET_COLUMNS));
    expect(column(mon, 'winPktThCnt').every((v) => v === '0')).toBe(true);
  });

  it('tcpWin05 (counted in t2OnLayer4): t2build tcpWin; t2 → winPktThCnt as T2 prints it, without tcpStates', async () => {
    t.putFinalSources('tcpWin');
    t.edit('tcpWin', 'index.ts', /\n\s*dependencies: \['basicStats'\],/, '');
    await t.step('t2build tcpWin');
    const mon = await run();
    const golden = goldenMonitoring();
    expect(column(mon, 'winPktThCnt')).toEqual(column(golden, 'winPktThCnt'));
    expect(column(mon, 'winPktThCnt').reduce((s, v) => s + Number(v), 0)).toBe(11);
  });

  it('final version (depends on basicStats) with the golden plugin set and -m: _monitoring.txt as T2 writes it', async () => {
    t.putFinalSources('tcpWin');
    await t.step('t2build tcpWin');
    const refused = await t.step(`t2 -r ${capture} -l -w results/`);
    expect(stripAnsi(refused.stderr)).toContain('[ERR] tcpWin: missing dependencies: basicStats');
    expect(parseTable(stripAnsi(refused.stdout)).columns).not.toContain('winPktThCnt');

    await t.step('t2build basicFlow basicStats tcpStates txtSink');
    const r = await t.step(`t2 -r ${capture} -l -m -w results/`);
    expect(r.stdout).toBe('');
    expect(t.resultFiles()).toEqual([`${PREFIX}_flows.txt`, `${PREFIX}_headers.txt`, `${PREFIX}_log.txt`, `${PREFIX}_monitoring.txt`]);
    expect(normalizeM1(t.result(`${PREFIX}_monitoring.txt`))).toBe(goldenFile('tcpwin-mon', CAPTURE, 'monitoring.txt'));
    expect(tcpWinLines(t.result(`${PREFIX}_log.txt`))).toEqual(tcpWinLines(goldenFile('tcpwin-mon', CAPTURE, 'log.txt')!));
  });

  it('t2conf --reset tranalyzer2 && t2build -R; t2stat sends USR1 to the running t2 → a report with the tcpWin line', async () => {
    await t.step('t2conf --reset tranalyzer2');
    await t.step('t2build -R');
    // t2 reads the capture from stdin; the rest is only sent once the signal is out.
    const t2 = t.spawn('t2', ['-r', '-', '-w', 'results/']);
    const split = Math.floor(statSync(USR1_CAPTURE).size / 3);
    createReadStream(USR1_CAPTURE, { start: 0, end: split - 1 }).pipe(t2.child.stdin!, { end: false });
    try {
      await t2.waitFor(/^Dump start: /m, 20_000);
      // t2stat -p lists the running instances (found by T2's process name); ours is among them.
      const pids = await t.step('t2stat -p');
      expect(pids.stdout.trim().split(/\s+/)).toContain(String(t2.pid));
      // Only this instance is signalled (others may be running on this machine).
      await t.step(`t2stat --pid ${t2.pid}`);
      createReadStream(USR1_CAPTURE, { start: split }).pipe(t2.child.stdin!);
      // The report follows the next packet: T2_MON_PRI_REPORT, absolute counts (DIFF_REPORT=0).
      const usr1 = await t2.waitFor(
        /^USR1 A type report: [^\n]*PID: (\d+)\n[\s\S]*?^Number of processed packets: (\d+)[\s\S]*?^tcpWin: Number of TCP winsize packets below threshold1: (\d+)/m,
        20_000,
      );
      expect(usr1[1]).toBe(String(t2.pid));
      // every packet of this capture has a zero window (golden/README.md): the count is the packet count so far
      expect(usr1[3]).toBe(usr1[2]);
      expect(Number(usr1[2])).toBeGreaterThan(0);
      expect(Number(usr1[2])).toBeLessThan(USR1_CAPTURE_PACKETS);
      const end = await t2.done;
      expect(end.status).toBe(0);
      const endReport = reportLines(end.stdout).slice(reportLines(end.stdout).findIndex((l) => l.startsWith('Dump stop')));
      expect(tcpWinLines(endReport.join('\n'))).toEqual(tcpWinLines(goldenFile('tcpwin', 'synflood-spoofed.pcap', 'log.txt')!));
    } finally {
      if (t2.child.exitCode === null) {
        t2.child.stdin!.destroy();
        t2.child.kill('SIGKILL');
        await once(t2.child, 'close');
      }
    }
  });
});
