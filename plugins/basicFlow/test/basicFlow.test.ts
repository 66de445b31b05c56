import { beforeEach, describe, expect, it } from 'vitest';
import basicFlow from '../index.ts';
import { FakeAnalyzer } from './harness/fakeAnalyzer.ts';
import { ACK, buildPacket, ICMP, SYN, TCP, UDP, type PacketSpec } from './harness/packetBuilder.ts';

let an: FakeAnalyzer;
const pkt = (spec: PacketSpec) => buildPacket(an.core, spec);

beforeEach(() => {
  an = new FakeAnalyzer([basicFlow]);
});

describe('basicFlow columns', () => {
  it('declares the 20 default columns with T2 names and types', () => {
    expect(basicFlow.columns.map((c) => `${c.name}:${c.types.join('_')}${c.repeat ? ':R' : ''}`)).toEqual([
      'flowStat:H64', 'timeFirst:TS', 'timeLast:TS', 'duration:DUR', 'numHdrDesc:U8', 'numHdrs:U16:R',
      'hdrDesc:SC:R', 'srcMac:MAC:R', 'dstMac:MAC:R', 'ethType:H16', 'vlanID:U16:R', 'srcIP:IPX',
      'srcIPCC:SC', 'srcIPOrg:S', 'srcPort:U16', 'dstIP:IPX', 'dstIPCC:SC', 'dstIPOrg:S', 'dstPort:U16',
      'l4Proto:U8',
    ]);
  });

  it('writes every value of a TCP pair (A then B)', () => {
    const c = { srcMac: 'aa:bb:cc:00:00:01', dstMac: 'aa:bb:cc:00:00:02', src: '192.168.1.10', dst: '10.1.2.3', sport: 40000, dport: 80 };
    const s = { srcMac: c.dstMac, dstMac: c.srcMac, src: c.dst, dst: c.src, sport: 80, dport: 40000 };
    an.packet(pkt({ ip: 4, proto: TCP, ...c, flags: SYN, sec: 1000, ns: 100 }));
    an.packet(pkt({ ip: 4, proto: TCP, ...s, flags: SYN | ACK, sec: 1000, ns: 200_000 }));
    const a = an.packet(pkt({ ip: 4, proto: TCP, ...c, flags: ACK, sec: 1001, ns: 50 }));
    an.endPair(a);
    const [ra, rb] = an.records;
    expect(ra).toEqual({
      dir: 'A', flowInd: '1', flowStat: '0x0400000000004000',
      timeFirst: '1000.000000100', timeLast: '1001.000000050', duration: '0.999999950',
      numHdrDesc: '1', numHdrs: '3', hdrDesc: 'eth:ipv4:tcp',
      srcMac: 'aa:bb:cc:00:00:01', dstMac: 'aa:bb:cc:00:00:02', ethType: '0x0800', vlanID: '',
      srcIP: '192.168.1.10', srcIPCC: '-', srcIPOrg: '"-"', srcPort: '40000',
      dstIP: '10.1.2.3', dstIPCC: '-', dstIPOrg: '"-"', dstPort: '80', l4Proto: '6',
    });
    expect(rb).toMatchObject({
      dir: 'B', flowInd: '1', flowStat: '0x0400000000004001',
      timeFirst: '1000.000200000', timeLast: '1000.000200000', duration: '0.000000000',
      srcMac: 'aa:bb:cc:00:00:02', dstMac: 'aa:bb:cc:00:00:01',
      srcIP: '10.1.2.3', srcPort: '80', dstIP: '192.168.1.10', dstPort: '40000', l4Proto: '6',
    });
  });

  it('prints a negative duration with uint32 seconds', () => {
    an.packet(pkt({ ip: 4, proto: UDP, sport: 5000, dport: 6000, sec: 10, ns: 999_999_500 }));
    const i = an.packet(pkt({ ip: 4, proto: UDP, sport: 5000, dport: 6000, sec: 6, ns: 0 }));
    an.endPair(i);
    expect(an.records[0]).toMatchObject({ timeFirst: '10.999999500', timeLast: '6.000000000', duration: '4294967291.000000500' });
  });

  it('keeps 4 distinct header descriptions, then sets HDOVRN on the flow only (GrePackets.cap A 4)', () => {
    const gre = { ip: 4 as const, proto: 47, src: '20.0.0.2', dst: '20.0.0.1', sec: 1 };
    an.packet(pkt({ ...gre, hdrDesc: 'eth:ipv4:gre:ppp:lcp', numHdrs: 5 }));
    an.packet(pkt({ ...gre, hdrDesc: 'eth:ipv4:gre:ppp:pap', numHdrs: 5 }));
    an.packet(pkt({ ...gre, hdrDesc: 'eth:ipv4:gre:ppp:lcp', numHdrs: 5 }));
    an.packet(pkt({ ...gre, hdrDesc: 'eth:ipv4:gre:ppp:ipcp', numHdrs: 5 }));
    const i = an.packet(pkt({ ...gre, hdrDesc: 'eth:ipv4:gre:ppp', numHdrs: 4 }));
    expect(an.core.flows.statusHi[i] & 0x00010000).toBe(0);
    an.packet(pkt({ ...gre, hdrDesc: 'eth:ipv4:gre:ppp:ipv4:icmp', numHdrs: 6 }));
    // Matches a stored description, but the list is full: its count is not updated any more.
    an.packet(pkt({ ...gre, hdrDesc: 'eth:ipv4:gre:ppp:lcp', numHdrs: 9 }));
    an.endPair(i);
    expect(an.records[0]).toMatchObject({
      flowStat: '0x0401000000004000',
      numHdrDesc: '4',
      numHdrs: '5;5;5;4',
      hdrDesc: 'eth:ipv4:gre:ppp:lcp;eth:ipv4:gre:ppp:pap;eth:ipv4:gre:ppp:ipcp;eth:ipv4:gre:ppp',
    });
    expect(an.core.stats.globalHi & 0x00010000).toBe(0);
  });

  it('updates the header count of a stored description with the latest packet', () => {
    an.packet(pkt({ ip: 4, proto: UDP, sport: 1, dport: 2, sec: 1, hdrDesc: 'eth:ipv4:udp', numHdrs: 3 }));
    an.packet(pkt({ ip: 4, proto: UDP, sport: 1, dport: 2, sec: 2, hdrDesc: 'eth:ipv6:udp', numHdrs: 3 }));
    const i = an.packet(pkt({ ip: 4, proto: UDP, sport: 1, dport: 2, sec: 3, hdrDesc: 'eth:ipv4:udp', numHdrs: 7 }));
    an.endPair(i);
    expect(an.records[0]).toMatchObject({ numHdrDesc: '2', numHdrs: '7;3', hdrDesc: 'eth:ipv4:udp;eth:ipv6:udp' });
  });

  it('collects up to 3 distinct MACs per side in order of appearance', () => {
    const base = { ip: 4 as const, proto: ICMP, src: '1.1.1.1', dst: '2.2.2.2', sec: 5 };
    const macs = ['00:00:00:00:00:0a', '00:00:00:00:00:0b', '00:00:00:00:00:0a', '00:00:00:00:00:0c', '00:00:00:00:00:0d'];
    let i = 0;
    for (const m of macs) i = an.packet(pkt({ ...base, srcMac: m, dstMac: 'ff:ff:ff:ff:ff:ff' }));
    an.endPair(i);
    expect(an.records[0]).toMatchObject({
      srcMac: '00:00:00:00:00:0a;00:00:00:00:00:0b;00:00:00:00:00:0c',
      dstMac: 'ff:ff:ff:ff:ff:ff',
      srcPort: '0', dstPort: '0', l4Proto: '1',
    });
  });

  it('writes empty MAC lists for links without Ethernet (L2_NO_ETH)', () => {
    const i = an.packet(pkt({ link: 'raw', ip: 4, proto: UDP, sport: 1234, dport: 53, sec: 7, hdrDesc: ':ipv4:udp', numHdrs: 2 }));
    an.endPair(i);
    expect(an.records[0]).toMatchObject({ flowStat: '0x0400000000004002', numHdrs: '2', hdrDesc: ':ipv4:udp', srcMac: '', dstMac: '', ethType: '0x0800' });
  });

  it('writes an L2 flow like 802.1ad_QinQ.pcap flow 1', () => {
    const i = an.packet(pkt({
      srcMac: '00:20:d2:5a:fb:3f', dstMac: 'ff:ff:ff:ff:ff:ff', vlans: [200, 2001], ethType: 0x0806, payload: 28, pad: 14,
      sec: 1575842394, ns: 599412000,
    }));
    an.endPair(i);
    expect(Object.values(an.records[0]).join('\t')).toBe(
      'A\t1\t0x0000000000000144\t1575842394.599412000\t1575842394.599412000\t0.000000000\t1\t4\teth:vlan{2}:arp\t' +
        '00:20:d2:5a:fb:3f\tff:ff:ff:ff:ff:ff\t0x0806\t200;2001\t-\t-\t"-"\t0\t-\t-\t"-"\t0\t0',
    );
  });

  it('takes vlanID from the first packet only, full TCI, at most 3 tags', () => {
    const u = { ip: 4 as const, proto: UDP, sport: 5000, dport: 6000, sec: 1 };
    const untagged = an.packet(pkt({ ...u }));
    // A priority tag (VID 0) keeps the flow key, so this packet joins the untagged flow.
    expect(an.packet(pkt({ ...u, vlans: [0x6000] }))).toBe(untagged);
    an.endPair(untagged);
    const pcp = an.packet(pkt({ ...u, sport: 5001, vlans: [0xa076] }));
    an.endPair(pcp);
    const deep = an.packet(pkt({ ...u, sport: 5002, vlans: [0xc000, 7, 8, 9] }));
    an.endPair(deep);
    expect(an.records.map((r) => r.vlanID)).toEqual(['', '41078', '49152;7;8']);
    expect(an.records[0].flowStat).toBe('0x0400000000004100');
  });

  it('prints IPv6 addresses and the IPv6 EtherType', () => {
    const i = an.packet(pkt({ ip: 6, proto: UDP, src: 'fe80::21f:f3ff:fecd:f617', dst: 'ff02::fb', sport: 5353, dport: 5353, sec: 2 }));
    an.endPair(i);
    expect(an.records[0]).toMatchObject({
      flowStat: '0x0800000000008000', hdrDesc: 'eth:ipv6:udp', ethType: '0x86dd',
      srcIP: 'fe80::21f:f3ff:fecd:f617', dstIP: 'ff02::fb', srcPort: '5353', dstPort: '5353', l4Proto: '17',
    });
  });

  it('starts a reused flow slot from a clean state', () => {
    const first = an.packet(pkt({ ip: 4, proto: UDP, sport: 1, dport: 2, sec: 1, vlans: [10], srcMac: '00:00:00:00:00:aa', hdrDesc: 'x:a', numHdrs: 1 }));
    an.endPair(first);
    const second = an.packet(pkt({ ip: 4, proto: UDP, sport: 9, dport: 8, sec: 2, srcMac: '00:00:00:00:00:bb', hdrDesc: 'x:b', numHdrs: 2 }));
    expect(second).toBe(first);
    an.endPair(second);
    expect(an.records[1]).toMatchObject({ numHdrDesc: '1', numHdrs: '2', hdrDesc: 'x:b', srcMac: '00:00:00:00:00:bb', vlanID: '' });
  });
});
