import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../core/analyzer/analyzer.ts';
import { CaptureOpenError } from '../../core/capture/errors.ts';
import { linkTypeSupport } from '../../core/capture/linkTypes.ts';
import { openCapture } from '../../core/capture/open.ts';
import { ReadStatus } from '../../core/capture/reader.ts';
import { ReportWriter } from '../../core/report/reportWriter.ts';
import basicFlow from '../../plugins/basicFlow/index.ts';
import basicStats from '../../plugins/basicStats/index.ts';
import tcpFlags from '../../plugins/tcpFlags/index.ts';
import tcpStates from '../../plugins/tcpStates/index.ts';
import txtSink from '../../plugins/txtSink/index.ts';
import { PCAP_DIR } from '../golden/corpus.ts';

/** xorshift32: the same mutations on every run, so a failure can be replayed. */
function rng(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

/** Offsets of the packet data of a little-endian classic pcap's records (empty for other formats). */
function packetStarts(data: Buffer): number[] {
  if (data.readUInt32LE(0) !== 0xa1b2c3d4) return [];
  const starts: number[] = [];
  for (let off = 24; off + 16 <= data.length; off += 16 + data.readUInt32LE(off + 8)) starts.push(off + 16);
  return starts;
}

/**
 * A damaged copy: bytes changed in the first 80 bytes of packets (where the headers are
 * dissected), anywhere in the file (record headers, blocks), and sometimes cut short.
 */
function mutate(data: Buffer, random: () => number): Buffer {
  const out = Buffer.from(data);
  for (const start of packetStarts(data)) {
    if (random() < 0.3) out[start + Math.floor(random() * 80)] = Math.floor(random() * 256);
  }
  const flips = 1 + Math.floor(random() * 40);
  for (let i = 0; i < flips; i++) {
    const at = 24 + Math.floor(random() * (out.length - 24));
    out[at] = Math.floor(random() * 256);
  }
  if (random() < 0.3) return out.subarray(0, 24 + Math.floor(random() * (out.length - 24)));
  return out;
}

const CAPTURES = [
  'many-protocols.pcap', 'gtp-u.pcap', 'vxlan.pcap', 'GrePackets.cap', '6in4tunnel.pcap', 'ip4_fragments.pcap',
  'ip6_fragments.pcap', 'MplsPackets.pcap', 'pppoe-session-http.pcap', 'sll.pcap', 'pcapng-example.pcapng',
  'many_interfaces-1.pcapng', '80211-radiotap-http.pcap', 'badpackets.pcap', 'sctp-www.pcap', 'IgmpPackets.pcap',
];
const ROUNDS = 16;

describe('malformed captures', () => {
  it.each(CAPTURES)('%s: damaged copies are read to the end without an exception', (capture) => {
    const original = readFileSync(join(PCAP_DIR, capture));
    const random = rng(capture.length * 7919 + original.length);
    const dir = mkdtempSync(join(tmpdir(), 't2fuzz-'));
    for (let round = 0; round < ROUNDS; round++) {
      const file = join(dir, `r${round}.pcap`);
      writeFileSync(file, mutate(original, random));
      let opened;
      try {
        opened = openCapture(file, () => {});
      } catch (e) {
        expect(e).toBeInstanceOf(CaptureOpenError);
        continue;
      }
      const analyzer = new Analyzer({
        capacity: 4096,
        flowTimeout: 182,
        alarmMode: false,
        alarmAnd: false,
        forceMode: false,
        outputPrefix: join(dir, `r${round}`),
        snaplen: opened.reader.snaplen,
        inputSize: opened.captureFileSize,
        sensorId: 666,
        report: new ReportWriter(() => {}),
        plugins: [basicFlow, basicStats, tcpFlags, tcpStates, txtSink],
        headerPreamble: () => '',
        error: () => {},
        autopilotWarning: () => {},
      });
      analyzer.initPlugins();
      let status: ReadStatus;
      let packets = 0;
      while ((status = opened.reader.next(analyzer.pkt)) !== ReadStatus.Eof) {
        if (status !== ReadStatus.Packet) continue;
        if (linkTypeSupport(analyzer.pkt.linkType) !== 'supported') break;
        analyzer.processPacket();
        packets++;
      }
      analyzer.flushAll();
      analyzer.host.finalize();
      opened.reader.close();
      const s = analyzer.stats;
      expect(s.numPackets).toBe(packets);
      expect(s.numAPackets + s.numBPackets).toBeLessThanOrEqual(s.numPackets);
      expect(s.flowsInMemory).toBe(0);
      const lines = readFileSync(join(dir, `r${round}_flows.txt`), 'latin1').split('\n');
      expect(lines.length - 2).toBe(s.totalAFlows + s.totalBFlows);
    }
  });
});
