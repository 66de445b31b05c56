import { beforeEach, describe, expect, it } from 'vitest';
import tcpStates from '../index.ts';
import { FakeAnalyzer } from '../../basicFlow/test/harness/fakeAnalyzer.ts';
import { plainReport } from '../../basicFlow/test/harness/fakeCore.ts';
import { ACK, buildPacket, FIN, PSH, RST, SYN, TCP, UDP, URG, type PacketSpec } from '../../basicFlow/test/harness/packetBuilder.ts';

let an: FakeAnalyzer;
const client = { ip: 4 as const, proto: TCP, src: '10.0.0.1', dst: '10.0.0.2', sport: 1000, dport: 80 };
const server = { ip: 4 as const, proto: TCP, src: '10.0.0.2', dst: '10.0.0.1', sport: 80, dport: 1000 };
/** A packet at `ms` milliseconds. */
const c = (ms: number, flags: number, seq = 0, ack = 0, extra: Partial<PacketSpec> = {}) =>
  buildPacket(an.core, { ...client, flags, seq, ack, sec: Math.floor(ms / 1000), ns: (ms % 1000) * 1e6, ...extra });
const s = (ms: number, flags: number, seq = 0, ack = 0, extra: Partial<PacketSpec> = {}) =>
  buildPacket(an.core, { ...server, flags, seq, ack, sec: Math.floor(ms / 1000), ns: (ms % 1000) * 1e6, ...extra });
const flagsOf = (flowInd: number) => an.flow(flowInd).map((r) => r.tcpStatesAFlags);
const timeoutOf = (slot: number) => an.core.flows.timeout[slot];

/** SYN (seq 100), SYN-ACK (seq 500), ACK: an established connection; returns the client and server slots. */
function handshake(): [number, number] {
  const a = an.packet(c(0, SYN, 100));
  const b = an.packet(s(10, SYN | ACK, 500, 101));
  an.packet(c(20, ACK, 101, 501));
  return [a, b];
}

beforeEach(() => {
  an = new FakeAnalyzer([tcpStates]);
});

describe('tcpStates', () => {
  it('declares its column and registers its timeouts in T2 order', () => {
    expect(tcpStates.columns.map((col) => `${col.name}:${col.types.join('')}:${col.description}`)).toEqual([
      'tcpStatesAFlags:H8:TCP state machine anomalies',
    ]);
    expect(an.core.timeouts).toEqual([0.1, 120, 610, 120, 10]);
  });

  it('passes a clean open and close with 0x00 and moves through the timeouts', () => {
    const [a, b] = handshake();
    expect([timeoutOf(a), timeoutOf(b)]).toEqual([610, 610]);
    an.packet(c(30, FIN | ACK, 101, 501));
    expect([timeoutOf(a), timeoutOf(b)]).toEqual([120, 610]);
    an.packet(s(40, FIN | ACK, 501, 102));
    an.packet(c(50, ACK, 102, 502));
    expect([timeoutOf(a), timeoutOf(b)]).toEqual([10, 10]);
    an.finish();
    expect(flagsOf(1)).toEqual(['0x00', '0x00']);
    tcpStates.report?.(an.core.report);
    expect(an.core.reportText).toBe('');
  });

  it('marks a connection captured mid-stream 0x03 on both sides', () => {
    an.packet(c(0, ACK | PSH, 1, 1));
    an.packet(s(1, ACK, 1, 2));
    an.finish();
    expect(flagsOf(1)).toEqual(['0x03', '0x03']);
  });

  it('marks an unanswered SYN 0x03 and keeps it 120 s', () => {
    const a = an.packet(c(0, SYN, 7));
    expect(timeoutOf(a)).toBe(120);
    an.finish();
    expect(flagsOf(1)).toEqual(['0x03']);
  });

  it('SYN answered by RST-ACK: A 0x03, B 0x43, both 0.1 s', () => {
    const a = an.packet(c(0, SYN, 7));
    const b = an.packet(s(1, RST | ACK, 0, 8));
    expect([timeoutOf(a), timeoutOf(b)]).toEqual([Math.fround(0.1), Math.fround(0.1)]);
    an.finish();
    expect(flagsOf(1)).toEqual(['0x03', '0x43']);
  });

  it('client RST after the handshake: A 0x42, B 0x02; later packets add 0x10', () => {
    handshake();
    an.packet(c(30, RST | ACK, 101, 501));
    an.packet(s(35, ACK, 501, 101));
    an.finish();
    expect(flagsOf(1)).toEqual(['0x42', '0x12']);
  });

  it('an ACK after the full close sets 0x08 on its direction only', () => {
    handshake();
    an.packet(c(30, FIN | ACK, 101, 501));
    an.packet(s(40, FIN | ACK, 501, 102));
    an.packet(c(50, ACK, 102, 502));
    an.packet(c(5000, ACK, 102, 502));
    an.finish();
    expect(flagsOf(1)).toEqual(['0x08', '0x00']);
  });

  it('XMAS and NULL probes without answer: 0x83', () => {
    const x = an.packet(c(0, FIN | PSH | URG));
    expect(timeoutOf(x)).toBe(182);
    an.packet(buildPacket(an.core, { ...client, sport: 1001, flags: 0, sec: 0 }));
    an.finish();
    expect([...flagsOf(1), ...flagsOf(2)]).toEqual(['0x83', '0x83']);
  });

  it('a lone FIN keeps NEW and the core timeout: 0x83 after termination', () => {
    const a = an.packet(c(0, FIN));
    expect(timeoutOf(a)).toBe(182);
    an.finish();
    expect(flagsOf(1)).toEqual(['0x83']);
  });

  it('a lone RST: 0xc3', () => {
    an.packet(c(0, RST));
    an.finish();
    expect(flagsOf(1)).toEqual(['0xc3']);
  });

  it('a flow starting with FIN-ACK is a scan unless a full FIN exchange follows', () => {
    an.packet(c(0, FIN | ACK, 300, 900));
    an.finish();
    expect(flagsOf(1)).toEqual(['0x83']);

    an = new FakeAnalyzer([tcpStates]);
    an.packet(c(0, FIN | ACK, 300, 900));
    an.packet(s(10, FIN | ACK, 900, 301));
    an.packet(c(20, ACK, 301, 901));
    an.finish();
    // Both FINs acknowledged: finScan is cleared on both sides, only the open is malformed.
    expect(flagsOf(1)).toEqual(['0x01', '0x01']);
  });

  it('compares ack == seq + 1 without 32-bit wrap: a SYN at 0xffffffff is never acknowledged', () => {
    const a = an.packet(c(0, SYN, 0xffffffff));
    an.packet(s(1, SYN | ACK, 10, 0));
    expect(timeoutOf(a)).toBe(610);
    an.finish();
    expect(flagsOf(1)).toEqual(['0x03', '0x03']);
  });

  it('odd flags while ESTABLISHED set 0x04 on both directions', () => {
    handshake();
    an.packet(c(30, PSH, 101, 501));
    an.finish();
    expect(flagsOf(1)).toEqual(['0x06', '0x06']);
  });

  it('ignores non-TCP flows, later fragments and packets without the flag byte', () => {
    an.packet(buildPacket(an.core, { ip: 4, proto: UDP, sport: 5000, dport: 5001, sec: 0 }));
    const frag = an.packet(c(0, 0, 0, 0, { fragOff: 10 }));
    an.packet(c(1, 0, 0, 0, { sport: 1002, snapL4: 12 }));
    expect(timeoutOf(frag)).toBe(182);
    an.finish();
    // TCP flows still get the termination bits, without the scan bit of a NULL packet.
    expect(an.records.map((r) => r.tcpStatesAFlags)).toEqual(['0x00', '0x03', '0x03']);
    tcpStates.report?.(an.core.report);
    expect(plainReport(an.core)).toEqual(['tcpStates: Aggregated tcpStatesAFlags=0x03']);
  });

  it('ORs only TCP flows into the report aggregate', () => {
    handshake();
    an.packet(s(30, RST | ACK, 501, 101));
    an.packet(buildPacket(an.core, { ip: 4, proto: UDP, sport: 5000, dport: 5001, sec: 0 }));
    an.finish();
    tcpStates.report?.(an.core.report);
    expect(plainReport(an.core)).toEqual(['tcpStates: Aggregated tcpStatesAFlags=0x42']);
  });

  it('ends a reset pair 0.1 s after its last packet; the same 5-tuple then starts a new flow (spec §5.3)', () => {
    const udp = (ms: number, sport: number) => buildPacket(an.core, { ip: 4, proto: UDP, src: '10.0.0.9', dst: '10.0.0.8', sport, dport: 7000, sec: 0, ns: ms * 1e6 });
    an.run([
      c(0, SYN, 100), s(10, SYN | ACK, 500, 101), c(20, ACK, 101, 501), c(30, RST | ACK, 101, 501),
      udp(100, 6000), udp(130, 6001), c(200, ACK, 101, 501),
    ]);
    expect(an.records.slice(0, 2).map((r) => `${r.dir} ${r.flowInd} ${r.tcpStatesAFlags}`)).toEqual(['A 1 0x42', 'B 1 0x02']);
    expect(flagsOf(4)).toEqual(['0x03']);
  });
});
