import { describe, expect, it } from 'vitest';
import { Stats } from '../../stats.ts';
import { writeActivePlugins, writeBanner, writeDateLine, writeDumpEnd, writeDumpStart, writeSnapshotLength } from '../startup.ts';
import { collectingWriter } from './logToStats.ts';

describe('start-up lines (core.md §1.5)', () => {
  it('prints the banner, plugin list, snapshot length and Dump start like the golden logs', () => {
    const { writer, lines } = collectingWriter();
    writeBanner(writer, { pid: 28093, priority: 0, sensorId: 666 });
    writeActivePlugins(writer, ['basicFlow', 'basicStats', 'tcpStates', 'txtSink'].map((name) => ({ name, version: '0.9.3' })));
    writeSnapshotLength(writer, 262144);
    writeDumpStart(writer, 1537044271, 794779000);
    expect(lines()).toEqual([
      '='.repeat(80),
      'Tranalyzer 0.9.3 (Anteater), Cobra. PID: 28093, Prio: 0, SID: 666',
      '='.repeat(80),
      'Active plugins:',
      '    01: basicFlow, 0.9.3',
      '    02: basicStats, 0.9.3',
      '    03: tcpStates, 0.9.3',
      '    04: txtSink, 0.9.3',
      'Snapshot length: 262144 (262.14 K)',
      'Dump start: 1537044271.794779000 sec (Sat 15 Sep 2018 20:44:31 GMT)',
    ]);
  });

  it('adds the CPU to the banner when pinned', () => {
    const { writer, lines } = collectingWriter();
    writeBanner(writer, { pid: 1, priority: -2, sensorId: 7, cpu: 3 });
    expect(lines()[1]).toBe('Tranalyzer 0.9.3 (Anteater), Cobra. PID: 1, Prio: -2, SID: 7, CPU: 3');
  });

  it('prints the wall-clock Date line with µs as nine digits', () => {
    const { writer, lines } = collectingWriter();
    writeDateLine(writer, { sec: 1795386271, usec: 411349 });
    expect(lines()[0]).toMatch(/^Date: 1795386271\.000411349 sec \(\w{3} \d\d \w{3} 2026 \d\d:\d\d:\d\d \S+\)$/);
  });

  it('prints Dump stop, Total dump duration and the elapsed time (4in4tunnel.pcap)', () => {
    const s = new Stats();
    Object.assign(s, { firstSec: 1537044271, firstNs: 794779000, lastSec: 1537165843, lastNs: 864842000 });
    const { writer, lines } = collectingWriter();
    writeDumpEnd(writer, s, { sec: 75, ns: 157145 });
    expect(lines()).toEqual([
      'Dump stop : 1537165843.864842000 sec (Mon 17 Sep 2018 06:30:43 GMT)',
      'Total dump duration: 121572.070063000 sec (1d 9h 46m 12s)',
      'Finished processing. Elapsed time: 75.000157145 sec (1m 15s)',
    ]);
  });
});
