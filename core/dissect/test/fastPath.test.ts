import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCaptureReader } from '../../capture/open.ts';
import { ReadStatus } from '../../capture/reader.ts';
import { ReportWriter } from '../../report/reportWriter.ts';
import { Stats } from '../../stats.ts';
import { Dissector } from '../dissector.ts';
import { Packet } from '../packet.ts';
import { PCAPS } from './corpusLib.ts';
import { type Bytes, eth, fill, ipv4, load, tcp, u16, udp, vlan } from './frames.ts';

const decoder = new TextDecoder();

const FAST_PATH_SHAPES = ['eth:ipv4:tcp', 'eth:vlan:ipv4:tcp', 'eth:ipv4:udp', 'eth:vlan:ipv4:udp'];

function shape(p: Packet): number {
  return FAST_PATH_SHAPES.indexOf(decoder.decode(p.hdrDesc.subarray(0, p.hdrDescLen)));
}

const SCALARS = Object.keys(new Packet()).filter((k) => typeof (new Packet() as unknown as Record<string, unknown>)[k] !== 'object');

/** Every field the dissector fills, as text. */
function fields(p: Packet): string {
  const r = p as unknown as Record<string, unknown>;
  const values = SCALARS.map((k) => `${k}=${String(r[k])}`);
  values.push(`ip=${p.ipWords.join(',')}`, `vlans=${p.vlans.subarray(0, p.vlanCount).join(',')}`);
  values.push(`hdrDesc=${decoder.decode(p.hdrDesc.subarray(0, p.hdrDescLen))}`);
  return values.join(' ');
}

/** One frame dissected both ways: the fields, what was printed and the counters must agree. */
function compareFrame(frame: Bytes, caplen = frame.length, rawLen = frame.length): string {
  const text: string[][] = [[], []];
  const stats = [new Stats(), new Stats()];
  const packets = [new Packet(), new Packet()];
  [true, false].forEach((fast, k) => {
    const d = new Dissector(stats[k], new ReportWriter((t) => text[k].push(t)), fast);
    d.dissect(load(packets[k], frame, 1, caplen, rawLen));
  });
  expect(fields(packets[0])).toBe(fields(packets[1]));
  expect(text[0]).toEqual(text[1]);
  expect([stats[0].bytesOnWire, stats[0].numDTLSPackets]).toEqual([stats[1].bytesOnWire, stats[1].numDTLSPackets]);
  return decoder.decode(packets[0].hdrDesc.subarray(0, packets[0].hdrDescLen));
}

/** Dissects every packet of a capture both ways; counts the packets of each fast-path shape. */
function compareCapture(file: string, shapes: number[]): void {
  const reader = openCaptureReader(file);
  const fastText: string[] = [];
  const generalText: string[] = [];
  const fastStats = new Stats();
  const generalStats = new Stats();
  const fast = new Dissector(fastStats, new ReportWriter((t) => fastText.push(t)));
  const general = new Dissector(generalStats, new ReportWriter((t) => generalText.push(t)), false);
  const a = new Packet();
  const b = new Packet();
  try {
    for (let n = 1; ; n++) {
      const status = reader.next(a);
      if (status === ReadStatus.Eof) break;
      if (status === ReadStatus.Error || a.caplen === 0) continue;
      b.buf = a.buf;
      b.view = a.view;
      b.start = a.start;
      b.caplen = a.caplen;
      b.rawLen = a.rawLen;
      b.tsSec = a.tsSec;
      b.tsNs = a.tsNs;
      b.linkType = a.linkType;
      fast.dissect(a);
      general.dissect(b);
      // The fast path describes a packet it took by one of FAST_PATH_SHAPES; any other packet went
      // the same general way in both.
      const k = shape(a);
      if (k >= 0 || shape(b) >= 0) {
        shapes[k]++;
        const f = fields(a);
        const g = fields(b);
        // expect() only on a difference: it is slow, and this runs for most packets of the corpus.
        if (f !== g) expect(f, `${file} packet ${n}`).toBe(g);
      }
      // What one packet printed can decide what a later one prints (once-only warnings).
      fastStats.globalHi |= a.statusHi;
      generalStats.globalHi |= b.statusHi;
    }
  } finally {
    reader.close();
  }
  // Field by field: toEqual over the 65536-entry per-EtherType arrays takes seconds.
  for (const [k, v] of Object.entries(fastStats)) {
    const other = (generalStats as unknown as Record<string, unknown>)[k];
    if (ArrayBuffer.isView(v)) expect(Buffer.compare(Buffer.from(v.buffer), Buffer.from((other as Float64Array).buffer)), k).toBe(0);
    else expect(v, k).toBe(other);
  }
  expect(fastText).toEqual(generalText);
}

describe('Ethernet/IPv4/TCP and UDP fast path', () => {
  const captures = readdirSync(PCAPS).filter((f) => /\.(pcap|pcapng)$/.test(f)).sort();

  it('dissects every packet of the corpus exactly as the general path does', () => {
    const shapes = FAST_PATH_SHAPES.map(() => 0);
    for (const cap of captures) {
      try {
        compareCapture(join(PCAPS, cap), shapes);
      } catch (e) {
        if ((e as Error).name === 'CaptureOpenError') continue;
        throw e;
      }
    }
    expect(shapes[0]).toBeGreaterThan(10_000);
    expect(shapes[2]).toBeGreaterThan(2_000);
  });

  it('leaves what the general path treats specially to it', () => {
    const teredo6 = [0x60, 0, 0, 0, 0, 0, 59, 64, 0x20, 0x01, 0, 0, ...fill(12, 0), 0x20, 0x01, 0, 0, ...fill(12, 0)];
    const dtls = [0x16, 0xfe, 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 1, 2, 3, 4];
    const cases: [Bytes, string][] = [
      [eth(0x0800, ipv4({ proto: 17 }, udp(40000, 50000, teredo6))), 'eth:ipv4:udp:teredo:ipv6'],
      [eth(0x0800, ipv4({ proto: 17 }, udp(53, 50000, dtls))), 'eth:ipv4:udp:dtls1.2'],
      [eth(0x0800, ipv4({ proto: 17 }, udp(40000, 4789, [8, 0, 0, 0, 0, 0, 1, 0, ...eth(0x0806, fill(28))]))), 'eth:ipv4:udp:vxlan:eth:arp'],
      [eth(0x0800, ipv4({ proto: 17 }, udp(40000, 1900, fill(20)))), 'eth:ipv4:udp:ssdp'],
      [eth(0x0800, ipv4({ proto: 6 }, tcp(40000, 1900, fill(20)))), 'eth:ipv4:tcp:ssdp'],
      [eth(0x0800, ipv4({ proto: 17 }, udp(4500, 4500, [0xff]))), 'eth:ipv4:udp:udpencap'],
      [eth(0x0800, ipv4({ proto: 17 }, udp(0, 53, fill(20)))), 'eth:ipv4:udp'],
      [eth(0x8100, vlan(10, 0x8100, vlan(20, 0x0800, ipv4({ proto: 6 }, tcp(1, 2, fill(10)))))), 'eth:vlan{2}:ipv4:tcp'],
      [eth(0x0800, ipv4({ proto: 6, frag: 0x2000 }, tcp(1, 2, fill(10)))), 'eth:ipv4:tcp'],
      [eth(0x0800, ipv4({ proto: 6, ihl: 6 }, tcp(1, 2, fill(10)))), 'eth:ipv4:tcp'],
      [eth(0x0800, ipv4({ proto: 6, totalLen: 0 }, tcp(1, 2, fill(10)))), 'eth:ipv4:tcp'],
      [eth(0x0800, ipv4({ proto: 6, totalLen: 30 }, tcp(1, 2, []))), 'eth:ipv4:tcp'],
      [eth(0x0800, ipv4({ proto: 17, totalLen: 24 }, udp(1, 2, []))), 'eth:ipv4:udp'],
      [[0x01, 0, 0x0c, 0, 0, ...fill(21, 0), ...eth(0x0800, ipv4({ proto: 6 }, tcp(1, 2, [])))], 'isl:eth:ipv4:tcp'],
      [eth(0x0800, [0x45, 0, ...u16(40), 0, 0, 0, 0, 64, 6, 0, 0, ...fill(8, 1), ...tcp(1, 2, [])]), 'eth:ipv4:tcp'],
    ];
    for (const [frame, text] of cases) expect(compareFrame(frame)).toBe(text);
    // Snapped after the TCP header, padded on the wire, and a short frame.
    const frame = eth(0x0800, ipv4({ proto: 6 }, tcp(1, 2, fill(100))));
    expect(compareFrame(frame, 60)).toBe('eth:ipv4:tcp');
    expect(compareFrame([...eth(0x0800, ipv4({ proto: 6 }, tcp(1, 2, []))), ...fill(6, 0)])).toBe('eth:ipv4:tcp');
    expect(compareFrame(eth(0x0800, ipv4({ proto: 17 }, udp(1, 2, []))).slice(0, 40))).toBe('eth:ipv4:udp');
  });

  it('dissects generated traffic with VLAN tags and QinQ exactly as the general path does', () => {
    // The corpus has no single-tagged IPv4/TCP frame; the benchmark generator makes many.
    const dir = mkdtempSync(join(tmpdir(), 't2-fastpath-'));
    try {
      const file = join(dir, 'synth.pcap');
      const generator = resolve(PCAPS, '../tools/gen-pcap.py');
      execFileSync('python3', [generator, '-o', file, '-n', '30000', '--seed', '3', '--duration', '60'], { stdio: 'ignore' });
      const shapes = FAST_PATH_SHAPES.map(() => 0);
      compareCapture(file, shapes);
      expect(shapes[0]).toBeGreaterThan(5_000);
      expect(shapes[1]).toBeGreaterThan(2_000);
      expect(shapes[3]).toBeGreaterThan(200);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
