import { describe, expect, it } from 'vitest';
import { ACK, FIN, RST, Session, SYN } from './session.ts';

const MSS = [2, 4, 5, 180];
const NOP = [1];
const WS7 = [3, 3, 7];
const SACK_PERM = [4, 2];
const ts = (val: number, ecr: number): number[] => [8, 10, val >>> 24, (val >> 16) & 0xff, (val >> 8) & 0xff, val & 0xff, ecr >>> 24, (ecr >> 16) & 0xff, (ecr >> 8) & 0xff, ecr & 0xff];

describe('tcpFlags options', () => {
  it('aggregates option kinds, counts options and builds JA4T without `_` before the MSS', () => {
    const s = new Session();
    s.a({ sec: 1, flags: SYN, win: 64240, tcpOptions: [...MSS, ...NOP, ...WS7, ...SACK_PERM, ...ts(1, 0)] });
    s.b({ sec: 1, ns: 5e6, flags: SYN | ACK, win: 65160, ack: 1001, tcpOptions: [...MSS, ...SACK_PERM, ...ts(9, 1), ...NOP, ...WS7] });
    s.a({ sec: 1, ns: 9e6, flags: ACK, seq: 1001, ack: 1, tcpOptions: [...NOP, ...NOP, ...ts(2, 9)] });
    const [a, b] = s.records();
    expect(a).toMatchObject({
      tcpJA4T: '64240_2-1-3-4-81460_7', tcpOptPktCnt: '2', tcpOptCnt: '8', tcpOptions: '0x0000011e',
      tcpMSS: '1460', tcpWS: '128', tcpFStat: '0x0a13', tcpTmS: '2', tcpTmER: '9',
    });
    expect(b).toMatchObject({ tcpJA4T: '65160_2-4-8-1-31460_7', tcpFStat: '0x0213' });
  });

  it('prints 00 parts without options, and takes tcpWS / the JA4T shift from the flows written so far', () => {
    const s = new Session();
    s.a({ sec: 1, flags: SYN, win: 65535 });
    s.an.endPair(s.a({ sec: 1, flags: SYN, win: 65535 }));
    s.an.endPair(s.a({ sec: 2, sport: 2000, flags: SYN, tcpOptions: [...MSS, ...WS7] }));
    s.b({ sec: 2, sport: 80, dport: 2000, flags: SYN | ACK, tcpOptions: [...MSS, ...WS7] });
    s.a({ sec: 3, sport: 3000, flags: SYN, win: 65535 });
    const r = s.records();
    expect(r.map((x) => [x.tcpJA4T, x.tcpWS])).toEqual([
      ['65535_00_00_00', '0'],
      // The A flow of the WS pair is written before its SYN-ACK's status reaches the aggregate.
      ['1000_2-31460_00', '0'],
      ['1000_2-31460_7', '128'],
      ['65535_00_00_0', '1'],
    ]);
  });

  it('keeps the option kinds of SYN retransmissions up to 20', () => {
    const s = new Session();
    for (let k = 0; k < 5; k++) s.a({ sec: 1 + 3 * k, flags: SYN, win: 64240, tcpOptions: [...MSS, ...SACK_PERM, ...ts(1, 0), ...NOP, ...WS7] });
    expect(s.records()[0].tcpJA4T).toBe('64240_2-4-8-1-3-2-4-8-1-3-2-4-8-1-3-2-4-8-1-31460_00');
  });

  it('flags an option with length 0 (0x0008) and SACK blocks (0x4000)', () => {
    const s = new Session();
    s.a({ sec: 1, flags: ACK, tcpOptions: [...NOP, ...NOP, 5, 10, 0, 0, 0, 1, 0, 0, 0, 2] });
    s.a({ sec: 2, flags: ACK, tcpOptions: [2, 0, 0, 0] });
    expect(s.records()[0]).toMatchObject({ tcpFStat: '0x4019', tcpOptCnt: '4', tcpOptions: '0x00000026' });
  });

  it('dissects MPTCP options and reports them', () => {
    const s = new Session();
    const capable = [30, 12, 0x00, 0x81, 1, 2, 3, 4, 5, 6, 7, 8];
    s.a({ sec: 1, flags: SYN, tcpOptions: [...MSS, ...capable] });
    s.b({ sec: 1, flags: SYN | ACK, ack: 1001, tcpOptions: [...MSS, ...capable] });
    s.a({ sec: 2, flags: ACK, seq: 1001, ack: 1001, tcpOptions: [30, 4, 0x20, 0x05, 30, 4, 0x50, 9] });
    s.b({ sec: 2, flags: ACK, seq: 1001, ack: 1001, tcpOptions: [30, 8, 0x30, 7, 10, 0, 0, 1] });
    const [a, b] = s.records();
    expect(a).toMatchObject({ tcpMPTBF: '0x0025', tcpMPF: '0x81', tcpMPAID: '9', tcpMPDSSF: '0x05', tcpOptions: '0x40000004' });
    expect(b).toMatchObject({ tcpMPTBF: '0x0009', tcpMPF: '0x81', tcpMPAID: '7', tcpMPDSSF: '0x00' });
    expect(parseInt(a.tcpFStat, 16) & 0x8000).toBe(0x8000);
    expect(s.report().slice(-3)).toEqual([
      'tcpFlags: Aggregated MPTCP subtypes: tcpMPTBF=0x002d',
      'tcpFlags: Aggregated MPTCP flags: tcpMPF=0x81',
      'tcpFlags: Number of MPTCP packets: 5 [125.00%]',
    ]);
  });
});

describe('tcpFlags timestamps', () => {
  it('estimates tick, up time and boot time (spec example: tsVal 104, tick 0.01)', () => {
    const s = new Session();
    s.a({ sec: 1699999999, ns: 80e6, flags: ACK, tcpOptions: [...NOP, ...NOP, ...ts(4, 0)] });
    s.a({ sec: 1700000000, ns: 80e6, flags: ACK, tcpOptions: [...NOP, ...NOP, ...ts(104, 7)] });
    expect(s.records()[0]).toMatchObject({
      tcpFStat: '0x0013', tcpTmS: '104', tcpTmER: '7', tcpEcI: '0.01', tcpUtm: '1.040000', tcpBtm: '1699999999.040000024',
    });
  });

  it('guesses the tick from the TTL when the timestamp did not move', () => {
    const s = new Session();
    s.a({ sec: 1000, ns: 900e6, ttl: 128, flags: ACK, tcpOptions: [...NOP, ...NOP, ...ts(50, 0)] });
    s.a({ sec: 1001, ns: 100e6, ttl: 128, flags: ACK, tcpOptions: [...NOP, ...NOP, ...ts(50, 0)] });
    // tick f32(0.1) (TTL 128): up 50 · 0.10000000149 s, so 74 ns come off the boot time
    expect(s.records()[0]).toMatchObject({ tcpEcI: '0.1', tcpUtm: '5.000000', tcpBtm: '996.099999926' });
  });

  it('borrows 10^6 instead of 10^9 on negative nanosecond differences', () => {
    const s = new Session();
    s.a({ sec: 1000, ns: 900e6, flags: ACK, tcpOptions: [...NOP, ...NOP, ...ts(100, 0)] });
    s.a({ sec: 1001, ns: 100e6, flags: ACK, tcpOptions: [...NOP, ...NOP, ...ts(200, 0)] });
    // 0.2 s for 100 ticks would be 0.002 → 0.004; the borrow makes it negative → 0.001.
    // Boot time: 100e6 − 200000009 ns + 10^6 stays negative and prints as a uint32 (10 digits).
    expect(s.records()[0]).toMatchObject({ tcpEcI: '0.001', tcpUtm: '0.200000', tcpBtm: '1000.4195967287' });
  });

  it('flags a decreasing timestamp (0x0004)', () => {
    const s = new Session();
    s.a({ sec: 1, flags: ACK, tcpOptions: [...NOP, ...NOP, ...ts(500, 0)] });
    s.a({ sec: 2, flags: ACK, tcpOptions: [...NOP, ...NOP, ...ts(400, 0)] });
    expect(s.records()[0].tcpFStat).toBe('0x0017');
  });
});

describe('tcpFlags window', () => {
  it('tracks the effective window; the direction bit is sticky', () => {
    const s = new Session();
    for (const [k, win] of [1000, 800, 1200, 1100, 900, 1300].entries()) s.a({ sec: 1 + k, flags: ACK, seq: 1000 + k, win, payload: 1 });
    expect(s.records()[0]).toMatchObject({
      tcpInitWinSz: '1000', tcpAvgWinSz: '1089.874', tcpMinWinSz: '800', tcpMaxWinSz: '1300',
      tcpWinSzDwnCnt: '3', tcpWinSzUpCnt: '2', tcpWinSzChgDirCnt: '3', tcpWinSzThRt: '0', tcpFStat: '0x0811',
    });
  });

  it('counts windows below WINMIN on packets without SYN/FIN/RST (0x0100) and reports them', () => {
    const s = new Session();
    s.a({ sec: 1, flags: ACK, win: 0 });
    s.a({ sec: 2, flags: ACK, win: 100 });
    s.a({ sec: 3, flags: ACK | RST, win: 0 });
    s.a({ sec: 4, flags: ACK | FIN, win: 0 });
    const [r] = s.records();
    expect(r).toMatchObject({ tcpWinSzThRt: '0.25', tcpMinWinSz: '0' });
    expect(parseInt(r.tcpFStat, 16) & 0x0100).toBe(0x0100);
    expect(s.report()).toContain('tcpFlags: Number WinSz below 1: 1 [25.00%]');
  });

  it('scales windows from the packet after the SYN-ACK with WS on, in both directions', () => {
    const s = new Session();
    s.a({ sec: 1, flags: SYN, win: 100, tcpOptions: [...WS7] });
    s.b({ sec: 1, flags: SYN | ACK, win: 200, ack: 1001, tcpOptions: [...WS7] });
    s.a({ sec: 2, flags: ACK, win: 100, seq: 1001, ack: 1001 });
    s.b({ sec: 2, flags: ACK, win: 200, seq: 1001, ack: 1001 });
    const [a, b] = s.records();
    expect(a).toMatchObject({ tcpInitWinSz: '100', tcpMaxWinSz: '12800', tcpWinSzUpCnt: '1' });
    expect(b).toMatchObject({ tcpInitWinSz: '200', tcpMaxWinSz: '25600' });
  });
});
