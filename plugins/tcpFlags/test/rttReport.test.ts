import { describe, expect, it } from 'vitest';
import { MonState } from '../../../core/plugin/api.ts';
import { plainReport } from '../../basicFlow/test/harness/fakeCore.ts';
import tcpFlags from '../index.ts';
import { ACK, Session, SYN } from './session.ts';

const udp = { proto: 17 };

describe('tcpFlags RTT columns', () => {
  it('gives a request/response pair the response delay on A and A\'s average on B', () => {
    const s = new Session();
    s.a({ sec: 1, ...udp, sport: 5000, dport: 53 });
    s.b({ sec: 1, ns: 250e6, ...udp, sport: 53, dport: 5000 });
    const [a, b] = s.records();
    expect([a.tcpSSASAATrip, a.tcpRTTAckTripMin, a.tcpRTTAckTripMax, a.tcpRTTAckTripAvg, a.tcpRTTAckTripJitAvg, a.tcpRTTSseqAA, a.tcpRTTAckJitAvg])
      .toEqual(['0.25', '0.25', '0.25', '0.25', '0', '0.25', '0']);
    expect([b.tcpSSASAATrip, b.tcpRTTAckTripMin, b.tcpRTTAckTripMax, b.tcpRTTAckTripAvg, b.tcpRTTAckTripJitAvg, b.tcpRTTSseqAA, b.tcpRTTAckJitAvg])
      .toEqual(['0', '65535', '0', '0', '0', '0.25', '0']);
  });

  it('measures the handshake: A trip SYN → SYN-ACK, B trip SYN-ACK → ACK, A RTT the sum', () => {
    const s = new Session();
    s.a({ sec: 1, flags: SYN, seq: 100 });
    s.b({ sec: 1, ns: 30e6, flags: SYN | ACK, seq: 500, ack: 101 });
    s.a({ sec: 1, ns: 40e6, flags: ACK, seq: 101, ack: 501 });
    s.b({ sec: 1, ns: 100e6, flags: ACK, seq: 501, ack: 101, payload: 5 });
    s.a({ sec: 1, ns: 120e6, flags: ACK, seq: 101, ack: 506 });
    const [a, b] = s.records();
    expect(a).toMatchObject({ tcpSSASAATrip: '0.03', tcpRTTSseqAA: '0.04', tcpRTTAckTripMin: '0.03', tcpRTTAckTripMax: '0.06' });
    expect(b).toMatchObject({ tcpSSASAATrip: '0.01', tcpRTTAckTripMin: '0.01', tcpRTTAckTripMax: '0.02' });
    // B: avg of A and B; the jitter of both as a square root
    expect(Number(b.tcpRTTSseqAA)).toBeCloseTo(Number(a.tcpRTTAckTripAvg) + Number(b.tcpRTTAckTripAvg), 6);
    expect(Number(b.tcpRTTAckJitAvg)).toBeGreaterThan(0);
  });

  it('leaves lone flows without pair values', () => {
    const s = new Session();
    s.a({ sec: 1, flags: ACK });
    s.a({ sec: 2, flags: ACK });
    expect(s.records()[0]).toMatchObject({ tcpRTTSseqAA: '0', tcpRTTAckJitAvg: '0', tcpRTTAckTripMin: '65535' });
  });
});

describe('tcpFlags end report and monitoring', () => {
  it('prints the aggregates and counters in T2\'s order with human-readable numbers', () => {
    const s = new Session(4096);
    for (let k = 0; k < 1100; k++) {
      s.a({ sec: 1, ns: k, sport: 1000 + k, flags: SYN, tos: 0x10 });
      s.b({ sec: 1, ns: k, dport: 1000 + k, flags: 0x14, ack: 1001 });
    }
    s.records();
    // A flows are aggregated before the scan detector marks them: only B's 0x2000 gets in.
    expect(s.report()).toEqual([
      'tcpFlags: Aggregated tcpFStat=0x0011',
      'tcpFlags: Aggregated tcpFlags=0x0416',
      'tcpFlags: Aggregated tcpAnomaly=0x2000',
      'tcpFlags: Aggregated ipToS=0x10',
      'tcpFlags: Number of TCP scans attempted, successful: 1100 (1.10 K), 1100 (1.10 K) [100.00%]',
    ]);
  });

  it('writes the machine header, unpadded hex values and counter deltas (DIFF_REPORT=0: totals)', () => {
    const s = new Session();
    s.a({ sec: 1, flags: SYN });
    s.a({ sec: 3, flags: SYN });
    s.records();
    const r = s.an.core.report;
    s.an.core.reportText = '';
    tcpFlags.monitoring?.(r, MonState.Header);
    tcpFlags.monitoring?.(r, MonState.Values);
    tcpFlags.monitoring?.(r, MonState.Values);
    expect(s.an.core.reportText).toBe(
      'ipFlags\ttcpFStat\ttcpFlags\ttcpAnomaly\ttcpScan\ttcpSuccScan\ttcpSynRetries\ttcpSeqRetries\t' +
        '0x0\t0x11\t0x2\t0x1\t0\t0\t1\t0\t'.repeat(2),
    );
    s.an.core.reportText = '';
    tcpFlags.monitoring?.(r, MonState.Report);
    expect(plainReport(s.an.core)).toEqual([
      'tcpFlags: Aggregated tcpFStat=0x0011',
      'tcpFlags: Aggregated tcpFlags=0x0002',
      'tcpFlags: Aggregated tcpAnomaly=0x0001',
      'tcpFlags: Number of TCP SYN retries, seq retries: 1, 0',
    ]);
  });
});
