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

const decoder = new TextDecoder();

const FAST_PATH_SHAPES = ['eth:ipv4:tcp', 'eth:vlan:ipv4:tcp'];

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
      // The fast path describes a packet it took as eth(:vlan):ipv4:tcp; any other packet went
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

describe('Ethernet/IPv4/TCP fast path', () => {
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
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
