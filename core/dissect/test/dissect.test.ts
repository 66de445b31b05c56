import { beforeEach, describe, expect, it } from 'vitest';
import { StatHi, StatLo } from '../../flow/status.ts';
import { ReportWriter } from '../../report/reportWriter.ts';
import { Stats } from '../../stats.ts';
import { Dissector } from '../dissector.ts';
import { Packet } from '../packet.ts';
import { hdrDescText } from './corpusLib.ts';
import { type Bytes, eth, fill, ipv4, ipv6, load, MAC_A, tcp, u16, u32, udp, vlan } from './frames.ts';

let stats: Stats;
let out: string[];
let d: Dissector;
let p: Packet;

beforeEach(() => {
  stats = new Stats();
  out = [];
  d = new Dissector(stats, new ReportWriter((s) => out.push(s.replace(/\x1b\[[0-9;]*m/g, ''))));
  p = new Packet();
});

function run(frame: Bytes, linkType = 1, caplen?: number, rawLen?: number): Packet {
  load(p, frame, linkType, caplen ?? frame.length, rawLen ?? frame.length);
  d.dissect(p);
  stats.globalLo |= p.statusLo;
  stats.globalHi |= p.statusHi;
  return p;
}

const desc = (): string => hdrDescText(p);

describe('Ethernet / IPv4', () => {
  it('fills offsets, lengths and the flow key of a UDP packet', () => {
    run(eth(0x0800, ipv4({ proto: 17 }, udp(1234, 53, fill(30)))));
    expect(desc()).toBe('eth:ipv4:udp');
    expect(p.numHdrs).toBe(3);
    expect(p.ipVer).toBe(4);
    expect([p.srcPort, p.dstPort, p.l4Proto, p.ethType]).toEqual([1234, 53, 17, 0x0800]);
    expect([...p.srcIP.subarray(0, 4)]).toEqual([10, 0, 0, 1]);
    expect([...p.dstIP.subarray(0, 4)]).toEqual([10, 0, 0, 2]);
    expect([p.l2Off, p.macOff, p.l3Off, p.l4Off, p.l7Off].map((x) => x - p.start)).toEqual([0, 0, 14, 34, 42]);
    expect([p.l3Len, p.l3HdrLen, p.l4HdrLen, p.len, p.l7Len]).toEqual([58, 20, 8, 30, 30]);
    expect(p.statusLo).toBe(StatLo.L2_IPV4);
    expect(p.statusHi).toBe(StatHi.FS_IPV4_PKT);
    expect(p.padLen).toBe(0);
  });

  it('counts Ethernet padding of short frames and trims snapL2Len to the IP length', () => {
    run([...eth(0x0800, ipv4({ proto: 6 }, tcp(80, 1025, []))), ...fill(6, 0)]);
    expect(p.padLen).toBe(6);
    expect(p.snapL2Len).toBe(54);
    expect(p.snapL3Len).toBe(40);
  });

  it('warns once about a snapped L3 and flags the short L4 header', () => {
    const frame = eth(0x0800, ipv4({ proto: 6 }, tcp(80, 1025, fill(100))));
    run(frame, 1, 40);
    expect(p.statusHi & StatHi.L3SNAPLENGTH).toBeTruthy();
    expect(p.statusHi & StatHi.L4HDRSHRTLEN).toBeTruthy();
    expect(out).toEqual(['[WRN] snapL2Length: 40 - snapL3Length: 26 - IP length in header: 140\n']);
    run(frame, 1, 40);
    expect(out.length).toBe(1);
  });

  it('IHL < 5 makes no flow', () => {
    run(eth(0x0800, ipv4({ proto: 17, ihl: 4 }, udp(1, 2, []))));
    expect(p.ipVer).toBe(-1);
    expect(p.statusHi & StatHi.IPV4_HL_TOO_SHORT).toBeTruthy();
    expect(desc()).toBe('eth:ipv4');
  });

  it('non-first fragments stop dissection, keep ports 0 and name the protocol', () => {
    run(eth(0x0800, ipv4({ proto: 17, frag: 0x2000 | 185, id: 77 }, fill(40))));
    expect(desc()).toBe('eth:ipv4:udp');
    expect(p.statusHi & StatHi.STPDSCT).toBeTruthy();
    expect([p.srcPort, p.dstPort, p.ipId, p.fragOff, p.moreFrags, p.l4HdrLen, p.len]).toEqual([0, 0, 77, 185, true, 0, 40]);
  });

  it('IP length 0 is a payload mismatch and uses the frame length', () => {
    run(eth(0x0800, ipv4({ proto: 17, totalLen: 0 }, udp(1000, 2000, fill(100)))));
    expect(p.statusHi & StatHi.IP_PL_MSMTCH).toBeTruthy();
    expect(p.l3Len).toBe(128);
  });

  it('unknown protocols stop dissection; wrong version nibble on the EtherType is IPvX', () => {
    run(eth(0x0800, ipv4({ proto: 234 }, fill(20))));
    expect(desc()).toBe('eth:ipv4:UNK(234)');
    expect(p.statusHi & StatHi.STPDSCT).toBeTruthy();
    expect(p.len).toBe(12);
    run(eth(0x0800, [0x55, ...fill(40)]));
    expect(desc()).toBe('eth:ipvx');
    expect(p.ipVer).toBe(0);
    expect(p.statusLo & (StatLo.L3_IPVX | StatLo.L2_FLOW)).toBe(StatLo.L3_IPVX | StatLo.L2_FLOW);
    expect(stats.numVxPackets).toBe(1);
  });

  it('SSDP, IPsec NAT-T and DTLS records', () => {
    run(eth(0x0800, ipv4({ proto: 17 }, udp(50000, 1900, fill(10)))));
    expect(desc()).toBe('eth:ipv4:udp:ssdp');
    expect(p.statusLo & StatLo.L4_UPNP).toBeTruthy();
    run(eth(0x0800, ipv4({ proto: 17 }, udp(4500, 4500, [1, 2, 3, 4, ...fill(20)]))));
    expect(desc()).toBe('eth:ipv4:udp:udpencap:esp');
    const rec = (ver: number, body: Bytes): Bytes => [0x16, ...u16(ver), ...fill(8, 0), ...u16(body.length), ...body];
    run(eth(0x0800, ipv4({ proto: 17 }, udp(40000, 40001, [...rec(0xfefd, fill(5)), ...rec(0xfeff, fill(5)), ...rec(0xfefd, fill(5))]))));
    expect(desc()).toBe('eth:ipv4:udp:dtls1.2:dtls1.0:dtls1.2');
    expect(stats.numDTLSPackets).toBe(3);
    expect(p.statusHi & StatHi.L7_DTLS).toBeTruthy();
  });
});

describe('L2', () => {
  it('aggregates a VLAN stack, keeps the TCIs and flags priority tags', () => {
    run(eth(0x88a8, vlan(0xa076, 0x8100, vlan(0x000, 0x0806, fill(28)))));
    expect(desc()).toBe('eth:vlan{2}:arp');
    expect(p.numHdrs).toBe(4);
    expect([...p.vlans.subarray(0, p.vlanCount)]).toEqual([0xa076, 0x0000]);
    expect(p.vlanId).toBe(0);
    expect(p.statusHi & StatHi.FS_VLAN0).toBeTruthy();
    expect(p.statusLo).toBe(StatLo.L2_VLAN | StatLo.L2_ARP | StatLo.L2_FLOW);
    expect(p.ipVer).toBe(0);
    expect(p.ethType).toBe(0x0806);
  });

  it('802.3 LLC: SAP EtherType, L7 after the LLC header, padding from the length field', () => {
    run([...eth(38, [0x42, 0x42, 0x03, ...fill(35, 0)]), ...fill(8, 0)]);
    expect(desc()).toBe('eth:llc:stp');
    expect(p.ethType).toBe(0x4242);
    expect(p.l7Off - p.start).toBe(17);
    expect(p.len).toBe(43);
    expect(p.padLen).toBe(8);
    expect(stats.numLLCPackets).toBe(1);
    run(eth(20, [0x77, 0x77, 0x03, ...fill(17, 0)]));
    expect(desc()).toBe('eth:llc:UNK(0x77)');
    expect(p.statusHi & StatHi.STPDSCT).toBeTruthy();
  });

  it('SNAP PIDs are EtherTypes; unknown EtherTypes stop dissection', () => {
    run(eth(60, [0xaa, 0xaa, 0x03, 0, 0, 0x0c, ...u16(0x2000), ...fill(52)]));
    expect(desc()).toBe('eth:llc:cdp');
    expect(p.ethType).toBe(0x2000);
    run(eth(0x1234, fill(50)));
    expect(desc()).toBe('eth:UNK(0x1234)');
    expect(p.statusHi & StatHi.STPDSCT).toBeTruthy();
  });

  it('frames shorter than an Ethernet header make no flow and no description', () => {
    run(fill(10));
    expect(p.statusHi).toBe(StatHi.L2SNAPLENGTH);
    expect(p.numHdrs).toBe(0);
    expect(p.ipVer).toBe(-1);
  });

  it('MPLS pseudowire with control word: the inner Ethernet gives the MACs', () => {
    const inner = [...fill(6, 0xcc), ...fill(6, 0xdd), ...u16(0x8100), ...u16(5), ...u16(0x0800), ...ipv4({ proto: 1 }, fill(16))];
    run(eth(0x8847, [...u32(0x00010000), ...u32(0x00020100), ...u32(0), ...inner]));
    expect(desc()).toBe('eth:mpls{2}:pwethcw:eth:vlan:ipv4:icmp');
    expect(p.mplsCount).toBe(2);
    expect(p.buf[p.macOff]).toBe(0xcc);
    expect(p.statusLo & StatLo.L2_MPLS_UCAST).toBeTruthy();
  });

  it('PPPoE session: IPv4 inside; a compressed protocol is an L2 flow with swapped UNK', () => {
    const pppoe = (proto: Bytes, pl: Bytes): Bytes => [0x11, 0, 0, 1, ...u16(pl.length + 2), ...proto, ...pl];
    run(eth(0x8864, pppoe([0, 0x21], ipv4({ proto: 17 }, udp(1, 2, [])))));
    expect(desc()).toBe('eth:pppoes:ppp:ipv4:udp');
    expect(p.statusLo & StatLo.L2_PPPoE_S).toBeTruthy();
    run(eth(0x8864, pppoe([0x21, 0x45], fill(40))));
    expect(desc()).toBe('eth:pppoes:ppp:UNK(0x4521)');
    expect([p.ipVer, p.ethType]).toEqual([0, 0x8864]);
  });
});

describe('link types', () => {
  it('NULL: byte-swapped family, warning on unknown families', () => {
    run([2, 0, 0, 0, ...ipv4({ proto: 17 }, udp(1, 2, []))], 0);
    expect(desc()).toBe('null:ipv4:udp');
    expect(p.statusLo & StatLo.L2_NO_ETH).toBeTruthy();
    expect(p.macOff).toBe(-1);
    run([0, 0, 0, 30, ...ipv6(17, udp(1, 2, []))], 0);
    expect(desc()).toBe('null:ipv6:udp');
    run([0x0f, 0, 8, 0, ...fill(30)], 0);
    expect(out).toEqual(['[WRN] Null/Loopback header: unhandled family 251660288\n']);
    expect(p.ipVer).toBe(-1);
  });

  it('raw IP, DLT_IPV4 and an unknown raw version', () => {
    run(ipv4({ proto: 17 }, udp(1, 2, [])), 228);
    expect(desc()).toBe(':ipv4:udp');
    expect(p.numHdrs).toBe(2);
    run([0x50, ...fill(30)], 101);
    expect(out).toEqual(['[WRN] Unknown IP protocol 5 in raw pcap\n']);
    expect(p.ipVer).toBe(-1);
  });

  it('PPP serial: non-IP protocols make no flow at all', () => {
    run([0xff, 0x03, 0xc0, 0x21, ...fill(20)], 50);
    expect(desc()).toBe('ppp:lcp');
    expect(p.ipVer).toBe(-1);
    run([0xff, 0x03, 0x00, 0x21, ...ipv4({ proto: 6 }, tcp(1, 2, []))], 50);
    expect(desc()).toBe('ppp:ipv4:tcp');
    expect(p.statusLo & (StatLo.L2_PPP | StatLo.L2_NO_ETH)).toBe(StatLo.L2_PPP | StatLo.L2_NO_ETH);
  });

  it('Linux SLL: the MACs are the first 12 header bytes', () => {
    run([0, 0, 3, 4, 0, 6, ...MAC_A, 0, 0, ...u16(0x0800), ...ipv4({ proto: 17 }, udp(1, 2, []))], 113);
    expect(desc()).toBe('sll:ipv4:udp');
    expect(p.macOff).toBe(p.start);
  });

  it('802.11 management frames make no flow; data frames go through LLC/SNAP', () => {
    run([0x80, 0, ...fill(30)], 105);
    expect(desc()).toBe('wlan');
    expect(p.ipVer).toBe(-1);
    const data = [0x08, 0x01, ...fill(22, 0x11), 0xaa, 0xaa, 0x03, 0, 0, 0, ...u16(0x0800), ...ipv4({ proto: 6 }, tcp(1, 2, []))];
    run([0, 0, 8, 0, 0, 0, 0, 0, ...data], 127);
    expect(desc()).toBe('radiotap:wlan:llc:ipv4:tcp');
    expect(p.macOff - p.start).toBe(8);
  });
});

describe('tunnels', () => {
  it('GRE/PPP (PPTP) into an inner IPv4 in the same pass', () => {
    const gre = [0x30, 0x01, ...u16(0x880b), ...u16(30), ...u16(1), ...u32(5), 0xff, 0x03, 0x00, 0x21, ...ipv4({ proto: 1, src: [1, 1, 1, 1] }, fill(16))];
    run(eth(0x0800, ipv4({ proto: 47 }, gre)));
    expect(desc()).toBe('eth:ipv4:gre:ppp:ipv4:icmp');
    expect([...p.srcIP.subarray(0, 4)]).toEqual([1, 1, 1, 1]);
    expect(p.l4Proto).toBe(1);
    expect(p.statusLo & (StatLo.L2_GRE | StatLo.L2_PPP)).toBe(StatLo.L2_GRE | StatLo.L2_PPP);
  });

  it('hdrDesc overruns at 127 characters while the counter keeps counting', () => {
    let frame = ipv4({ proto: 17 }, udp(1, 2, []));
    for (let i = 0; i < 20; i++) frame = ipv4({ proto: 47 }, [0, 0, ...u16(0x0800), ...frame]);
    run(eth(0x0800, frame));
    expect(p.hdrDescLen).toBe(127);
    expect(desc().endsWith('...')).toBe(true);
    expect(p.statusHi & StatHi.HDOVRN).toBeTruthy();
    expect(p.numHdrs).toBe(1 + 1 + 40 + 1);
  });

  it('6in4 and IPv6 extension headers, fragments counted in the loop', () => {
    const frag = [17, 0, ...u16(0x0001), ...u32(0xdeadbeef)];
    run(eth(0x0800, ipv4({ proto: 41 }, ipv6(0, [44, 0, 0, 0, 0, 0, 0, 0, ...frag, ...udp(5353, 5353, fill(8))]))));
    expect(desc()).toBe('eth:ipv4:ipv6:ipv6.hopopts:ipv6.fraghdr:udp');
    expect(p.ipVer).toBe(6);
    expect(p.statusLo & StatLo.L3_IPIP).toBeTruthy();
    expect([p.ip6FragId >>> 0, p.fragOff, p.moreFrags]).toEqual([0xdeadbeef, 0, true]);
    expect([p.l3HdrLen, p.l4Proto, p.srcPort, p.len]).toEqual([56, 17, 5353, 8]);
    expect(stats.numFragV6Packets).toBe(1);
    run(eth(0x86dd, ipv6(44, [17, 0, ...u16(0x00a8), ...u32(1), ...fill(24)])));
    expect(desc()).toBe('eth:ipv6:ipv6.fraghdr');
    expect([p.l4Proto, p.srcPort, p.l4HdrLen, p.len]).toEqual([17, 0, 0, 24]);
  });

  it('GTP-U T-PDU decapsulates to the inner flow', () => {
    const gtp = [0x30, 0xff, ...u16(28), ...u32(1), ...ipv4({ proto: 1, src: [9, 9, 9, 9] }, fill(8))];
    run(eth(0x0800, ipv4({ proto: 17 }, udp(2152, 2152, gtp))));
    expect(desc()).toBe('eth:ipv4:udp:gtp:ipv4:icmp');
    expect(p.statusLo & StatLo.L3_GTP).toBeTruthy();
    expect(p.srcIP[0]).toBe(9);
  });

  it('VXLAN: inner IP makes the flow, inner ARP reverts to the outer UDP flow', () => {
    const vx = [8, 0, 0, 0, 0, 0, 100, 0];
    const inner = (type: number, pl: Bytes): Bytes => [...fill(6, 0xcc), ...fill(6, 0xdd), ...u16(type), ...pl];
    run(eth(0x0800, ipv4({ proto: 17 }, udp(40000, 4789, [...vx, ...inner(0x0800, ipv4({ proto: 1 }, fill(8)))]))));
    expect(desc()).toBe('eth:ipv4:udp:vxlan:eth:ipv4:icmp');
    expect(p.buf[p.macOff]).toBe(0xcc);
    run(eth(0x0800, ipv4({ proto: 17 }, udp(40000, 4789, [...vx, ...inner(0x0806, fill(28))]))));
    expect(desc()).toBe('eth:ipv4:udp:vxlan:eth:arp');
    expect([p.ipVer, p.srcPort, p.dstPort, p.l4Proto, p.ethType]).toEqual([4, 40000, 4789, 17, 0x0800]);
    expect(p.macOff).toBe(p.start);
    expect(p.statusHi & StatHi.STPDSCT).toBeTruthy();
  });

  it('Teredo carries IPv6 with no next header', () => {
    run(eth(0x0800, ipv4({ proto: 17 }, udp(3544, 50000, ipv6(59, [])))));
    expect(desc()).toBe('eth:ipv4:udp:teredo:ipv6');
    expect([p.ipVer, p.l4Proto, p.srcPort]).toEqual([6, 59, 0]);
    expect(p.statusLo & StatLo.L3_TRDO).toBeTruthy();
  });

  it('L2TP data over PPP', () => {
    const l2tp = [0x00, 0x02, ...u16(1), ...u16(2), 0xff, 0x03, 0x00, 0x21, ...ipv4({ proto: 6 }, tcp(1, 2, []))];
    run(eth(0x0800, ipv4({ proto: 17 }, udp(1701, 1701, l2tp))));
    expect(desc()).toBe('eth:ipv4:udp:l2tp:ppp:ipv4:tcp');
    expect(p.statusLo & (StatLo.L2_L2TP | StatLo.L2_PPP)).toBe(StatLo.L2_L2TP | StatLo.L2_PPP);
  });
});
