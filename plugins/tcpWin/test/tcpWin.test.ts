import { beforeEach, describe, expect, it } from 'vitest';
import tcpWin from '../index.ts';
import { MonState } from '../../../core/plugin/api.ts';
import { FakeAnalyzer } from '../../basicFlow/test/harness/fakeAnalyzer.ts';
import { plainReport } from '../../basicFlow/test/harness/fakeCore.ts';
import { ACK, buildPacket, SYN, TCP, UDP, type PacketSpec } from '../../basicFlow/test/harness/packetBuilder.ts';

let an: FakeAnalyzer;

/** A packet with the given TCP window and IP TTL (hop limit for IPv6). */
function pkt(spec: Partial<PacketSpec> & { win?: number; ttl?: number }) {
  const p = buildPacket(an.core, { ip: 4, proto: TCP, src: '10.0.0.1', dst: '10.0.0.2', sport: 1000, dport: 80, sec: 1, flags: ACK, ...spec });
  if (spec.ttl !== undefined) p.buf[p.l3Off + (p.ipVer === 4 ? 8 : 7)] = spec.ttl;
  if (spec.win !== undefined && p.l4Proto === TCP) {
    p.buf[p.l4Off + 14] = spec.win >> 8;
    p.buf[p.l4Off + 15] = spec.win & 0xff;
  }
  return p;
}

const columns = (r: Record<string, string>) => [r.tcpWinStat, r.tcpWinIpTTL, r.tcpInitWinSz, r.tcpWinThCnt, r.tcpWinSzThRt];

beforeEach(() => {
  an = new FakeAnalyzer([tcpWin]);
});

describe('tcpWin', () => {
  it("declares the tutorial's columns and its dependency on basicStats", () => {
    expect(tcpWin.columns.map((c) => `${c.name}:${c.types.join('_')}`)).toEqual([
      'tcpWinStat:H8',
      'tcpWinIpTTL:U8',
      'tcpInitWinSz:U32',
      'tcpWinThCnt:U32',
      'tcpWinSzThRt:F',
    ]);
    expect([tcpWin.number, tcpWin.dependencies]).toEqual([150, ['basicStats']]);
  });

  it('takes TTL and initial window from the first packet and counts windows below TCPWIN_THRES', () => {
    an.packet(pkt({ flags: SYN, win: 64240, ttl: 63 }));
    an.packet(pkt({ win: 0, ttl: 12 }));
    an.packet(pkt({ win: 1 }));
    an.packet(pkt({ win: 0 }));
    an.finish();
    expect(columns(an.flow(1)[0]!)).toEqual(['0x01', '63', '64240', '2', '0.5']);
  });

  it('ignores non-first fragments and writes zeros for flows that are not TCP', () => {
    an.packet(pkt({ win: 500, ttl: 30 }));
    an.packet(pkt({ win: 0, fragOff: 10 }));
    an.packet(pkt({ proto: UDP, sport: 53, dport: 5353, ttl: 7 }));
    an.finish();
    expect(columns(an.flow(1)[0]!)).toEqual(['0x00', '30', '500', '0', '0']);
    // (the fake analyzer has no fragment table: the fragment makes flow 2, where it is not counted)
    expect(columns(an.flow(2)[0]!).slice(3)).toEqual(['0', '0']);
    expect(columns(an.flow(3)[0]!)).toEqual(['0x00', '7', '0', '0', '0']);
  });

  it('reports the aggregate and the count relative to the TCP packets, only when something was below', () => {
    an.packet(pkt({ win: 100 }));
    an.finish();
    tcpWin.report?.(an.core.report);
    expect(plainReport(an.core)).toEqual([]);
    an.packet(pkt({ sport: 2000, win: 0 }));
    an.finish();
    an.core.stats.numPacketsL3[TCP] = 4;
    tcpWin.report?.(an.core.report);
    expect(plainReport(an.core)).toEqual([
      'tcpWin: Aggregated tcpWinStat=0x01',
      'tcpWin: Number of TCP winsize packets below threshold 1: 1 [25.00%]',
    ]);
  });

  it('adds winPktThCnt to machine monitoring lines', () => {
    an.packet(pkt({ win: 0 }));
    tcpWin.monitoring?.(an.core.report, MonState.Header);
    tcpWin.monitoring?.(an.core.report, MonState.Values);
    expect(an.core.reportText).toBe('winPktThCnt\t1\t');
  });
});
