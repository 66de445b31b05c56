import { describe, expect, it } from 'vitest';
import { PluginHost } from '../../plugin/host.ts';
import { definePlugin, MonState } from '../../plugin/api.ts';
import { Stats } from '../../stats.ts';
import { Monitor } from '../monitoring.ts';

function monitor(stats: Stats) {
  let text = '';
  const counter = definePlugin({
    name: 'counter',
    number: 150,
    version: '0.9.3',
    monitoring(r, state) {
      if (state === MonState.Header) r.raw('myPkts\t');
      else if (state === MonState.Values) r.raw(`${stats.numPackets * 2}\t`);
      else r.plog('counter', `Packets seen twice: ${stats.numPackets * 2}`);
    },
  });
  const host = new PluginHost([counter], false, false);
  const m = new Monitor({ stats, host, sensorId: 7, capName: 'in.pcap', flowCapacity: 262144, startNs: process.hrtime.bigint() }, (t) => (text += t), 1.0);
  return { m, text: () => text };
}

function stats(): Stats {
  const s = new Stats();
  s.firstSec = 1000;
  s.firstNs = 0;
  s.lastSec = 1002;
  s.lastNs = 500_000_000;
  s.numPackets = 10;
  s.numAPackets = 6;
  s.numBPackets = 4;
  s.bytesProcessed = s.rawBytes = 1000;
  s.numV4Packets = 10;
  s.totalAFlows = 2;
  s.totalBFlows = 1;
  s.flowsInMemory = 3;
  s.numPacketsL3[6] = 10;
  s.numBytesL3[6] = 1000;
  s.globalLo = 0x4000;
  return s;
}

describe('monitoring (core.md §9)', () => {
  it('prints the machine header with the protocol and plugin columns', () => {
    const { m, text } = monitor(stats());
    m.writeHeader();
    const names = text().trimEnd().split('\t');
    expect(names[0]).toBe('%repType');
    expect(names.slice(24, 28)).toEqual(['0x0806Pkts', '0x0806Bytes', '0x8035Pkts', '0x8035Bytes']);
    expect(names.at(-1)).toBe('myPkts');
  });

  it('asks for a report when a packet crosses an interval of pcap time, not before', () => {
    const s = stats();
    const { m } = monitor(s);
    m.tickPcapTime(1000);
    expect(m.pending).toBe(false);
    m.tickPcapTime(1001);
    expect(m.pending).toBe(true);
    m.pending = false;
    m.tickPcapTime(1001);
    expect(m.pending).toBe(false);
    m.tickPcapTime(999);
    expect(m.pending).toBe(false);
  });

  it('prints a human USR1 report with the counters and the plugins report lines', () => {
    const s = stats();
    s.captureFileSize = 2000;
    const { m, text } = monitor(s);
    m.fileName = 'in.pcap';
    m.print();
    const t = text().replace(/\x1b\[[0-9;]*m/g, '');
    expect(t).toMatch(/^\n {36}@ {6}@\n/);
    expect(t).toContain('PCAP time: 1002.500000000 sec (Thu 01 Jan 1970 00:16:42 GMT)');
    expect(t).toContain('PCAP duration: 2.500000000 sec');
    expect(t).toContain('Total bytes to process: 2000 (2.00 K)');
    expect(t).toContain('Number of processed packets: 10\n');
    expect(t).toContain('counter: Packets seen twice: 20\n');
    expect(t).not.toContain('Number of pcap bytes');
    expect(t.endsWith('='.repeat(80) + '\n\n')).toBe(true);
  });
});
