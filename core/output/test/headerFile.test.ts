import { describe, expect, it } from 'vitest';
import { goldenFile } from '../../../test/golden/corpus.ts';
import { headerTypeName, column, compound } from '../columns.ts';
import { formatColumnTable, formatHeaderPreamble, formatNameLine, hardwareInfo } from '../headerFile.ts';
import { columnsFromHeaders } from './textToRecord.ts';

const NORMALIZE: [RegExp, string][] = [
  [/^# Date: .*$/m, '# Date: <DATE>'],
  [/^# PID: .*$/m, '# PID: <PID>'],
  [/^# Command line: .*$/m, '# Command line: <CMDLINE>'],
  [/^# HW info: .*$/m, '# HW info: <HWINFO>'],
  [/^# SW info: .*$/m, '# SW info: <SWINFO>'],
];

const PLUGINS = ['basicFlow', 'basicStats', 'tcpFlags', 'tcpStates', 'txtSink', 'pcapd'].map((name) => ({ name, version: '0.9.3' }));

describe('_headers.txt', () => {
  it('matches the golden file of the default set (normalised)', () => {
    const golden = goldenFile('default', 'many-protocols.pcap', 'headers.txt')!;
    const columns = columnsFromHeaders(golden);
    let text = formatHeaderPreamble({
      date: { sec: 1795388526, usec: 741151 },
      coreConfig: 'L2, IPv4, IPv6',
      sensorId: 666,
      pid: 4242,
      priority: 0,
      commandLine: ['tranalyzer', '-r', 'x.pcap', '-w', 'out/', '-l'],
      hwInfo: hardwareInfo(),
      swInfo: 'libpcap version 1.10.3 (with TPACKET_V3)',
      plugins: PLUGINS,
    }) + formatColumnTable(columns);
    for (const [re, r] of NORMALIZE) text = text.replace(re, r);
    expect(text).toBe(golden);
  });

  it('prints the date line with the µs value as nine digits', () => {
    const text = formatHeaderPreamble({
      date: { sec: 1795388526, usec: 741151 }, coreConfig: 'L2, IPv4, IPv6 [ALARM]', sensorId: 7, pid: 1, priority: -5,
      commandLine: ['t2'], hwInfo: 'h;Linux;6;#1;x86_64', swInfo: 'libpcap', plugins: PLUGINS.slice(0, 1),
    });
    expect(text.split('\n')).toEqual([
      expect.stringMatching(/^# Date: 1795388526\.000741151 sec \(\w{3} \d\d \w{3} 2026 \d\d:\d\d:\d\d \S+\)$/),
      '# Tranalyzer 0.9.3 (Anteater), Cobra',
      '# Core configuration: L2, IPv4, IPv6 [ALARM]',
      '# SensorID: 7',
      '# PID: 1',
      '# Priority: -5',
      '# Command line: t2',
      '# HW info: h;Linux;6;#1;x86_64',
      '# SW info: libpcap',
      '#',
      '# Plugins loaded:',
      '#   01: basicFlow, version 0.9.3',
      '#',
      '',
    ]);
  });

  it('names nested and repeating types', () => {
    expect(headerTypeName(column('a', '', ['H8', 'H32']))).toBe('H8_H32');
    expect(headerTypeName(column('b', '', 'TS'))).toBe('U64.U32');
    expect(headerTypeName(column('c', '', 'DIR'))).toBe('C');
    expect(headerTypeName(column('d', '', 'MAC', true))).toBe('MAC:R');
    expect(headerTypeName(column('e', '', ['U8', compound(['U16', 'F'], true)], true))).toBe('U8_(U16_F:R):R');
  });

  it('writes the %-prefixed name line of the flow file', () => {
    const golden = goldenFile('tutorial', 'sll.pcap', 'flows.txt')!;
    const columns = columnsFromHeaders(goldenFile('tutorial', 'sll.pcap', 'headers.txt')!);
    expect(formatNameLine(columns)).toBe(golden.slice(0, golden.indexOf('\n') + 1));
  });
});
