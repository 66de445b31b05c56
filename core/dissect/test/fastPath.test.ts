import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCaptureReader } from '../../capture/open.ts';
import { ReadStatus } from '../../capture/reader.ts';
import { ReportWriter } from '../../report/reportWriter.ts';
import { Stats } from '../../stats.ts';
import { Dissector } from '../dissector.ts';
import { Packet } from '../packet.ts';
import { PCAPS } from './corpusLib.ts';

const decoder = new TextDecoder();

function isEthIpv4Tcp(p: Packet): boolean {
  return p.hdrDescLen === 12 && decoder.decode(p.hdrDesc.subarray(0, 12)) === 'eth:ipv4:tcp';
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

/** Dissects every packet of a capture both ways; returns how many were Ethernet/IPv4/TCP. */
function compareCapture(file: string): number {
  const reader = openCaptureReader(file);
  const fastText: string[] = [];
  const generalText: string[] = [];
  const fastStats = new Stats();
  const generalStats = new Stats();
  const fast = new Dissector(fastStats, new ReportWriter((t) => fastText.push(t)));
  const general = new Dissector(generalStats, new ReportWriter((t) => generalText.push(t)), false);
  const a = new Packet();
  const b = new Packet();
  let fastOnes = 0;
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
      // The fast path always describes a packet it took as eth:ipv4:tcp; any other packet went
      // the same general way in both.
      if (isEthIpv4Tcp(a) || isEthIpv4Tcp(b)) {
        fastOnes++;
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
  return fastOnes;
}

describe('Ethernet/IPv4/TCP fast path', () => {
  const captures = readdirSync(PCAPS).filter((f) => /\.(pcap|pcapng)$/.test(f)).sort();

  it('dissects every packet of the corpus exactly as the general path does', () => {
    let fastOnes = 0;
    for (const cap of captures) {
      try {
        fastOnes += compareCapture(join(PCAPS, cap));
      } catch (e) {
        if ((e as Error).name === 'CaptureOpenError') continue;
        throw e;
      }
    }
    expect(fastOnes).toBeGreaterThan(10_000);
  });
});
