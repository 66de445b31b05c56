import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goldenFile, parseTable, PCAP_DIR, reportLines, Tutorial, type Table } from './project.ts';

/**
 * "Plugin alarm mode" (tutorials/000_…): ALARM_MODE=1, tcpWin reports its alarms
 * (T2_REPORT_ALARMS) and sets FL_ALARM, first in t2OnFlowTerminate (tcpWin10), then per packet
 * in t2OnLayer4 (the final version, whose ALARM_MODE guards are the tutorial's last step); then
 * ALARM_MODE=0 again. faf-exercise.pcap is not available: http-mime-truncated.pcap (1 alarm flow,
 * 10 alarms) and tor.pcapng (1 flow, 2 alarms, 3 zero-window packets), checked against
 * golden/tcpwin-alarm (same plugins plus pcapd, which adds no column) and golden/tcpwin.
 */

const CAPTURES = ['http-mime-truncated.pcap', 'tor.pcapng'] as const;
const prefix = (capture: string): string => capture.replace(/\.[^.]*$/, '');
const FL_ALARM = 0x0002000000000000n;
/** Columns that need T2's subnet database (README "Deviations"). */
const SUBNET_COLUMNS = ['srcIPCC', 'srcIPOrg', 'dstIPCC', 'dstIPOrg'];

/** End-report lines about alarms and tcpWin, as T2 prints them. */
const ALARM_LINES = /^(tcpWin: |\[WRN\] \d+ alarms in \d+ flows|\[INF\] IPAlarm$|Aggregated flowStat=)/;
const alarmLines = (lines: readonly string[]): string[] => lines.filter((l) => ALARM_LINES.test(l));

/** The flow file without the subnet label columns. */
function comparable(t: Table): string[] {
  return t.rows.map((r) =>
    t.columns
      .filter((c) => !SUBNET_COLUMNS.includes(c))
      .map((c) => r[c])
      .join('\t'),
  );
}

describe('tutorial: plugin alarm mode (tcpWin)', { timeout: 60_000 }, () => {
  const t = new Tutorial();
  const data: Record<string, string> = {};

  beforeAll(() => {
    for (const c of CAPTURES) data[c] = t.data(c, PCAP_DIR);
  });

  afterAll(() => t.remove());

  it('getting started: reset, empty the plugin folder, t2conf tranalyzer2 -D ALARM_MODE=1, build the tutorial set', async () => {
    await t.step('t2conf -a --reset');
    await t.step('t2build -e -y');
    await t.step('t2conf tranalyzer2 -D ALARM_MODE=1');
    const build = await t.step('t2build -r -f tranalyzer2 basicFlow basicStats tcpStates txtSink');
    expect(build.stdout).toContain('BUILDING SUCCESSFUL');
  });

  it('tcpWin10: T2_REPORT_ALARMS and T2_SET_STATUS(FL_ALARM) in t2OnFlowTerminate → [ALARM], the alarm report lines, only the alarm flow', async () => {
    // tcpWin09 + the tutorial's edits: the alarm bit is set where the alarm is reported.
    t.putFinalSources('tcpWin');
    t.edit('tcpWin', 'index.ts', /\n[ \t]*if \(ALARM_MODE\) core\.setFlowStatus\(i, 0, StatHi\.FL_ALARM\);/, '');
    t.edit('tcpWin', 'index.ts', /winThFlows\+\+;/, 'winThFlows++;\n      core.setFlowStatus(i, 0, StatHi.FL_ALARM); // <-- set the alarm bit in flow and global');
    await t.step('t2build tcpWin');

    const run = await t.step(`t2 -r ${data['http-mime-truncated.pcap']} -w results/`);
    const report = reportLines(run.stdout);
    expect(report).toContain('[INF] Creating flows for L2, IPv4, IPv6 [ALARM]');
    expect(report.filter((l) => /^ {4}\d\d: /.test(l))).toEqual([
      '    01: basicFlow, 0.9.3',
      '    02: basicStats, 0.9.3',
      '    03: tcpStates, 0.9.3',
      '    04: tcpWin, 0.9.3',
      '    05: txtSink, 0.9.3',
    ]);
    // "Note the info in the plugin block and the warning at the end of the T2 report."
    const golden = reportLines(goldenFile('tcpwin-alarm', 'http-mime-truncated.pcap', 'log.txt')!);
    expect(alarmLines(report)).toEqual(alarmLines(golden));
    expect(report).toContain('tcpWin: 10 alarms in 1 flows below win threshold 1');
    expect(report).toContain('[WRN] 10 alarms in 1 flows [50.00%]');
    expect(report).toContain('Aggregated flowStat=0x0402000000004000');
    expect(t.result('http-mime-truncated_headers.txt')).toContain('# Core configuration: L2, IPv4, IPv6 [ALARM]\n');

    // "out of N flows only one was released"; flowStat is written by basicFlow before tcpWin sets the bit.
    const flows = t.flows('http-mime-truncated');
    const goldenFlows = parseTable(goldenFile('tcpwin-alarm', 'http-mime-truncated.pcap', 'flows.txt')!);
    expect(flows.rows.map((r) => `${r.dir}${r.flowInd}`)).toEqual(goldenFlows.rows.map((r) => `${r.dir}${r.flowInd}`));
    expect(flows.rows).toHaveLength(1);
    const [line] = flows.rows;
    expect(BigInt(line!.flowStat!) & FL_ALARM).toBe(0n);
    expect(BigInt(line!.flowStat!) | FL_ALARM).toBe(BigInt(goldenFlows.rows[0]!.flowStat!));
    expect(line!.tcpWinThCnt).toBe('10');
  });

  it('final version: T2_SET_STATUS in t2OnLayer4 → the alarm bit is in flowStat; flow files and report as T2', async () => {
    t.putFinalSources('tcpWin');
    await t.step('t2build tcpWin');
    for (const capture of CAPTURES) {
      const run = await t.step(`t2 -r ${data[capture]} -w results/`);
      const report = reportLines(run.stdout);
      expect(report).toContain('[INF] Creating flows for L2, IPv4, IPv6 [ALARM]');
      expect(alarmLines(report), capture).toEqual(alarmLines(reportLines(goldenFile('tcpwin-alarm', capture, 'log.txt')!)));
      const flows = t.flows(prefix(capture));
      const golden = parseTable(goldenFile('tcpwin-alarm', capture, 'flows.txt')!);
      expect(flows.columns).toEqual(golden.columns);
      expect(comparable(flows), capture).toEqual(comparable(golden));
      expect(flows.rows).toHaveLength(1);
      for (const r of flows.rows) expect(BigInt(r.flowStat!) & FL_ALARM).toBe(FL_ALARM);
    }
    const report = reportLines((await t.step(`t2 -r ${data['tor.pcapng']} -w results/`)).stdout);
    // tor: 3 packets below the threshold, but only the flow with >= TCPWIN_MINPKTS packets raises alarms
    expect(report).toContain('tcpWin: 2 alarms in 1 flows below win threshold 1');
    expect(report).toContain('tcpWin: Number of TCP winsize packets below threshold 1: 3 [0.08%]');
  });

  it('t2conf tranalyzer2 -D ALARM_MODE=0 && t2build -R -r -f: every flow again, no alarm lines', async () => {
    await t.step('t2conf tranalyzer2 -D ALARM_MODE=0');
    await t.step('t2build -R -r -f');
    for (const capture of CAPTURES) {
      const run = await t.step(`t2 -r ${data[capture]} -w results/`);
      const report = reportLines(run.stdout);
      expect(report).toContain('[INF] Creating flows for L2, IPv4, IPv6');
      expect(report.join('\n')).not.toContain('[ALARM]');
      expect(report.join('\n')).not.toMatch(/alarms in/);
      expect(alarmLines(report), capture).toEqual(alarmLines(reportLines(goldenFile('tcpwin', capture, 'log.txt')!)));
      const flows = t.flows(prefix(capture));
      const golden = parseTable(goldenFile('tcpwin', capture, 'flows.txt')!);
      expect(comparable(flows), capture).toEqual(comparable(golden));
      for (const r of flows.rows) expect(BigInt(r.flowStat!) & FL_ALARM).toBe(0n);
    }
  });
});
