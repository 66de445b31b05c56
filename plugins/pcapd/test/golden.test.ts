import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { GOLDEN_DIR, PCAP_DIR, captures, goldenFile } from '../../../test/golden/corpus.ts';
import { runT2 } from '../../../test/golden/runT2.ts';
import { buildPlugins } from '../../../test/sinks/bundles.ts';
import { parsePcap, readPcap } from '../../../test/sinks/pcapFile.ts';

const prefixOf = (capture: string) => capture.replace(/\.[^.]*$/, '');

/** The golden pcapd file (kept only when it holds packets), or undefined. */
function goldenPcapPath(set: string, capture: string): string | undefined {
  const dir = join(GOLDEN_DIR, set, capture);
  for (const name of ['pcapd.pcap', 'pcapd.pcap.gz']) if (existsSync(join(dir, name))) return join(dir, name);
  return undefined;
}

/** Size of `<prefix>_pcapd.pcap` as T2 listed it in `outfiles`. */
function goldenSize(set: string, capture: string): number {
  const line = goldenFile(set, capture, 'outfiles')!.split('\n').find((l) => l.startsWith(`${prefixOf(capture)}_pcapd.pcap\t`))!;
  return Number(line.split('\t')[1]);
}

describe('pcapd against golden/tcpwin-alarm (ALARM_MODE=1, tcpWin raises FL_ALARM)', () => {
  let folder = '';
  beforeAll(() => {
    folder = buildPlugins(['basicFlow', 'basicStats', 'tcpStates', 'tcpWin', 'txtSink', 'pcapd'], { tranalyzer2: { ALARM_MODE: 1 } });
  }, 120_000);

  it.each(captures('tcpwin-alarm'))('%s: the same packets, byte for byte, and the same report line', (capture) => {
    const res = runT2(folder, ['-r', join(PCAP_DIR, capture), '-w', 'OUT/', '-l']);
    expect(res.rc).toBe(0);
    const name = `${prefixOf(capture)}_pcapd.pcap`;
    const ours = parsePcap(Buffer.from(res.files.get(name)!, 'latin1'));
    const golden = readPcap(goldenPcapPath('tcpwin-alarm', capture)!);
    expect({ ...ours, records: ours.records.length }).toEqual({ ...golden, records: golden.records.length });
    const firstDiff = golden.records.findIndex((r, k) => JSON.stringify(r) !== JSON.stringify(ours.records[k]));
    expect(firstDiff, `first differing packet`).toBe(-1);
    expect(res.files.get(name)!.length).toBe(goldenSize('tcpwin-alarm', capture));
    const reportLine = (log: string) => log.replace(/\x1b\[[0-9;]*m/g, '').split('\n').find((l) => l.startsWith('pcapd:'));
    expect(reportLine(res.files.get(`${prefixOf(capture)}_log.txt`)!)).toBe(reportLine(goldenFile('tcpwin-alarm', capture, 'log.txt')!));
  });
});

describe('pcapd against golden/default (no plugin raises FL_ALARM)', () => {
  let folder = '';
  beforeAll(() => {
    folder = buildPlugins(['basicFlow', 'basicStats', 'tcpStates', 'txtSink', 'pcapd']);
  }, 120_000);

  it.each(captures('default'))('%s: a header-only file with the input snaplen and linktype 1, no report line', (capture) => {
    const res = runT2(folder, ['-r', join(PCAP_DIR, capture), '-w', 'OUT/', '-l']);
    expect(String(res.rc)).toBe(goldenFile('default', capture, 'rc')!.trim());
    expect(goldenPcapPath('default', capture)).toBeUndefined();
    const file = res.files.get(`${prefixOf(capture)}_pcapd.pcap`)!;
    expect(file.length).toBe(goldenSize('default', capture));
    const snaplen = /^Snapshot length: (\d+)/m.exec(goldenFile('default', capture, 'log.txt')!)![1];
    const header = Buffer.from(file, 'latin1');
    expect(header.toString('hex', 0, 16)).toBe('4d3cb2a1020004000000000000000000');
    expect([header.readUInt32LE(16), header.readUInt32LE(20)]).toEqual([Number(snaplen), 1]);
    expect(res.files.get(`${prefixOf(capture)}_log.txt`)).not.toMatch(/pcapd:/);
  });
});

describe('pcapd copies frames unchanged (PD_MODE_IN=1: every packet of every flow)', () => {
  let folder = '';
  beforeAll(() => {
    folder = buildPlugins(['basicFlow', 'pcapd'], { pcapd: { PD_MODE_IN: 1 } });
  }, 120_000);

  it.each(['sll.pcap', 'LINKTYPE_IPV4.pcap', 'nanosecs_big_endian.pcap', 'vxlan.pcap'])(
    '%s: the input packets, labelled Ethernet, ns timestamps, little endian',
    (capture) => {
      const res = runT2(folder, ['-r', join(PCAP_DIR, capture), '-w', 'OUT/', '-l']);
      expect(res.rc).toBe(0);
      const input = readPcap(join(PCAP_DIR, capture));
      const raw = res.files.get(`${prefixOf(capture)}_pcapd.pcap`)!;
      const out = parsePcap(Buffer.from(raw, 'latin1'));
      expect([out.nanosecond, out.linktype, out.snaplen]).toEqual([true, 1, input.snaplen]);
      expect(out.records).toEqual(input.records);
      expect(raw.length).toBe(statSync(join(PCAP_DIR, capture)).size);
      expect(res.files.get(`${prefixOf(capture)}_log.txt`)).toMatch(/pcapd:\x1b\[0m number of packets extracted: \d+.* \[100\.00%\]/);
    },
  );
});
