import { describe, expect, it } from 'vitest';
import { StatHi } from '../../basicFlow/test/harness/fakeCore.ts';
import { ACK, Session } from './session.ts';

const UDP = 17;
const ICMP = 1;
const udp = { proto: UDP, sport: 5000, dport: 53 };

describe('tcpFlags IP header columns', () => {
  it('tracks min/max TTL and counts TTL changes', () => {
    const s = new Session();
    for (const ttl of [64, 64, 60, 70, 70, 64]) s.a({ sec: 1, ns: ttl, ttl, ...udp });
    expect(s.records()[0]).toMatchObject({ ipMinTTL: '60', ipMaxTTL: '70', ipTTLChg: '3' });
  });

  it('ORs the ToS bytes and the IPv6 traffic class', () => {
    const s = new Session();
    s.a({ sec: 1, tos: 0x10, ...udp });
    s.a({ sec: 2, tos: 0x03, ...udp });
    s.a({ sec: 3, v6: true, tos: 0xb8, ...udp });
    const [v4, v6] = s.records();
    expect(v4.ipToS).toBe('0x13');
    expect(v6.ipToS).toBe('0xb8');
    expect(s.report()).toContain('tcpFlags: Aggregated ipToS=0xbb');
  });

  it('stores a negative IP ID delta modulo 65536 as the minimum and flags the decrease (0x0004)', () => {
    const s = new Session();
    s.a({ sec: 1, id: 40000, ...udp });
    s.a({ sec: 2, id: 40010, ...udp });
    s.a({ sec: 3, id: 2556, ...udp });
    // 2556 − 40010 = −37454 → 28082
    expect(s.records()[0]).toMatchObject({ ipMindIPID: '28082', ipMaxdIPID: '10', ipFlags: '0x0004' });
  });

  it('keeps ipMindIPID 65535 for IPv6 flows', () => {
    const s = new Session();
    s.a({ sec: 1, v6: true, ...udp });
    s.a({ sec: 2, v6: true, ...udp });
    expect(s.records()[0]).toMatchObject({ ipMindIPID: '65535', ipMaxdIPID: '0' });
  });

  it('copies DF/MF/reserved bits and flags identical (0x4000) and backward timestamps (0x8000, TIMEJUMP)', () => {
    const s = new Session();
    s.a({ sec: 5, ns: 500, df: true, ...udp });
    s.a({ sec: 5, ns: 500, df: true, ...udp });
    const i = s.a({ sec: 5, ns: 100, df: true, ...udp });
    // A jump back over a second boundary is not seen (seconds modulo 2^32).
    s.a({ sec: 4, ns: 900, df: true, ...udp });
    expect(s.an.core.flows.statusHi[i] & StatHi.TIMEJUMP).toBe(StatHi.TIMEJUMP);
    expect(s.an.core.stats.globalHi & StatHi.TIMEJUMP).toBe(StatHi.TIMEJUMP);
    expect(s.records()[0].ipFlags).toBe('0xc040');
  });

  it('counts IPv4 options: copy-class OR and kind bitmap (Router Alert, NOP + record route)', () => {
    const s = new Session();
    s.a({ sec: 1, ipOptions: [0x94, 4, 0, 0], ...udp });
    s.b({ sec: 2, ipOptions: [1, 7, 7, 4, 0, 0, 0, 0], proto: UDP, sport: 53, dport: 5000 });
    const [a, b] = s.records();
    expect(a).toMatchObject({ ipOptCnt: '1', ipOptCpCl_Num: '0x80_0x00100000', ipFlags: '0x0000' });
    expect(b).toMatchObject({ ipOptCnt: '2', ipOptCpCl_Num: '0x00_0x00000082' });
  });

  it('flags an IPv4 option with length 0 as corrupt (0x0001) after counting it', () => {
    const s = new Session();
    s.a({ sec: 1, ipOptions: [0x07, 0, 0, 0], ...udp });
    expect(s.records()[0]).toMatchObject({ ipOptCnt: '1', ipOptCpCl_Num: '0x00_0x00000080', ipFlags: '0x0001' });
  });

  it('walks IPv6 Hop-by-Hop and Destination options (Router Alert + PadN; Pad1 stops)', () => {
    const s = new Session();
    s.a({ sec: 1, v6: true, hbh: [5, 2, 0, 0, 1, 0], proto: 58 });
    s.a({ sec: 2, v6: true, hbh: [5, 2, 0, 0, 1, 0], dstOpts: [0xc2, 4, 0, 0, 0, 0], proto: 58 });
    expect(s.records()[0]).toMatchObject({ ip6OptCntHH_D: '4_1', ip6OptHH_D: '0x00000022_0x00000004' });
  });

  it('accepts correct IPv4 header and L4 checksums and flags wrong ones (0x0400, 0x0800)', () => {
    const s = new Session();
    s.a({ sec: 1, ...udp });
    s.a({ sec: 1, proto: ICMP });
    s.a({ sec: 1, proto: 6, flags: ACK });
    s.b({ sec: 1, proto: UDP, sport: 53, dport: 5000, ipChecksum: 0x1234 });
    const r = s.records();
    expect(r.map((x) => x.ipFlags)).toEqual(['0x0000', '0x0400', '0x0000', '0x0000']);
    expect(r.every((x) => x.tcpFStat !== undefined && !(parseInt(x.tcpFStat, 16) & 0x1000))).toBe(true);
    const s2 = new Session();
    s2.a({ sec: 1, df: true, l4Checksum: 0, ...udp });
    s2.a({ sec: 2, proto: 6, flags: ACK, l4Checksum: 0xbeef });
    // A zero UDP checksum is reported as wrong, like T2 does.
    expect(s2.records().map((x) => x.ipFlags)).toEqual(['0x0840', '0x0800']);
  });

  it('flags a UDP length field different from the captured L4 length (0x2000)', () => {
    const s = new Session();
    s.a({ sec: 1, udpLen: 20, payload: 4, ...udp });
    expect(s.records()[0].ipFlags).toBe('0x2000');
  });

  it('flags truncated L4 data (0x1800) without computing a sum', () => {
    const s = new Session();
    s.a({ sec: 1, payload: 100, snap: 60, ...udp });
    expect(s.records()[0].ipFlags).toBe('0x3800');
  });

  it('leaves 0x1000 in tcpFStat on a first fragment and sets MF (0x0020)', () => {
    const s = new Session();
    s.a({ sec: 1, mf: true, payload: 40, udpLen: 1008, ...udp });
    expect(s.records()[0]).toMatchObject({ tcpFStat: '0x1001', ipFlags: '0x2020' });
  });

  it('checks fragment positions: short fragment (0x0008), unexpected offset (0x0100), last fragment checksum (0x0800)', () => {
    const s = new Session();
    s.a({ sec: 1, proto: UDP, mf: true, fragOff: 10, payload: 8 });
    s.a({ sec: 2, proto: UDP, fragOff: 11, payload: 16 });
    expect(s.records()[0]).toMatchObject({ ipFlags: '0x0928', tcpFStat: '0x0001' });
  });

  it('takes IPv6 fragment offset bits for flag bits and byte-swaps the offset (spec quirks)', () => {
    const s = new Session();
    s.a({ sec: 1, v6: true, ip6Frag: { units: 0, more: true }, udpLen: 5000, payload: 8, ...udp });
    // byte offset 4096 = 512 units: bit 9 → 0x0020; swapped offset 2 ≠ expected 0 → 0x0100;
    // the last fragment's checksum cannot match → 0x0800
    s.a({ sec: 2, v6: true, ip6Frag: { units: 512, more: false }, payload: 8, proto: UDP });
    const [first, later] = s.records();
    expect(first).toMatchObject({ ipFlags: '0x2000', tcpFStat: '0x1001' });
    expect(later).toMatchObject({ ipFlags: '0x0920', tcpFStat: '0x0001' });
  });

  it('reports the aggregated ipFlags of written flows', () => {
    const s = new Session();
    s.a({ sec: 1, df: true, ...udp });
    s.records();
    expect(s.report()).toEqual(['tcpFlags: Aggregated ipFlags=0x0040', 'tcpFlags: Aggregated tcpFStat=0x0001']);
  });
});
