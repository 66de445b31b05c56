import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePcap, readPcap, type PcapRecord } from '../sinks/pcapFile.ts';
import { goldenFile, goldenFileBytes, PCAP_DIR, reportLines, Tutorial } from './project.ts';

/**
 * "Plugin pcap extraction" (tutorials/002_…): tcpWin sets FL_ALARM without ALARM_MODE and
 * reports its alarms outside the ALARM_MODE guard (tcpWin13); pcapd writes the alarmed flow's
 * packets into `_pcapd.pcap`, with PD_OPP=1 also the opposite flow's. faf-exercise.pcap is not
 * available: http-mime-truncated.pcap (one TCP connection, 10 zero-window packets from the client)
 * stands in; its extraction is checked against golden/tcpwin-alarm (FL_ALARM is set the same way
 * there) and against the capture itself.
 */

const CAPTURE = 'http-mime-truncated.pcap';
const PREFIX = 'http-mime-truncated';
const FL_ALARM = 0x0002000000000000n;

/** IPv4/TCP endpoints and window of an Ethernet frame (the capture is plain Ethernet/IPv4/TCP). */
function tcp(frame: Buffer): { src: string; dst: string; window: number } {
  expect(frame.readUInt16BE(12)).toBe(0x0800);
  const ip = 14;
  expect(frame[ip + 9]).toBe(6);
  const l4 = ip + (frame[ip]! & 0x0f) * 4;
  const addr = (o: number): string => [...frame.subarray(o, o + 4)].join('.');
  return {
    src: `${addr(ip + 12)}:${frame.readUInt16BE(l4)}`,
    dst: `${addr(ip + 16)}:${frame.readUInt16BE(l4 + 2)}`,
    window: frame.readUInt16BE(l4 + 14),
  };
}

const same = (r: PcapRecord): string => `${r.sec}.${r.ns} ${r.len} ${r.data.toString('hex')}`;

describe('tutorial: plugin pcap extraction (tcpWin + pcapd)', { timeout: 60_000 }, () => {
  const t = new Tutorial();
  let capture = '';
  let input: PcapRecord[] = [];

  beforeAll(() => {
    capture = t.data(CAPTURE, PCAP_DIR);
    input = readPcap(join(PCAP_DIR, CAPTURE)).records;
  });

  afterAll(() => t.remove());

  it('getting started: reset, empty the plugin folder, build the core and basicFlow basicStats tcpStates pcapd txtSink', async () => {
    await t.step('t2conf -a --reset');
    await t.step('t2build -e -y');
    const build = await t.step('t2build -r -f tranalyzer2 basicFlow basicStats tcpStates pcapd txtSink');
    expect(build.stdout).toContain('BUILDING SUCCESSFUL');
  });

  it('tcpWin13: FL_ALARM without ALARM_MODE → _pcapd.pcap holds the alarmed flow from its first zero-window packet on', async () => {
    t.putFinalSources('tcpWin');
    // "we remove the #if ALARM_MODE == 1 and #endif" around T2_SET_STATUS in t2OnLayer4
    t.edit('tcpWin', 'index.ts', /if \(ALARM_MODE\) (core\.setFlowStatus\(i, 0, StatHi\.FL_ALARM\);)/, '$1');
    // "move the T2_REPORT_ALARMS() line ... outside the #if ALARM_MODE == 1 and #endif"
    t.edit('tcpWin', 'index.ts', /if \(ALARM_MODE\) \{(\s*)(core\.reportAlarms\(winThCnt\[i\]!\);)/, '$2\n    if (ALARM_MODE) {$1');
    await t.step('t2build tcpWin');
    const run = await t.step(`t2 -r ${capture} -w results/`);
    const report = reportLines(run.stdout);

    expect(report).toContain('[INF] Creating flows for L2, IPv4, IPv6');
    expect(report.filter((l) => /^ {4}\d\d: /.test(l))).toEqual([
      '    01: basicFlow, 0.9.3',
      '    02: basicStats, 0.9.3',
      '    03: tcpStates, 0.9.3',
      '    04: tcpWin, 0.9.3',
      '    05: txtSink, 0.9.3',
      '    06: pcapd, 0.9.3',
    ]);
    // The golden is an ALARM_MODE=1 run: the same lines except tcpWin's ALARM_MODE-only one.
    const golden = reportLines(goldenFile('tcpwin-alarm', CAPTURE, 'log.txt')!);
    const interesting = /^(tcpWin: |pcapd: |\[WRN\] \d+ alarms|\[INF\] IPAlarm$|Aggregated flowStat=)/;
    expect(report.filter((l) => interesting.test(l))).toEqual(
      golden.filter((l) => interesting.test(l) && !/^tcpWin: \d+ alarms in/.test(l)),
    );
    // "The plugin report states that N packets were extracted" / "Note the [WRN] which reports the number of alarms"
    expect(report).toContain('pcapd: number of packets extracted: 795 [29.49%]');
    expect(report).toContain('[WRN] 10 alarms in 1 flows [50.00%]');
    expect(report).toContain('Aggregated flowStat=0x0402000000004000');

    // ls ~/results
    expect(t.resultFiles()).toEqual([`${PREFIX}_flows.txt`, `${PREFIX}_headers.txt`, `${PREFIX}_pcapd.pcap`]);

    // tawk 'bitsanyset($flowStat, 0x0002000000000000)': only one flow (all flows are written: no ALARM_MODE)
    const flows = t.flows(PREFIX);
    expect(flows.rows).toHaveLength(2);
    const alarmed = flows.rows.filter((r) => (BigInt(r.flowStat!) & FL_ALARM) !== 0n);
    expect(alarmed.map((r) => [r.dir, r.flowInd, r.tcpWinStat, r.tcpWinThCnt])).toEqual([['A', '1', '0x01', '10']]);

    // The extracted packets: T2's file byte for byte ...
    const pcapd = t.resultBytes(`${PREFIX}_pcapd.pcap`);
    expect(pcapd.equals(goldenFileBytes('tcpwin-alarm', CAPTURE, 'pcapd.pcap')!)).toBe(true);
    // ... which is every packet of the alarmed direction from its first zero-window packet on.
    const a = alarmed[0]!;
    const from = `${a.srcIP}:${a.srcPort}`;
    const first = input.findIndex((r) => tcp(r.data).src === from && tcp(r.data).window === 0);
    expect(first).toBeGreaterThan(0);
    const expected = input.slice(first).filter((r) => tcp(r.data).src === from);
    const written = parsePcap(pcapd).records;
    expect(written).toHaveLength(795);
    expect(written.map(same)).toEqual(expected.map(same));
  });

  it('t2conf -G PD_OPP pcapd; PD_OPP=1 (the homework) → the opposite flow is extracted too', async () => {
    expect((await t.step('t2conf -G PD_OPP pcapd')).stdout).toBe('PD_OPP = 0\n');
    await t.step('t2conf pcapd -D PD_OPP=1');
    await t.step('t2build pcapd');
    const run = await t.step(`t2 -r ${capture} -w results/`);
    const written = parsePcap(t.resultBytes(`${PREFIX}_pcapd.pcap`)).records;
    const flows = t.flows(PREFIX);
    const a = flows.rows.find((r) => (BigInt(r.flowStat!) & FL_ALARM) !== 0n)!;
    const from = `${a.srcIP}:${a.srcPort}`;
    // From the first alarmed packet on, both directions of the connection (its only one).
    const first = input.findIndex((r) => tcp(r.data).src === from && tcp(r.data).window === 0);
    const expected = input.slice(first);
    expect(new Set(expected.map((r) => tcp(r.data).src)).size).toBe(2);
    expect(written.map(same)).toEqual(expected.map(same));
    const percent = ((100 * expected.length) / input.length).toFixed(2);
    const line = reportLines(run.stdout).find((l) => l.startsWith('pcapd: number of packets extracted: '));
    expect(line).toMatch(new RegExp(`^pcapd: number of packets extracted: ${expected.length}( \\([\\d.]+ K\\))? \\[${percent}%\\]$`));
  });
});
