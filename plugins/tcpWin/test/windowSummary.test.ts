import { beforeEach, describe, expect, it } from 'vitest';
import tcpWin, { type WindowSummary } from '../index.ts';
import { newWindowSummary, updateWindowSummary } from '../windowSummary.ts';
import { FakeAnalyzer } from '../../basicFlow/test/harness/fakeAnalyzer.ts';
import { ACK, buildPacket, TCP, type PacketSpec } from '../../basicFlow/test/harness/packetBuilder.ts';

const ip = (text: string) => Uint8Array.from(text.split('.').map(Number));
const entries = (s: WindowSummary) =>
  Array.from({ length: s.count }, (_, i) => [[...s.ip.subarray(4 * i, 4 * i + 4)].join('.'), s.tcpCnt[i], s.ratio[i]]);

describe('updateWindowSummary (the tutorials\' gwz update)', () => {
  it('adds new IPs, keeps the greater ratio per IP, and stops when full', () => {
    const s = newWindowSummary(3);
    updateWindowSummary(s, ip('10.0.0.1'), 0, 100, 0.25);
    updateWindowSummary(s, ip('10.0.0.1'), 0, 60, 0.25); // not greater
    updateWindowSummary(s, ip('10.0.0.2'), 0, 80, 0.5);
    updateWindowSummary(s, Uint8Array.from([0, 0, 10, 0, 0, 1]), 2, 70, 0.75); // an address inside a bigger array
    expect(entries(s)).toEqual([['10.0.0.1', 70, 0.75], ['10.0.0.2', 80, 0.5]]);
    updateWindowSummary(s, ip('10.0.0.3'), 0, 90, 0.125);
    // full: not even known IPs change any more
    updateWindowSummary(s, ip('10.0.0.2'), 0, 90, 0.875);
    updateWindowSummary(s, ip('10.0.0.4'), 0, 90, 0.875);
    expect(entries(s)).toEqual([['10.0.0.1', 70, 0.75], ['10.0.0.2', 80, 0.5], ['10.0.0.3', 90, 0.125]]);
  });
});

describe('tcpWin exports its per-IP summary', () => {
  let an: FakeAnalyzer;
  beforeEach(() => {
    an = new FakeAnalyzer([tcpWin]);
  });

  const pkt = (spec: Partial<PacketSpec> & { win: number }) => {
    const p = buildPacket(an.core, { ip: 4, proto: TCP, src: '10.0.0.1', dst: '10.0.0.2', sport: 1000, dport: 80, sec: 1, flags: ACK, ...spec });
    p.buf[p.l4Off + 14] = spec.win >> 8;
    p.buf[p.l4Off + 15] = spec.win & 0xff;
    return p;
  };

  it('holds IPv4 TCP flows with below-threshold packets and at least TCPWIN_MINPKTS packets, at flow end', () => {
    const summary = tcpWin.exports as WindowSummary;
    for (let k = 0; k < 64; k++) an.packet(pkt({ win: k % 8 === 0 ? 0 : 500 }));
    for (let k = 0; k < 49; k++) an.packet(pkt({ src: '10.0.0.9', win: 0 })); // too few packets
    for (let k = 0; k < 60; k++) an.packet(pkt({ ip: 6, src: '2001:db8::1', dst: '2001:db8::2', win: 0 })); // IPv6
    expect(summary.count).toBe(0);
    an.finish();
    expect(entries(summary)).toEqual([['10.0.0.1', 64, 0.125]]);
  });
});
