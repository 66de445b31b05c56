import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { GOLDEN_DIR, PCAP_DIR } from '../../../test/golden/corpus.ts';
import { runT2 } from '../../../test/golden/runT2.ts';
import { buildPlugins } from '../../../test/sinks/bundles.ts';
import { parsePcap, readPcap } from '../../../test/sinks/pcapFile.ts';

/** Flow-index mode on tcpreplay-test.pcap (pcapd.md §2.1, §3 and §6 give the reference counts). */
const CAPTURE = join(PCAP_DIR, 'tcpreplay-test.pcap');
const PLUGINS = ['basicFlow', 'txtSink', 'pcapd'];

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'pcapd-'));
}

/** Binary index file: uint64 count, then the uint64 indexes (little endian). */
function binaryIndex(indexes: number[], declared = indexes.length): Buffer {
  const b = Buffer.alloc(8 + 8 * indexes.length);
  b.writeBigUInt64LE(BigInt(declared), 0);
  indexes.forEach((x, k) => b.writeBigUInt64LE(BigInt(x), 8 + 8 * k));
  return b;
}

function writeIndex(data: Buffer | string): string {
  const file = join(scratch(), 'idx.bin');
  writeFileSync(file, data);
  return file;
}

/** flowInd of every flow line, by direction, from the flow file. */
function flowsOf(flowsTxt: string): { ind: number; dir: string }[] {
  return flowsTxt
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t'))
    .map((f) => ({ dir: f[0]!, ind: Number(f[1]) }));
}

const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

describe('pcapd -e (binary index file, default build)', () => {
  let folder = '';
  beforeAll(() => {
    folder = buildPlugins(PLUGINS);
  }, 60_000);

  it('writes every packet of flows 1 and 4 (both directions) next to the index file, ignoring -w', () => {
    const idx = writeIndex(binaryIndex([1, 4]));
    const res = runT2(folder, ['-r', CAPTURE, '-w', 'OUT/', '-e', idx]);
    expect(res.rc).toBe(0);
    expect([...res.files.keys()].filter((f) => f.includes('pcapd'))).toEqual([]);
    const out = readPcap(`${idx}_pcapd.pcap`);
    expect(out.records.length).toBe(63);
    expect(plain(res.stdout)).toContain('[INF] pcapd: 2 flow indices\n');
    expect(plain(res.stdout)).toMatch(/^pcapd: number of packets extracted: 63 \[\d+\.\d\d%\]$/m);
    // the extracted packets are the input packets of those flows, in input order
    const input = readPcap(CAPTURE).records;
    const inFlows = input.filter((r) => out.records.some((o) => o.data.equals(r.data) && o.sec === r.sec && o.ns === r.ns));
    expect(inFlows.length).toBe(63);
  });

  it('misses entries of an unsorted file (binary search), as T2 does', () => {
    const sorted = readPcap(`${runWith(folder, binaryIndex([1, 4, 9]))}`).records.length;
    const unsorted = readPcap(`${runWith(folder, binaryIndex([9, 1, 4]))}`).records.length;
    expect(unsorted).toBeLessThan(sorted);
  });

  it('warns about a short file and takes a text file as a (huge) binary count', () => {
    const short = writeIndex(binaryIndex([1, 4], 3));
    const res = runT2(folder, ['-r', CAPTURE, '-w', 'OUT/', '-e', short]);
    expect(plain(res.stdout)).toContain(`[WRN] Expected 3 records in file '${short}', but found 2\n[INF] pcapd: 3 flow indices\n`);
    expect(readPcap(`${short}_pcapd.pcap`).records.length).toBe(63);

    const text = writeIndex('# comment\n4\n1\n');
    const t = runT2(folder, ['-r', CAPTURE, '-w', 'OUT/', '-e', text]);
    expect(plain(t.stdout)).toContain(`[WRN] Expected 1868767267 records in file '${text}', but found 0\n[INF] pcapd: 1868767267 flow indices\n`);
    expect(readFileSync(`${text}_pcapd.pcap`).length).toBe(24);
  });

  it('fails with exit status 1 when the index file cannot be opened', () => {
    const missing = join(scratch(), 'nope.bin');
    const res = runT2(folder, ['-r', CAPTURE, '-w', 'OUT/', '-e', missing]);
    expect(res.rc).toBe(1);
    expect(plain(res.stderr)).toContain(`[ERR] Failed to open file '${missing}': No such file or directory`);
  });

  it('takes its suffix from $PD_SUFFIX', () => {
    const res = runT2WithEnv(folder, { PD_SUFFIX: '_xyz.pcap' });
    expect(res).toContain('tcpreplay-test_xyz.pcap');
  });
});

function runWith(folder: string, index: Buffer): string {
  const idx = writeIndex(index);
  expect(runT2(folder, ['-r', CAPTURE, '-w', 'OUT/', '-e', idx]).rc).toBe(0);
  return `${idx}_pcapd.pcap`;
}

function runT2WithEnv(folder: string, env: Record<string, string>): string[] {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return [...runT2(folder, ['-r', CAPTURE, '-w', 'OUT/']).files.keys()];
  } finally {
    for (const k of Object.keys(env)) if (saved[k] === undefined) delete process.env[k];
  }
}

describe('pcapd -e with rebuilt variants', () => {
  it('PD_DIRSEL=2 writes only the A flows of the listed indexes', () => {
    const folder = buildPlugins(PLUGINS, { pcapd: { PD_DIRSEL: 2 } });
    const idx = writeIndex(binaryIndex([1, 4]));
    const res = runT2(folder, ['-r', CAPTURE, '-w', 'OUT/', '-e', idx]);
    expect(readPcap(`${idx}_pcapd.pcap`).records.length).toBe(26);
    expect(flowsOf(res.files.get('tcpreplay-test_flows.txt')!).filter((f) => [1, 4].includes(f.ind)).length).toBe(4);
  }, 60_000);

  it('PD_EQ=0 writes every other flow', () => {
    const folder = buildPlugins(PLUGINS, { pcapd: { PD_EQ: 0 } });
    const idx = writeIndex(binaryIndex([1, 4]));
    runT2(folder, ['-r', CAPTURE, '-w', 'OUT/', '-e', idx]);
    expect(readPcap(`${idx}_pcapd.pcap`).records.length).toBe(116);
  }, 60_000);

  it('PD_LBSRCH=0 reads a text file: lines starting with a digit; none usable is fatal', () => {
    const folder = buildPlugins(PLUGINS, { pcapd: { PD_LBSRCH: 0 } });
    const idx = writeIndex('# comment\n4\n1\nx9\n');
    const res = runT2(folder, ['-r', CAPTURE, '-w', 'OUT/', '-e', idx]);
    expect(plain(res.stdout)).toContain('[INF] pcapd: 2 flow indices\n');
    expect(readPcap(`${idx}_pcapd.pcap`).records.length).toBe(63);

    const useless = writeIndex('# nothing\nx\n');
    const bad = runT2(folder, ['-r', CAPTURE, '-w', 'OUT/', '-e', useless]);
    expect(bad.rc).toBe(1);
    expect(plain(bad.stderr)).toContain(`[ERR] pcapd: No usable information in file '${useless}'`);
  }, 60_000);

  it('PD_MODE_PKT=1 keeps only packets 1..10 of the selected flows', () => {
    const folder = buildPlugins(PLUGINS, { pcapd: { PD_MODE_PKT: 1, PD_MODE_IN: 1 } });
    const res = runT2(folder, ['-r', CAPTURE, '-w', 'OUT/']);
    const out = parsePcap(Buffer.from(res.files.get('tcpreplay-test_pcapd.pcap')!, 'latin1'));
    expect(out.records).toEqual(readPcap(CAPTURE).records.slice(0, 10));
  }, 60_000);

  it('PD_SPLIT=1 with -W: the first file has no number, the next ones start+1, start+2, ...', () => {
    const folder = buildPlugins(PLUGINS, { pcapd: { PD_SPLIT: 1, PD_MODE_IN: 1 } });
    const out = scratch();
    const res = runT2(folder, ['-r', CAPTURE, '-W', `${out}/part:20000,5`], out);
    expect(res.rc).toBe(0);
    const base = 'part_pcapd.pcap';
    const numbers = [...res.files.keys()]
      .filter((f) => f.startsWith(base))
      .map((f) => (f === base ? 0 : Number(f.slice(base.length))))
      .sort((a, b) => a - b);
    expect(numbers.length).toBeGreaterThan(2);
    expect(numbers).toEqual([0, ...numbers.slice(1).map((_, k) => 6 + k)]);
    const packets = numbers.flatMap((n) => parsePcap(Buffer.from(res.files.get(n ? base + n : base)!, 'latin1')).records);
    expect(packets).toEqual(readPcap(CAPTURE).records);
  }, 60_000);
});

describe('pcapd PD_OPP=1 (ALARM_MODE build, tcpWin raises the alarms)', () => {
  it('also writes the opposite direction of an alarmed flow from then on', () => {
    const folder = buildPlugins(['basicFlow', 'basicStats', 'tcpStates', 'tcpWin', 'txtSink', 'pcapd'], {
      tranalyzer2: { ALARM_MODE: 1 },
      pcapd: { PD_OPP: 1 },
    });
    const res = runT2(folder, ['-r', join(PCAP_DIR, 'http-mime-truncated.pcap'), '-w', 'OUT/']);
    const ours = parsePcap(Buffer.from(res.files.get('http-mime-truncated_pcapd.pcap')!, 'latin1')).records;
    const oneWay = readPcap(join(GOLDEN_DIR, 'tcpwin-alarm/http-mime-truncated.pcap/pcapd.pcap')).records;
    expect(ours.length).toBeGreaterThan(oneWay.length);
    // the one-direction packets are all there, in order, with the opposite direction's in between
    let k = 0;
    for (const r of ours) if (k < oneWay.length && r.data.equals(oneWay[k]!.data) && r.sec === oneWay[k]!.sec) k++;
    expect(k).toBe(oneWay.length);
    expect(ours[0]).toEqual(oneWay[0]);
  }, 60_000);
});

describe('pcapd PD_MODE_OUT=1 (one file per flow index, with PD_MODE_IN=1)', () => {
  it('writes 28 files, each direction in its own blocks (B first at the end of input), appended to by a second run', () => {
    const folder = buildPlugins(PLUGINS, { pcapd: { PD_MODE_IN: 1, PD_MODE_OUT: 1 } });
    const out = scratch();
    const res = runT2(folder, ['-r', CAPTURE, '-w', `${out}/`], out);
    expect(res.rc).toBe(0);
    const names = [...res.files.keys()].filter((f) => f.startsWith('tcpreplay-test_pcapd.pcap'));
    expect(names.sort()).toEqual(Array.from({ length: 28 }, (_, k) => `tcpreplay-test_pcapd.pcap${k + 1}`).sort());
    const rows = res.files.get('tcpreplay-test_flows.txt')!.trimEnd().split('\n');
    const srcIP = rows[0]!.slice(1).split('\t').indexOf('srcIP');
    /** A or B for each packet of a flow file, by the IPv4 source address of its Ethernet frame. */
    const directions = (ind: number) => {
      const a = rows.map((l) => l.split('\t')).find((f) => f[0] === 'A' && f[1] === String(ind))![srcIP];
      return parsePcap(Buffer.from(res.files.get(`tcpreplay-test_pcapd.pcap${ind}`)!, 'latin1'))
        .records.map((r) => ([...r.data.subarray(26, 30)].join('.') === a ? 'A' : 'B'))
        .join('');
    };
    expect(directions(1)).toBe('BBBBAAAAA');
    expect(directions(4)).toBe('B'.repeat(33) + 'A'.repeat(21));
    const all = names.flatMap((n) => parsePcap(Buffer.from(res.files.get(n)!, 'latin1')).records);
    expect(all.length).toBe(179);

    const again = runT2(folder, ['-r', CAPTURE, '-w', `${out}/`], out);
    for (const n of names) expect(again.files.get(n)!.length).toBe(2 * res.files.get(n)!.length - 24);
  }, 60_000);
});

describe('pcapd rewrites (PD_TSHFT, PD_MACSHFT, PD_VLNSHFT, PD_IPSHFT, PD_TTLSHFT=1, PD_CHKSUML3)', () => {
  let folder = '';
  beforeAll(() => {
    const flags = { PD_MODE_IN: 1, PD_TSHFT: 1, PD_TTSFTS: 2, PD_TTSFTNMS: 999_999_999, PD_MACSHFT: 1, PD_VLNSHFT: 1, PD_IPSHFT: 1, PD_TTLSHFT: 1, PD_CHKSUML3: 1 };
    folder = buildPlugins(PLUGINS, { pcapd: flags });
  }, 60_000);

  it.each([
    ['tcpreplay-test.pcap', 100, 0],
    ['VlanPackets.pcap', 0, 10],
  ])('%s: exactly the shifted fields of every written packet change', (capture, minIpv4, minVlan) => {
    const res = runT2(folder, ['-r', join(PCAP_DIR, capture), '-w', 'OUT/']);
    const out = parsePcap(Buffer.from(res.files.get(capture.replace(/\.pcap$/, '_pcapd.pcap'))!, 'latin1')).records;
    const input = readPcap(join(PCAP_DIR, capture)).records;
    expect(out.length).toBe(input.length);
    let ipv4 = 0;
    let vlan = 0;
    input.forEach((r, k) => {
      const o = out[k]!;
      const carry = r.ns + 999_999_999 >= 1e9 ? 1 : 0;
      expect([o.sec, o.ns]).toEqual([r.sec + 2 + carry, (r.ns + 999_999_999) % 1e9]);
      const want = Buffer.from(r.data);
      want[5] = (want[5]! + 1) & 0xff;
      want[11] = (want[11]! + 1) & 0xff;
      // the innermost of the first two VLAN tags
      let l3 = 12;
      let tag = -1;
      for (let n = 0; want.readUInt16BE(l3) === 0x8100; n++, l3 += 4) if (n < 2) tag = l3 + 2;
      if (tag > 0) {
        const tci = want.readUInt16BE(tag);
        want.writeUInt16BE((tci & 0xf000) | ((tci + 1) & 0xfff), tag);
        vlan++;
      }
      let ip = l3 + 2;
      if (want.readUInt16BE(l3) === 0x8847) {
        while ((want[ip + 2]! & 1) === 0) ip += 4; // MPLS labels up to the bottom of the stack
        ip += 4;
      }
      // (Ethernet over MPLS: the inner headers are not modelled here)
      if (want.readUInt16BE(l3) === 0x8847 && want[ip]! >> 4 === 0) return;
      if ((want.readUInt16BE(l3) === 0x0800 || want.readUInt16BE(l3) === 0x8847) && want[ip]! >> 4 === 4) {
        want.writeUInt32BE((want.readUInt32BE(ip + 12) + 1) >>> 0, ip + 12);
        want.writeUInt32BE((want.readUInt32BE(ip + 16) + 1) >>> 0, ip + 16);
        want[ip + 8] = ((want[ip + 8]! - 8) % 128) & 0xff;
        // the checksum: the header's 16-bit words sum to 0xffff
        let sum = 0;
        for (let i = ip; i < ip + (o.data[ip]! & 15) * 4; i += 2) sum += o.data.readUInt16BE(i);
        while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
        expect(sum).toBe(0xffff);
        want.writeUInt16BE(o.data.readUInt16BE(ip + 10), ip + 10);
        ipv4++;
      }
      if (want.readUInt16BE(l3) === 0x86dd) {
        want.writeUInt32BE((want.readUInt32BE(ip + 20) + 1) >>> 0, ip + 20);
        want.writeUInt32BE((want.readUInt32BE(ip + 36) + 1) >>> 0, ip + 36);
        want[ip + 7] = ((want[ip + 7]! - 8) % 128) & 0xff;
      }
      if (!o.data.equals(want)) expect(o.data.toString('hex'), `packet ${k + 1}`).toBe(want.toString('hex'));
    });
    expect(ipv4).toBeGreaterThanOrEqual(minIpv4);
    expect(vlan).toBeGreaterThanOrEqual(minVlan);
  });
});
