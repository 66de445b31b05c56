import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Packet } from '../../dissect/packet.ts';
import { linkTypeError, linkTypeLine, linkTypeSupport } from '../linkTypes.ts';
import { openCapture, PCAPNG_WARNING } from '../open.ts';
import { ReadStatus } from '../reader.ts';

const SHARED = resolve(import.meta.dirname, '../../../../shared');
const PCAPS = join(SHARED, 'pcaps');
const GOLDEN = join(SHARED, 'golden', 'tutorial');

const manifest = readFileSync(join(PCAPS, 'MANIFEST.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split('\t')[0]);

const index = new Map(
  readFileSync(join(SHARED, 'golden', 'INDEX.tsv'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split('\t'))
    .filter((c) => c[0] === 'tutorial')
    .map((c) => [c[1], { rc: Number(c[2]), packets: c[3] === '' ? 0 : Number(c[3]), dispatchWarnings: Number(c[9]) }]),
);

/** Round to IEEE single precision, as T2's float intermediates are. */
const f32 = Math.fround;

interface Run {
  format: string;
  warnings: string[];
  linkType: number;
  snaplen: number;
  size: number;
  packets: number;
  bytes: number;
  /** Packets whose record fields are inconsistent (must stay 0). */
  malformed: number;
  /** T2's report-stream lines for reader errors (consecutive duplicates suppressed), and where they fall. */
  dispatch: string[];
  dispatchBeforeFirstPacket: number;
}

function run(capture: string): Run {
  const warnings: string[] = [];
  const { reader, captureFileSize } = openCapture(join(PCAPS, capture), (w) => warnings.push(w));
  const pkt = new Packet();
  const res: Run = {
    format: reader.format,
    warnings,
    linkType: reader.linkType,
    snaplen: reader.snaplen,
    size: captureFileSize,
    packets: 0,
    bytes: 0,
    malformed: 0,
    dispatch: [],
    dispatchBeforeFirstPacket: 0,
  };
  let last = '';
  for (;;) {
    const st = reader.next(pkt);
    if (st === ReadStatus.Eof) break;
    if (st === ReadStatus.Error) {
      if (reader.error !== last) res.dispatch.push(`[WRN] pcap_dispatch failed: ${reader.error}`);
      last = reader.error;
      if (res.packets === 0) res.dispatchBeforeFirstPacket = res.dispatch.length;
      continue;
    }
    if (pkt.linkType !== reader.linkType || pkt.start + pkt.caplen > pkt.buf.length) res.malformed++;
    res.packets++;
    res.bytes += pkt.caplen;
  }
  reader.close();
  return res;
}

describe('golden corpus (tutorial set)', () => {
  it('covers every capture of the manifest', () => {
    expect(manifest.length).toBeGreaterThanOrEqual(55);
    for (const c of manifest) {
      expect(existsSync(join(PCAPS, c)), c).toBe(true);
      expect(index.has(c), c).toBe(true);
    }
  });

  it.each(manifest)('%s', (capture) => {
    const golden = index.get(capture)!;
    const dir = join(GOLDEN, capture);
    const log = readFileSync(join(dir, 'log.txt'), 'latin1').split('\n');
    const stderr = readFileSync(join(dir, 'stderr.txt'), 'latin1');
    const rc = Number(readFileSync(join(dir, 'rc'), 'utf8'));
    expect(rc).toBe(golden.rc);

    const r = run(capture);
    expect(r.malformed).toBe(0);
    expect(r.warnings).toEqual(r.format === 'pcapng' ? [PCAPNG_WARNING] : []);
    expect(r.warnings.map((w) => `[WRN] ${w}`)).toEqual(log.filter((l) => l.startsWith('[WRN] PCAP-NG')));
    expect(log).toContain(linkTypeLine(r.linkType));
    expect(log.find((l) => l.startsWith('Snapshot length: '))?.split(' ')[2]).toBe(String(r.snaplen));

    if (rc === 1) {
      // Unsupported link type: T2 stops at the first packet, after `Dump start`.
      expect(linkTypeSupport(r.linkType)).toBe('unsupported');
      expect(stderr).toBe(`[ERR] ${linkTypeError(r.linkType)}\n`);
      expect(log.at(-2)).toMatch(/^Dump start: /);
      expect(r.packets).toBeGreaterThan(0);
      return;
    }
    expect(linkTypeSupport(r.linkType)).toBe('supported');
    expect(stderr).toBe('');
    expect(r.packets).toBe(golden.packets);
    expect(r.dispatch).toEqual(log.filter((l) => l.startsWith('[WRN] pcap_dispatch failed: ')));
    expect(r.dispatch).toHaveLength(golden.dispatchWarnings);
    const dumpStart = log.findIndex((l) => l.startsWith('Dump start: '));
    if (r.packets > 0) {
      const before = log.slice(0, dumpStart).filter((l) => l.startsWith('[WRN] pcap_dispatch failed: '));
      expect(before).toHaveLength(r.dispatchBeforeFirstPacket);
    }
    // captureFileSize and the byte counts drive these two end-report lines.
    expect(log.find((l) => l.startsWith('Number of pcap bytes: '))?.split(' ')[4]).toBe(String(r.size));
    const pct = f32(100 * f32(24 + r.bytes + 16 * r.packets)) / r.size;
    expect(log).toContain(`Percentage completed: ${pct.toFixed(2)}%`);
  });

  it('names unknown DLTs (null) and keeps LAPD apart', () => {
    expect(linkTypeLine(160)).toBe('Link layer type: (null) [(null)/160]');
    expect(linkTypeError(276)).toBe('Unsupported link-layer type: Linux cooked v2 [LINUX_SLL2/276]');
    expect(linkTypeSupport(177)).toBe('lapdDisabled');
    expect(linkTypeError(203)).toBe('Support for LAPD flows currently disabled');
    expect(linkTypeLine(12)).toBe('Link layer type: Raw IP [RAW/12]');
  });
});
