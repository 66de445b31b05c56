import { describe, expect, it } from 'vitest';
import { ACK, FIN, PSH, RST, Session, SYN, URG } from './session.ts';

describe('tcpFlags flags and anomalies', () => {
  it('ORs the flag bytes and adds FIN-ACK, SYN-ACK and RST-ACK bits', () => {
    const s = new Session();
    s.a({ sec: 1, flags: SYN, seq: 100 });
    s.b({ sec: 1, ns: 1e6, flags: SYN | ACK, seq: 500, ack: 101 });
    for (let k = 0; k < 3; k++) s.a({ sec: 2 + k, flags: ACK | PSH, seq: 101 + 10 * k, ack: 501, payload: 10 });
    s.a({ sec: 6, flags: FIN | ACK, seq: 131, ack: 501 });
    s.b({ sec: 6, ns: 1e6, flags: RST | ACK, seq: 501, ack: 132 });
    const [a, b] = s.records();
    expect(a).toMatchObject({ tcpFlags: '0x011b', tcpAnomaly: '0x0000' });
    expect(b).toMatchObject({ tcpFlags: '0x0616' });
  });

  it('sets NULL and XMAS bits with the scan anomaly', () => {
    const s = new Session();
    s.a({ sec: 1, flags: 0 });
    s.b({ sec: 1, flags: FIN | PSH | URG | 0x40 });
    const [a, b] = s.records();
    expect(a).toMatchObject({ tcpFlags: '0x0800', tcpAnomaly: '0x3000' });
    expect(b).toMatchObject({ tcpFlags: '0x8069', tcpAnomaly: '0x3000' });
  });

  it('sets SYN-FIN, SYN-FIN-RST and RST-FIN (not with ACK)', () => {
    const s = new Session();
    s.a({ sec: 1, flags: SYN | FIN });
    s.a({ sec: 2, flags: SYN | FIN | RST });
    s.a({ sec: 3, flags: RST | FIN | ACK });
    expect(s.records()[0].tcpFlags).toBe('0x3017');
    const s2 = new Session();
    s2.a({ sec: 1, flags: RST | FIN });
    expect(s2.records()[0].tcpFlags).toBe('0x4005');
  });

  it('counts a SYN repeated after > 0.9 s as a retry (0x0001), a fast one as a scan', () => {
    const s = new Session();
    s.a({ sec: 1, flags: SYN });
    s.a({ sec: 2, flags: SYN });
    s.a({ sec: 5, flags: SYN });
    const r = s.records();
    expect(r[0].tcpAnomaly).toBe('0x0001');
    expect(s.report()).toContain('tcpFlags: Number of TCP SYN retries, seq retries: 2, 0');
    const s2 = new Session();
    s2.a({ sec: 1, flags: SYN });
    s2.a({ sec: 1, ns: 1000, flags: SYN });
    expect(s2.records()[0].tcpAnomaly).toBe('0x1000');
    expect(s2.report()).toContain('tcpFlags: Number of TCP scans attempted, successful: 1, 0 [0.00%]');
  });

  it('flags a SYN with payload (0x4000), also on the flow\'s first packet', () => {
    const s = new Session();
    s.a({ sec: 1, flags: SYN, payload: 5 });
    expect(s.records()[0].tcpAnomaly).toBe('0x5000');
  });

  it('marks SYN → RST-ACK as a successful scan: A 0x3000, B 0x2000', () => {
    const s = new Session();
    s.a({ sec: 1, flags: SYN, seq: 7 });
    s.b({ sec: 1, ns: 1e5, flags: RST | ACK, seq: 0, ack: 8 });
    const [a, b] = s.records();
    expect(a.tcpAnomaly).toBe('0x3000');
    expect(b.tcpAnomaly).toBe('0x2000');
    expect(s.report()).toContain('tcpFlags: Number of TCP scans attempted, successful: 1, 1 [100.00%]');
  });

  it('does not call a connection with 4 or more TCP packets per side a scan', () => {
    const s = new Session();
    s.a({ sec: 1, flags: SYN, seq: 100 });
    s.b({ sec: 1, flags: SYN | ACK, seq: 500, ack: 101 });
    for (let k = 0; k < 3; k++) {
      s.a({ sec: 2 + k, flags: ACK, seq: 101, ack: 501 + k });
      s.b({ sec: 2 + k, flags: ACK | PSH, seq: 501 + k, ack: 101, payload: 1 });
    }
    const [a, b] = s.records();
    expect(a.tcpAnomaly).toBe('0x0000');
    expect(b.tcpAnomaly).toBe('0x0000');
  });

  it('detects duplicate ACKs (0x0008), keep-alives (0x0010) and keep-alive ACKs (0x0020)', () => {
    // No SYN/FIN: the flows stay out of the scan rule.
    const s = new Session();
    s.a({ sec: 2, flags: ACK, seq: 101, ack: 501 });
    s.a({ sec: 3, flags: ACK, seq: 101, ack: 501 });
    s.a({ sec: 4, flags: ACK, seq: 100, ack: 501 });
    s.b({ sec: 4, flags: ACK, seq: 501, ack: 101 });
    s.a({ sec: 5, flags: ACK, seq: 101, ack: 501 });
    s.a({ sec: 6, flags: ACK, seq: 101, ack: 501 });
    const [a, b] = s.records();
    expect(a).toMatchObject({ tcpAnomaly: '0x0018', tcpAckFaultCnt: '3' });
    expect(b.tcpAnomaly).toBe('0x0020');
  });

  it('flags out-of-order (0x0040), gaps (0x0200) and ACKs of unseen data (0x0100)', () => {
    const s = new Session();
    s.a({ sec: 2, flags: ACK, seq: 101, ack: 501, payload: 10 });
    s.a({ sec: 3, flags: ACK, seq: 131, ack: 501, payload: 10 });
    s.a({ sec: 4, flags: ACK, seq: 111, ack: 501, payload: 10 });
    s.b({ sec: 5, flags: ACK, seq: 501, ack: 141 });
    s.b({ sec: 6, flags: ACK, seq: 501, ack: 9999 });
    const [a, b] = s.records();
    expect(a).toMatchObject({ tcpAnomaly: '0x0240', tcpPSeqCnt: '1', tcpSeqSntBytes: '30', tcpPAckCnt: '3' });
    expect(b).toMatchObject({ tcpAnomaly: '0x0100', tcpAckFaultCnt: '1', tcpFlwLssAckRcvdBytes: '9858' });
  });

  it('counts a fast retransmission after the peer\'s duplicate ACK (0x0004, seq retries)', () => {
    const s = new Session();
    s.a({ sec: 2, flags: ACK, seq: 101, ack: 501, payload: 10 });
    s.a({ sec: 2, ns: 1000, flags: ACK, seq: 111, ack: 501, payload: 10 });
    s.b({ sec: 2, ns: 2000, flags: ACK, seq: 501, ack: 111 });
    s.b({ sec: 2, ns: 3000, flags: ACK, seq: 501, ack: 111 });
    s.a({ sec: 2, ns: 4000, flags: ACK, seq: 111, ack: 501, payload: 10 });
    const [a, b] = s.records();
    expect(b.tcpAnomaly).toBe('0x0008');
    expect(a).toMatchObject({ tcpAnomaly: '0x0044', tcpSeqFaultCnt: '1' });
    expect(s.report()).toContain('tcpFlags: Number of TCP SYN retries, seq retries: 0, 1');
  });

  it('keeps the largest bytes in flight, reset by the other side\'s ACK', () => {
    const s = new Session();
    s.a({ sec: 1, flags: SYN, seq: 100 });
    s.b({ sec: 1, flags: SYN | ACK, seq: 500, ack: 101 });
    s.a({ sec: 2, flags: ACK, seq: 101, ack: 501, payload: 100 });
    s.a({ sec: 2, ns: 1, flags: ACK, seq: 201, ack: 501, payload: 100 });
    s.b({ sec: 2, ns: 2, flags: ACK, seq: 501, ack: 301 });
    s.a({ sec: 2, ns: 3, flags: ACK, seq: 301, ack: 501, payload: 50 });
    expect(s.records()[0].tcpBFlgtMx).toBe('200');
  });
});
