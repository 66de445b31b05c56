import { describe, expect, it } from 'vitest';
import { Stats } from '../../stats.ts';
import { percentCompleted, writeEndReport, type EndReportInput } from '../endReport.ts';
import { collectingWriter } from './logToStats.ts';

function report(stats: Stats, plugins: string[] = []): string[] {
  const { writer, lines } = collectingWriter();
  const input: EndReportInput = {
    stats,
    unloadTime: { sec: 0, ns: 387296 },
    flowCapacity: 262144,
    pluginReports: (r) => plugins.forEach((p) => r.plog(p.split(': ')[0], p.slice(p.indexOf(': ') + 2))),
    memory: { maxRssBytes: 1.2e7, totalRamBytes: 2.4e10 },
  };
  writeEndReport(writer, input);
  return lines();
}

describe('end report', () => {
  it('VlanPackets.pcap (core.md §8.5), counters set by hand', () => {
    const s = new Stats();
    Object.assign(s, {
      numFiles: 1, captureFileSize: 5126, numPackets: 26, bytesProcessed: 4686, rawBytes: 4686, bytesOnWire: 2438,
      numL2Packets: 6, numV4Packets: 20, numAPackets: 16, numBPackets: 10, numABytes: 3466, numBBytes: 1220,
      minHdrs: 3, maxHdrs: 5, sumHdrs: 122, maxVlans: 2, numLLCPackets: 6,
      firstSec: 1277840495, firstNs: 135052000, lastSec: 1277840530, lastNs: 538713000,
      totalAFlows: 8, totalBFlows: 2, totalL2Flows: 6, totalIPv4Flows: 4, maxFlowsInMemory: 10,
      globalHi: 0x04000000, globalLo: 0x00004104,
    });
    s.numPacketsL3[1] = 20;
    expect(report(s, ['tcpFlags: Aggregated tcpFStat=0x0001'])).toEqual([
      'Finished unloading flow memory. Time: 0.000387296 sec',
      'Percentage completed: 100.00%',
      'Number of processed packets: 26',
      'Number of processed bytes: 4686 (4.69 K)',
      'Number of raw bytes: 4686 (4.69 K)',
      'Number of pcap bytes: 5126 (5.13 K)',
      'Number of L2 packets: 6 [23.08%]',
      'Number of IPv4 packets: 20 [76.92%]',
      'Number of A packets: 16 [61.54%]',
      'Number of B packets: 10 [38.46%]',
      'Number of A bytes: 3466 (3.47 K) [73.97%]',
      'Number of B bytes: 1220 (1.22 K) [26.03%]',
      '<A packet load>: 216.62',
      '<B packet load>: 122.00',
      '-'.repeat(80),
      'tcpFlags: Aggregated tcpFStat=0x0001',
      '-'.repeat(80),
      'Headers count: min: 3, max: 5, avg: 4.69',
      'Max VLAN header count: 2',
      'Number of LLC packets: 6 [23.08%]',
      'Number of ICMP packets: 20 [76.92%]',
      '~'.repeat(80),
      'Number of processed      flows: 10',
      'Number of processed L2   flows: 6 [60.00%]',
      'Number of processed IPv4 flows: 4 [40.00%]',
      'Number of processed A    flows: 8 [80.00%]',
      'Number of processed B    flows: 2 [20.00%]',
      'Number of request        flows: 8 [80.00%]',
      'Number of reply          flows: 2 [20.00%]',
      'Total   A/B    flow asymmetry: 0.60',
      'Total req/rply flow asymmetry: 0.60',
      'Number of processed A+B packets/A+B flows: 2.60',
      'Number of processed A   packets/A   flows: 2.00',
      'Number of processed   B packets/  B flows: 5.00',
      'Number of processed total packets/s: 0.73',
      'Number of processed A+B   packets/s: 0.73',
      'Number of processed A     packets/s: 0.45',
      'Number of processed   B   packets/s: 0.28',
      '~'.repeat(80),
      '<Number of processed flows/s>: 0.28',
      '<Bandwidth>: 551 b/s',
      '<Raw bandwidth>: 1059 b/s (1.06 Kb/s)',
      'Max number of flows in memory: 10 [0.00%]',
      'Memory usage: 0.01 GB [0.05%]',
      'Aggregated flowStat=0x0400000000004104',
      '[INF] Layer 2 flows',
      '[INF] IPv4 flows',
      '[INF] VLAN encapsulation',
    ]);
  });

  it('empty.pcap: no packets, no flows, no rates', () => {
    const s = new Stats();
    s.numFiles = 1;
    s.captureFileSize = 24;
    expect(report(s, ['basicStats: Flow max(pktload): 0'])).toEqual([
      'Finished unloading flow memory. Time: 0.000387296 sec',
      'Percentage completed: 100.00%',
      'Number of pcap bytes: 24',
      '<A packet load>: 0.00',
      '<B packet load>: 0.00',
      '-'.repeat(80),
      'basicStats: Flow max(pktload): 0',
      '-'.repeat(80),
      'Headers count: min: 65535, max: 0, avg: 0.00',
      '~'.repeat(80),
      '~'.repeat(80),
      'Memory usage: 0.01 GB [0.05%]',
      'Aggregated flowStat=0x0000000000000000',
    ]);
  });

  it('leaves out Percentage completed when the input size is unknown (-r -)', () => {
    const lines = report(new Stats());
    expect(lines.slice(0, 2)).toEqual(['Finished unloading flow memory. Time: 0.000387296 sec', '<A packet load>: 0.00']);
  });

  it('prints alarms, force-mode removals, autopilot and snapped bandwidth when present', () => {
    const s = new Stats();
    Object.assign(s, {
      numPackets: 10, bytesProcessed: 800, rawBytes: 1000, bytesOnWire: 700, numAPackets: 10, numABytes: 800,
      firstSec: 0, lastSec: 2, totalAFlows: 3, totalRmFlows: 1, totalForcedFlows: 2, numAlarms: 1500, numAlarmFlows: 1,
      globalHi: 0x00020002, globalLo: 0,
    });
    const lines = report(s);
    expect(lines.slice(lines.indexOf('<Number of processed flows/s>: 1.50'))).toEqual([
      '<Number of processed flows/s>: 1.50',
      '<Bandwidth>: 2800 b/s (2.80 Kb/s)',
      '<Snapped bandwidth>: 3200 b/s (3.20 Kb/s)',
      '<Raw bandwidth>: 4000 b/s (4.00 Kb/s)',
      'Number of flows terminated by autopilot: 1 [33.33%]',
      'Memory usage: 0.01 GB [0.05%]',
      'Aggregated flowStat=0x0002000200000000',
      '[WRN] 1500 (1.50 K) alarms in 1 flows [33.33%]',
      '[WRN] Number of flows terminated by force mode: 2 [66.67%]',
      '[WRN] L3 SnapLength < Length in IP header',
      '[INF] IPAlarm',
    ]);
  });

  it('computes Percentage completed in float like T2 (pcapng files stay below 100%)', () => {
    const s = new Stats();
    Object.assign(s, { numFiles: 1, numPackets: 3859, bytesProcessed: 1000000, captureFileSize: 1100000 });
    const expected = Math.fround(100 * Math.fround(24 + 1000000 + 16 * 3859)) / 1100000;
    expect(percentCompleted(s)).toBe(expected);
  });
});
