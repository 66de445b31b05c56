import { beforeEach, describe, expect, it } from 'vitest';
import basicStats from '../index.ts';
import { FakeAnalyzer } from '../../basicFlow/test/harness/fakeAnalyzer.ts';
import { plainReport } from '../../basicFlow/test/harness/fakeCore.ts';
import { buildPacket, TCP, UDP, type PacketSpec } from '../../basicFlow/test/harness/packetBuilder.ts';
import { MonState } from '../../../core/plugin/api.ts';

let an: FakeAnalyzer;
const pkt = (spec: PacketSpec) => buildPacket(an.core, spec);
const STATS = [
  'pktsSnt', 'pktsRcvd', 'padBytesSnt', 'l7BytesSnt', 'l7BytesRcvd', 'minL7PktSz', 'maxL7PktSz', 'avgL7PktSz',
  'stdL7PktSz', 'minIAT', 'maxIAT', 'avgIAT', 'stdIAT', 'pktps', 'bytps', 'pktAsm', 'bytAsm',
];
const values = (rec: Record<string, string>) => STATS.map((k) => rec[k]).join(' ');

beforeEach(() => {
  an = new FakeAnalyzer([basicStats]);
});

describe('basicStats columns', () => {
  it('declares the default columns with T2 names and types', () => {
    expect(basicStats.columns.map((c) => `${c.name}:${c.types.join('')}`)).toEqual([
      'pktsSnt:U64', 'pktsRcvd:U64', 'padBytesSnt:I64', 'l7BytesSnt:U64', 'l7BytesRcvd:U64', 'minL7PktSz:U16',
      'maxL7PktSz:U16', 'avgL7PktSz:F', 'stdL7PktSz:F', 'minIAT:F', 'maxIAT:F', 'avgIAT:F', 'stdIAT:F',
      'pktps:F', 'bytps:F', 'pktAsm:F', 'bytAsm:F',
    ]);
  });

  it('reproduces the spec worked example (float running statistics)', () => {
    const a = { ip: 4 as const, proto: UDP, src: '10.0.0.1', dst: '10.0.0.2', sport: 40000, dport: 40001 };
    const b = { ip: 4 as const, proto: UDP, src: '10.0.0.2', dst: '10.0.0.1', sport: 40001, dport: 40000 };
    const at = (ns: number) => ({ sec: 1_600_000_000 + Math.floor(ns / 1e9), ns: ns % 1e9 });
    an.packet(pkt({ ...a, payload: 10, ...at(0) }));
    an.packet(pkt({ ...a, payload: 20, ...at(123_456_789) }));
    an.packet(pkt({ ...b, payload: 7, ...at(200_000_000) }));
    an.packet(pkt({ ...a, payload: 5, ...at(350_000_001) }));
    an.packet(pkt({ ...a, payload: 100, ...at(1_200_000_000) }));
    const i = an.packet(pkt({ ...a, payload: 1400, ...at(3_999_999_999) }));
    an.endPair(i);
    const [ra, rb] = an.records;
    expect(values(ra)).toBe('5 1 0 1535 7 5 1400 307 612.3139 0 2.8 0.8 1.168776 1.25 383.75 0.6666667 0.9909209');
    expect(values(rb)).toBe('1 5 0 7 1535 7 7 7 0 0 0 0 0 0 0 -0.6666667 -0.9909209');
  });

  it('wraps the IAT of a packet older than the previous one (uint32 seconds)', () => {
    an.packet(pkt({ ip: 4, proto: UDP, sport: 5000, dport: 6000, sec: 10, ns: 999_999_500 }));
    const i = an.packet(pkt({ ip: 4, proto: UDP, sport: 5000, dport: 6000, sec: 6, ns: 0 }));
    an.endPair(i);
    expect(an.records[0]).toMatchObject({ minIAT: '0', maxIAT: '4.294967e+09', avgIAT: '2.147484e+09', stdIAT: '3.037e+09', pktps: '4.656613e-10' });
  });

  it('gives a lone reply flow pktAsm -1 and bytAsm 1', () => {
    const i = an.packet(pkt({ ip: 4, proto: UDP, sport: 53, dport: 52327, payload: 60, sec: 1 }));
    expect(an.core.flows.isB(i)).toBe(true);
    an.endPair(i);
    expect(an.records[0]).toMatchObject({ pktsRcvd: '0', l7BytesRcvd: '0', pktAsm: '-1', bytAsm: '1' });
  });

  it('writes 0 for both asymmetries when neither direction had bytes, and sums padding', () => {
    an.packet(pkt({ ip: 4, proto: TCP, sport: 40000, dport: 443, flags: 0x02, pad: 6, sec: 1 }));
    const i = an.packet(pkt({ ip: 4, proto: TCP, sport: 40000, dport: 443, flags: 0x10, pad: 4, sec: 1, ns: 500_000_000 }));
    an.endPair(i);
    // IATs 0 and 0.5: running variance (0.5² − 0) / 2 = 0.125.
    expect(values(an.records[0])).toBe('2 0 10 0 0 0 0 0 0 0 0.5 0.25 0.3535534 4 0 1 0');
  });

  it('counts L2 flows with the length after the EtherType (802.1ad_QinQ.pcap)', () => {
    const arp = { vlans: [200, 2001], ethType: 0x0806, payload: 28, pad: 14 };
    an.run([
      pkt({ ...arp, srcMac: '00:20:d2:5a:fb:3f', dstMac: 'ff:ff:ff:ff:ff:ff', sec: 1575842394, ns: 599412000 }),
      pkt({ ...arp, srcMac: '00:80:ea:81:88:63', dstMac: '00:20:d2:5a:fb:3f', sec: 1575842394, ns: 599680000 }),
    ]);
    for (const r of an.records) expect(values(r)).toBe('1 0 14 42 0 42 42 42 0 0 0 0 0 0 0 1 1');
    basicStats.report?.(an.core.report);
    expect(plainReport(an.core)).toEqual([
      'basicStats: Flow max(pktload): 42',
      'basicStats: Flow max(b/s), pkts: 0, 0',
      'basicStats: Biggest L2 flow talker: 00:20:d2:5a:fb:3f: 1 [50.00%] packets',
      'basicStats: Biggest L2 flow talker: 00:20:d2:5a:fb:3f: 42 [32.81%] bytes',
    ]);
  });
});

describe('basicStats end report', () => {
  it('prints only the two max lines for a run without flows', () => {
    basicStats.report?.(an.core.report);
    expect(plainReport(an.core)).toEqual(['basicStats: Flow max(pktload): 0', 'basicStats: Flow max(b/s), pkts: 0, 0']);
  });

  it('keeps the first strictly greatest talkers and the fastest flow', () => {
    const flow = (src: string, sport: number, sizes: number[], sec: number) =>
      sizes.map((payload, k) => pkt({ ip: src.includes(':') ? 6 : 4, proto: UDP, src, dst: src.includes(':') ? '2001:db8::ff' : '10.9.9.9', sport, dport: 9999, payload, sec: sec + k }));
    an.run([
      ...flow('10.0.0.1', 2000, [1000, 1000, 1000], 0), // 3 packets, 3000 bytes over 2 s
      ...flow('2001:db8::7', 2001, [2000, 1], 10), // 2 packets, 2001 bytes over 1 s: fastest
      ...flow('10.0.0.3', 2002, [10, 10, 10], 20), // ties the first: not taken
    ]);
    expect(an.records.map((r) => r.bytps)).toEqual(['1500', '2001', '15']);
    basicStats.report?.(an.core.report);
    const s = an.core.stats;
    expect(s.numPackets).toBe(8);
    expect(plainReport(an.core)).toEqual([
      'basicStats: Flow max(pktload): 1000',
      'basicStats: Flow max(b/s), pkts: 16008 (16.01 Kb/s), 2',
      'basicStats: Biggest L3 flow talker: 10.0.0.1: 3 [37.50%] packets',
      `basicStats: Biggest L3 flow talker: 10.0.0.1: 3000 (3.00 K) [${(300000 / (s.numABytes + s.numBBytes)).toFixed(2)}%] bytes`,
    ]);
  });

  it('prints an empty byte talker when no flow carried payload (QUIRK)', () => {
    an.run([pkt({ ip: 4, proto: TCP, src: '10.1.1.1', sport: 40000, dport: 80, flags: 0x02, sec: 3 })]);
    basicStats.report?.(an.core.report);
    expect(plainReport(an.core).slice(2)).toEqual([
      'basicStats: Biggest L3 flow talker: 10.1.1.1: 1 [100.00%] packets',
      'basicStats: Biggest L3 flow talker: : 0 [0.00%] bytes',
    ]);
  });

  it('repeats the report lines in human monitoring reports only', () => {
    basicStats.monitoring?.(an.core.report, MonState.Header);
    basicStats.monitoring?.(an.core.report, MonState.Values);
    expect(an.core.reportText).toBe('');
    basicStats.monitoring?.(an.core.report, MonState.Report);
    expect(plainReport(an.core)).toHaveLength(2);
  });
});
