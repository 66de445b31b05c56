import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { definePlugin, StatHi, type Core, type Packet } from '../../../core/plugin/api.ts';
import { FakeAnalyzer } from '../../basicFlow/test/harness/fakeAnalyzer.ts';
import { plainReport, type FakeCore } from '../../basicFlow/test/harness/fakeCore.ts';
import { buildPacket, TCP, UDP } from '../../basicFlow/test/harness/packetBuilder.ts';
import { parsePcap } from '../../../test/sinks/pcapFile.ts';
import { binaryIndexList, textIndexList, type IndexFileProblem } from '../flowIndexFile.ts';
import { PcapWriter, pcapFileHeader } from '../pcapWriter.ts';
import pcapd from '../index.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'pcapd-unit-'));

describe('flow index files', () => {
  const binary = (declared: number, ...ind: number[]) => {
    const b = Buffer.alloc(8 + 8 * ind.length);
    b.writeBigUInt64LE(BigInt(declared));
    ind.forEach((x, k) => b.writeBigUInt64LE(BigInt(x), 8 + 8 * k));
    return b;
  };

  it('binary: bisection over the file order, count from the low 32 bits, short files warned about', () => {
    const problems: IndexFileProblem[] = [];
    const sorted = binaryIndexList('f', binary(3, 2, 5, 9), problems);
    expect([1, 2, 5, 9, 10].map((x) => sorted.has(x))).toEqual([false, true, true, true, false]);
    expect(binaryIndexList('f', binary(3, 9, 2, 5), problems).has(9)).toBe(false);
    expect(problems).toEqual([]);
    const short = binaryIndexList('f', binary(0x1_8000_0002, 7), problems);
    expect([short.count, short.has(7)]).toEqual([0x8000_0002, true]);
    expect(problems).toEqual([{ kind: 'warning', text: "Expected -2147483646 records in file 'f', but found 1" }]);
  });

  it('text: decimal prefixes of lines starting with a digit; index 0 never matches; nothing usable is fatal', () => {
    const problems: IndexFileProblem[] = [];
    const list = textIndexList('f', Buffer.from('# c\n4 x\n0\n 7\n12\r\n'), problems);
    expect([list.count, list.has(4), list.has(12), list.has(7), list.has(0)]).toEqual([3, true, true, false, false]);
    textIndexList('g', Buffer.from('# only\n'), problems);
    expect(problems).toEqual([{ kind: 'fatal', text: "pcapd: No usable information in file 'g'" }]);
  });
});

describe('PcapWriter', () => {
  it('writes the ns little-endian header with linktype 1 and the records, across buffer flushes', () => {
    const file = join(dir(), 'x.pcap');
    const w = new PcapWriter(file, 262144);
    const pkt = { buf: new Uint8Array(70_000).map((_, k) => k & 0xff), start: 3, caplen: 60_000, rawLen: 61_000 } as Packet;
    for (let k = 0; k < 20; k++) w.packet(pkt, 100 + k, 999_999_999);
    const big = { ...pkt, buf: new Uint8Array(1 << 21).fill(7), start: 0, caplen: (1 << 21) - 5, rawLen: 1 << 21 } as Packet;
    w.packet(big, 5, 6);
    w.close();
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 24)).toEqual(Buffer.from(pcapFileHeader(262144)));
    expect(bytes.toString('hex', 0, 24)).toBe('4d3cb2a10200040000000000000000000000040001000000');
    const out = parsePcap(bytes);
    expect(out.records.length).toBe(21);
    expect(out.records[19]).toEqual({ sec: 119, ns: 999_999_999, caplen: 60_000, len: 61_000, data: Buffer.from(pkt.buf.subarray(3, 60_003)) });
    expect(out.records[20]!.data.equals(Buffer.from(big.buf.subarray(0, big.caplen)))).toBe(true);
    expect(bytes.length).toBe(24 + 20 * 60_016 + 16 + big.caplen);
  });
});

describe('pcapd in alarm mode (no -e), default build', () => {
  let an: FakeAnalyzer;
  let prefix: string;
  /** Raises FL_ALARM on the flow of every UDP packet to port 666, as an analysis plugin would. */
  const alarmer = definePlugin({
    name: 'alarmer',
    number: 500,
    version: '0',
    init(c: Core) {
      core = c;
    },
    onLayer4(pkt: Packet, i: number) {
      if (pkt.l4Proto === UDP && pkt.dstPort === 666) core.setFlowStatus(i, 0, StatHi.FL_ALARM);
    },
  });
  let core: Core;

  beforeEach(() => {
    prefix = join(dir(), 'cap');
    // The core's services with another output prefix (the fake core writes under out/).
    const withPrefix = (p: typeof pcapd) => ({ ...p, init: (c: Core) => p.init(Object.create(c, { outputPrefix: { value: prefix } }) as Core) });
    an = new FakeAnalyzer([alarmer, withPrefix(pcapd)]);
  });

  const udp = (sec: number, dport: number, sport = 5000) =>
    buildPacket(an.core as FakeCore, { ip: 4, proto: UDP, src: '10.0.0.1', dst: '10.0.0.2', sport, dport, sec, payload: sec });

  it('writes a flow from its first alarmed packet on, nothing of other flows, and reports the count', () => {
    an.packet(udp(1, 53));
    an.packet(udp(2, 53));
    an.packet(udp(3, 666, 53)); // another flow: its packets are alarmed at once
    an.packet(udp(4, 53));
    an.packet(buildPacket(an.core as FakeCore, { ip: 4, proto: TCP, src: '10.0.0.3', dst: '10.0.0.4', sport: 1, dport: 2, sec: 5 }));
    an.packet(udp(6, 666, 53));
    an.finish();
    pcapd.report?.(an.core.report);
    pcapd.finalize?.();
    const out = parsePcap(readFileSync(`${prefix}_pcapd.pcap`));
    expect(out.records.map((r) => r.sec)).toEqual([3, 6]);
    expect(plainReport(an.core as FakeCore)).toEqual(['pcapd: number of packets extracted: 2 [33.33%]']);
  });

  it('writes a header-only file and no report line when nothing is alarmed', () => {
    an.packet(udp(1, 53));
    pcapd.report?.(an.core.report);
    pcapd.finalize?.();
    expect(readFileSync(`${prefix}_pcapd.pcap`).length).toBe(24);
    expect(plainReport(an.core as FakeCore)).toEqual([]);
  });
});
