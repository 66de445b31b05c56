import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openCaptureReader } from '../../capture/open.ts';
import { ReadStatus } from '../../capture/reader.ts';
import { ReportWriter } from '../../report/reportWriter.ts';
import { Stats } from '../../stats.ts';
import { Dissector } from '../dissector.ts';
import { Packet } from '../packet.ts';
import { PCAPS } from './corpusLib.ts';
import { type Bytes, eth, fill, ipv4, ipv6, load, tcp, u16, udp, vlan } from './frames.ts';

/** Packets the fast path took: whether a case went the fast way is part of what is tested. */
const taken = vi.hoisted(() => ({ count: 0 }));
vi.mock('../fastPath.ts', async (importOriginal) => {
  const { dissectFast } = await importOriginal<typeof import('../fastPath.ts')>();
  return {
    dissectFast: (...args: Parameters<typeof dissectFast>) => {
      const took = dissectFast(...args);
      if (took) taken.count++;
      return took;
    },
  };
});

const decoder = new TextDecoder();

const FAST_PATH_SHAPES = [
  'eth:ipv4:tcp', 'eth:vlan:ipv4:tcp', 'eth:ipv4:udp', 'eth:vlan:ipv4:udp',
  'eth:ipv6:tcp', 'eth:vlan:ipv6:tcp', 'eth:ipv6:udp', 'eth:vlan:ipv6:udp',
];

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

/**
 * One frame dissected both ways: the fields, what was printed and the counters must agree.
 * Returns the header description and whether the fast path took the frame.
 */
function compareFrame(frame: Bytes, caplen = frame.length, rawLen = frame.length): [string, boolean] {
  const text: string[][] = [[], []];
  const stats = [new Stats(), new Stats()];
  const packets = [new Packet(), new Packet()];
  const before = taken.count;
  [true, false].forEach((fast, k) => {
    const d = new Dissector(stats[k], new ReportWriter((t) => text[k].push(t)), fast);
    d.dissect(load(packets[k], frame, 1, caplen, rawLen));
  });
  const took = taken.count !== before;
  expect(fields(packets[0])).toBe(fields(packets[1]));
  expect(text[0]).toEqual(text[1]);
  expect([stats[0].bytesOnWire, stats[0].numDTLSPackets]).toEqual([stats[1].bytesOnWire, stats[1].numDTLSPackets]);
  return [decoder.decode(packets[0].hdrDesc.subarray(0, packets[0].hdrDescLen)), took];
}

/** Dissects every packet of a capture both ways; counts the packets the fast path took by shape. */
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
      const before = taken.count;
      fast.dissect(a);
      general.dissect(b);
      // The fast path describes a packet it took by one of FAST_PATH_SHAPES; any other packet went
      // the same general way in both.
      const k = shape(a);
      if (taken.count !== before) {
        if (k < 0) expect.fail(`${file} packet ${n}: fast path took a packet it does not describe`);
        shapes[k]++;
      }
      if (k >= 0 || shape(b) >= 0) {
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

describe('Ethernet/IPv4 and IPv6/TCP and UDP fast path', () => {
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
    expect(shapes[2]).toBeGreaterThan(500);
    expect(shapes[4]).toBeGreaterThan(50);
    expect(shapes[6]).toBeGreaterThan(100);
  });

  /** Whether a crafted frame is to go the fast way. */
  const FAST = true;
  const GENERAL = false;
  /** UDP payloads: an IPv6 packet between Teredo addresses, and a DTLS 1.2 record. */
  const teredo6 = [0x60, 0, 0, 0, 0, 0, 59, 64, 0x20, 0x01, 0, 0, ...fill(12, 0), 0x20, 0x01, 0, 0, ...fill(12, 0)];
  const dtls = [0x16, 0xfe, 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 1, 2, 3, 4];

  it('leaves what the general path treats specially to it', () => {
    const cases: [Bytes, string, boolean][] = [
      [eth(0x0800, ipv4({ proto: 17 }, udp(40000, 50000, teredo6))), 'eth:ipv4:udp:teredo:ipv6', GENERAL],
      // Teredo behind an authentication header (2 bytes of id, 2 of value) and an origin indication.
      [eth(0x0800, ipv4({ proto: 17 }, udp(40000, 50000, [0, 1, 2, 2, ...fill(13, 0), ...teredo6]))), 'eth:ipv4:udp:teredo:ipv6', GENERAL],
      [eth(0x0800, ipv4({ proto: 17 }, udp(40000, 50000, [0, 0, ...fill(6, 9), ...teredo6]))), 'eth:ipv4:udp:teredo:ipv6', GENERAL],
      // Only the destination in 2001::/32; no Teredo address but port 3544.
      [eth(0x0800, ipv4({ proto: 17 }, udp(40000, 50000, [...teredo6.slice(0, 8), ...fill(16, 0), ...teredo6.slice(24)]))), 'eth:ipv4:udp:teredo:ipv6', GENERAL],
      [eth(0x0800, ipv4({ proto: 17 }, udp(40000, 3544, [0x60, ...fill(39, 0)]))), 'eth:ipv4:udp:teredo:ipv6', GENERAL],
      // Between unprivileged ports but no Teredo: no Teredo address, not version 6, too short.
      [eth(0x0800, ipv4({ proto: 17 }, udp(40000, 50000, [0x60, ...fill(39, 0)]))), 'eth:ipv4:udp', FAST],
      [eth(0x0800, ipv4({ proto: 17 }, udp(40000, 50000, [0x50, ...teredo6.slice(1)]))), 'eth:ipv4:udp', FAST],
      [eth(0x0800, ipv4({ proto: 17 }, udp(40000, 50000, teredo6.slice(0, 39)))), 'eth:ipv4:udp', FAST],
      [eth(0x0800, ipv4({ proto: 17 }, udp(40000, 50000, fill(30, 0x41)))), 'eth:ipv4:udp', FAST],
      [eth(0x0800, ipv4({ proto: 17 }, udp(53, 50000, dtls))), 'eth:ipv4:udp:dtls1.2', GENERAL],
      [eth(0x0800, ipv4({ proto: 17 }, udp(53, 50000, [0x17, 0xfe, 0xff, ...fill(10, 0)]))), 'eth:ipv4:udp:dtls1.0', GENERAL],
      [eth(0x0800, ipv4({ proto: 17 }, udp(53, 50000, [0x3f, 0x01, 0x00, ...fill(10, 0)]))), 'eth:ipv4:udp:dtls1.0', GENERAL],
      // A content type's byte without a DTLS version after it, also as the frame's last byte.
      [eth(0x0800, ipv4({ proto: 17 }, udp(53, 50000, [0x16, 0x03, 0x01, ...fill(10, 0)]))), 'eth:ipv4:udp', FAST],
      [eth(0x0800, ipv4({ proto: 17 }, udp(53, 50000, [0x14]))), 'eth:ipv4:udp', FAST],
      [eth(0x0800, ipv4({ proto: 17 }, udp(40000, 4789, [8, 0, 0, 0, 0, 0, 1, 0, ...eth(0x0806, fill(28))]))), 'eth:ipv4:udp:vxlan:eth:arp', GENERAL],
      [eth(0x0800, ipv4({ proto: 17 }, udp(40000, 1900, fill(20)))), 'eth:ipv4:udp:ssdp', GENERAL],
      [eth(0x0800, ipv4({ proto: 6 }, tcp(40000, 1900, fill(20)))), 'eth:ipv4:tcp:ssdp', GENERAL],
      [eth(0x0800, ipv4({ proto: 17 }, udp(4500, 4500, [0xff]))), 'eth:ipv4:udp:udpencap', GENERAL],
      [eth(0x0800, ipv4({ proto: 17 }, udp(0, 53, fill(20)))), 'eth:ipv4:udp', GENERAL],
      [eth(0x8100, vlan(10, 0x8100, vlan(20, 0x0800, ipv4({ proto: 6 }, tcp(1, 2, fill(10)))))), 'eth:vlan{2}:ipv4:tcp', GENERAL],
      [eth(0x0800, ipv4({ proto: 6, frag: 0x2000 }, tcp(1, 2, fill(10)))), 'eth:ipv4:tcp', GENERAL],
      [eth(0x0800, ipv4({ proto: 6, ihl: 6 }, tcp(1, 2, fill(10)))), 'eth:ipv4:tcp', FAST],
      [eth(0x0800, ipv4({ proto: 6, totalLen: 0 }, tcp(1, 2, fill(10)))), 'eth:ipv4:tcp', FAST],
      [eth(0x0800, ipv4({ proto: 6, totalLen: 30 }, tcp(1, 2, []))), 'eth:ipv4:tcp', FAST],
      [eth(0x0800, ipv4({ proto: 17, totalLen: 24 }, udp(1, 2, []))), 'eth:ipv4:udp', FAST],
      [[0x01, 0, 0x0c, 0, 0, ...fill(21, 0), ...eth(0x0800, ipv4({ proto: 6 }, tcp(1, 2, [])))], 'isl:eth:ipv4:tcp', GENERAL],
      [eth(0x0800, [0x45, 0, ...u16(40), 0, 0, 0, 0, 64, 6, 0, 0, ...fill(8, 1), ...tcp(1, 2, [])]), 'eth:ipv4:tcp', FAST],
    ];
    cases.forEach(([frame, text, fast], i) => expect(compareFrame(frame), `case ${i}`).toEqual([text, fast]));
    // Snapped after the TCP header, padded on the wire, and a short frame.
    const frame = eth(0x0800, ipv4({ proto: 6 }, tcp(1, 2, fill(100))));
    expect(compareFrame(frame, 60)).toEqual(['eth:ipv4:tcp', GENERAL]);
    expect(compareFrame([...eth(0x0800, ipv4({ proto: 6 }, tcp(1, 2, []))), ...fill(6, 0)])).toEqual(['eth:ipv4:tcp', FAST]);
    expect(compareFrame(eth(0x0800, ipv4({ proto: 17 }, udp(1, 2, []))).slice(0, 40))).toEqual(['eth:ipv4:udp', GENERAL]);
  });

  it('takes plain IPv6 and leaves what the general path treats specially in it to the general path', () => {
    const v6 = (payload: Bytes, next = 6, payloadLen?: number) => eth(0x86dd, ipv6(next, payload, 0x11, 0x22, payloadLen));
    const l2tpControl = [0xc8, 0x02, ...fill(10, 0)];
    const tcpHdr = (dataOffset: number, payload: Bytes) => {
      const t = tcp(40000, 80, payload);
      t[12] = dataOffset << 4;
      return t;
    };
    const hopByHop = (next: number, payload: Bytes) => [next, 0, 1, 4, 0, 0, 0, 0, ...payload];
    const fragment = (next: number, payload: Bytes) => [next, 0, 0, 0, 0, 0, 0, 1, ...payload];
    const cases: [Bytes, string, boolean][] = [
      [v6(tcp(40000, 443, fill(30))), 'eth:ipv6:tcp', FAST],
      [v6(udp(53, 40000, fill(30)), 17), 'eth:ipv6:udp', FAST],
      [eth(0x8100, vlan(20, 0x86dd, ipv6(6, tcp(40000, 443, fill(30))))), 'eth:vlan:ipv6:tcp', FAST],
      [eth(0x8100, vlan(0x6000, 0x86dd, ipv6(17, udp(53, 40000, fill(30))))), 'eth:vlan:ipv6:udp', FAST],
      // Special to IPv4 only: Teredo between unprivileged ports, port tunnels, AYIYA, port 0.
      [v6(udp(40000, 50000, teredo6), 17), 'eth:ipv6:udp', FAST],
      [v6(udp(40000, 4789, [8, 0, 0, 0, 0, 0, 1, 0, ...eth(0x0806, fill(28))]), 17), 'eth:ipv6:udp', FAST],
      [v6(udp(40000, 2152, fill(30)), 17), 'eth:ipv6:udp', FAST],
      [v6(udp(40000, 5072, fill(30)), 17), 'eth:ipv6:udp', FAST],
      [v6(tcp(40000, 5072, fill(30))), 'eth:ipv6:tcp', FAST],
      [v6(udp(0, 53, fill(20)), 17), 'eth:ipv6:udp', FAST],
      // Zero payload length (jumbo without its option), too long or too short for the frame.
      [v6(tcp(40000, 443, fill(30)), 6, 0), 'eth:ipv6:tcp', FAST],
      [v6(tcp(40000, 443, fill(30)), 6, 1000), 'eth:ipv6:tcp', FAST],
      [v6(tcp(40000, 443, fill(30)), 6, 25), 'eth:ipv6:tcp', FAST],
      [v6(tcp(40000, 443, fill(30)), 6, 10), 'eth:ipv6:tcp', GENERAL],
      // TCP data offsets below 5 and beyond the payload.
      [v6(tcpHdr(0, fill(10))), 'eth:ipv6:tcp', FAST],
      [v6(tcpHdr(15, fill(10))), 'eth:ipv6:tcp', GENERAL],
      // Padded on the wire; a trailer beyond the IP packet is read for DTLS all the same.
      [[...v6(udp(1, 2, []), 17), 0, 0], 'eth:ipv6:udp', FAST],
      [[...v6(udp(53, 40000, []), 17), ...dtls], 'eth:ipv6:udp:dtls1.2', GENERAL],
      // Ports and payloads the general path looks at.
      [v6(udp(1701, 1701, l2tpControl), 17), 'eth:ipv6:udp:l2tp', GENERAL],
      [v6(udp(40000, 1900, fill(20)), 17), 'eth:ipv6:udp:ssdp', GENERAL],
      [v6(tcp(40000, 1900, fill(20))), 'eth:ipv6:tcp:ssdp', GENERAL],
      [v6(udp(4500, 4500, [0xff]), 17), 'eth:ipv6:udp:udpencap', GENERAL],
      [v6(udp(53, 50000, dtls), 17), 'eth:ipv6:udp:dtls1.2', GENERAL],
      // Extension headers, other protocols, L4 headers cut short, odd L2 and version.
      [v6(hopByHop(6, tcp(40000, 443, fill(30))), 0), 'eth:ipv6:ipv6.hopopts:tcp', GENERAL],
      [v6(fragment(17, udp(53, 40000, fill(30))), 44), 'eth:ipv6:ipv6.fraghdr:udp', GENERAL],
      [v6([128, 0, 0, 0, 0, 1, 0, 1, ...fill(20)], 58), 'eth:ipv6:icmpv6', GENERAL],
      [v6(tcp(40000, 443, []).slice(0, 12)), 'eth:ipv6:tcp', GENERAL],
      [v6(udp(53, 40000, []).slice(0, 6), 17), 'eth:ipv6', GENERAL],
      [eth(0x86dd, [0x40, ...ipv6(6, tcp(40000, 443, fill(30))).slice(1)]), 'eth:ipvx', GENERAL],
      [eth(0x8100, vlan(10, 0x8100, vlan(20, 0x86dd, ipv6(6, tcp(40000, 443, fill(10)))))), 'eth:vlan{2}:ipv6:tcp', GENERAL],
      [[0x01, 0, 0x0c, 0, 0, ...fill(21, 0), ...v6(tcp(40000, 443, []))], 'isl:eth:ipv6:tcp', GENERAL],
    ];
    cases.forEach(([frame, text, fast], i) => expect(compareFrame(frame), `case ${i}`).toEqual([text, fast]));
    const frame = v6(tcp(40000, 443, fill(100)));
    // Snapped: the general path warns.
    expect(compareFrame(frame, 100)).toEqual(['eth:ipv6:tcp', GENERAL]);
    // Longer on the wire than the IP packet (IPv6 counts the whole frame), and a jumbo frame.
    expect(compareFrame(frame, frame.length, frame.length + 20)).toEqual(['eth:ipv6:tcp', FAST]);
    expect(compareFrame(frame, frame.length, 70_000)).toEqual(['eth:ipv6:tcp', FAST]);
    expect(compareFrame(v6(tcp(40000, 443, fill(100)), 6, 0), frame.length, 70_000)).toEqual(['eth:ipv6:tcp', GENERAL]);
  });

  it('dissects generated traffic with VLAN tags and QinQ exactly as the general path does', () => {
    // The corpus has no single-tagged IPv4/TCP or IPv6 frame; the benchmark generator makes many.
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
      expect(shapes[4]).toBeGreaterThan(2_000);
      expect(shapes[5]).toBeGreaterThan(100);
      expect(shapes[6]).toBeGreaterThan(1_000);
      expect(shapes[7]).toBeGreaterThan(50);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
