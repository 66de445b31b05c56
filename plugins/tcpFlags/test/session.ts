import { FakeAnalyzer } from '../../basicFlow/test/harness/fakeAnalyzer.ts';
import { plainReport } from '../../basicFlow/test/harness/fakeCore.ts';
import tcpFlags from '../index.ts';
import { framePacket, type Frame } from './frames.ts';

export { ACK, FIN, PSH, RST, SYN, URG } from '../../basicFlow/test/harness/packetBuilder.ts';

/** Client 10.0.0.1:1234 (2001:db8::1) → server 10.0.0.2:80 (2001:db8::2) unless the frame says otherwise. */
const CLIENT = { sport: 1234, dport: 80 };
const SERVER = { sport: 80, dport: 1234 };

function addresses(f: Frame, server: boolean): Frame {
  const [c, s] = f.v6 ? ['2001:db8::1', '2001:db8::2'] : ['10.0.0.1', '10.0.0.2'];
  return server ? { src: s, dst: c, ...SERVER, ...f } : { src: c, dst: s, ...CLIENT, ...f };
}

/** tcpFlags alone on the fake core, fed with frames through the real dissector. */
export class Session {
  readonly an: FakeAnalyzer;

  constructor(capacity = 64) {
    this.an = new FakeAnalyzer([tcpFlags], capacity);
  }

  /** A packet from the client (A direction); returns its flow slot. */
  a(f: Frame): number {
    return this.an.packet(framePacket(this.an.core, addresses(f, false)));
  }

  /** A packet from the server (B direction). */
  b(f: Frame): number {
    return this.an.packet(framePacket(this.an.core, addresses(f, true)));
  }

  /** Ends all flows and returns the records in output order. */
  records(): Record<string, string>[] {
    this.an.finish();
    return this.an.records;
  }

  /** The end report without colours. */
  report(): string[] {
    this.an.core.reportText = '';
    tcpFlags.report?.(this.an.core.report);
    return plainReport(this.an.core);
  }
}
