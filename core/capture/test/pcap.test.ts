import { describe, expect, it } from 'vitest';
import { Packet } from '../../dissect/packet.ts';
import { openCaptureReader } from '../open.ts';
import { ReadStatus } from '../reader.ts';
import { Bytes, payload, pcapHeader, pcapRecord, readAll, tmpFile } from './build.ts';

const open = (name: string, b: Bytes | Uint8Array, opts = {}) => openCaptureReader(tmpFile(name, b), opts);

describe('classic pcap header', () => {
  it('reads a little-endian µs file and converts fractions to ns', () => {
    const b = pcapHeader({ snaplen: 1500 });
    pcapRecord(b, 1000, 123456, payload(60), 70);
    pcapRecord(b, 1001, 999999, payload(20, 3));
    const r = open('le-us.pcap', b);
    expect([r.format, r.linkType, r.snaplen]).toEqual(['pcap', 1, 1500]);
    expect(readAll(r)).toEqual([
      { sec: 1000, ns: 123456000, caplen: 60, len: 70, linkType: 1, data: payload(60) },
      { sec: 1001, ns: 999999000, caplen: 20, len: 20, linkType: 1, data: payload(20, 3) },
    ]);
  });

  it('reads a big-endian ns file and passes out-of-range fractions through', () => {
    const b = pcapHeader({ le: false, magic: 0xa1b23c4d, linkType: 101 });
    pcapRecord(b, 980658802, 1882137472, payload(10));
    const r = open('be-ns.pcap', b);
    expect(r.linkType).toBe(12);
    expect(readAll(r)).toEqual([{ sec: 980658802, ns: 1882137472, caplen: 10, len: 10, linkType: 12, data: payload(10) }]);
  });

  it('sign-extends native timestamp fields but not byte-swapped ones (libpcap quirk)', () => {
    const le = pcapHeader();
    pcapRecord(le, 0xffffffff, 0xffffffff, []);
    expect(readAll(open('sign-le.pcap', le))).toMatchObject([{ sec: -1, ns: -1000 }]);
    const be = pcapHeader({ le: false });
    pcapRecord(be, 0xffffffff, 0xffffffff, []);
    expect(readAll(open('sign-be.pcap', be))).toMatchObject([{ sec: 0xffffffff, ns: 0xffffffff * 1000 }]);
  });

  it('scales ns down to µs when microsecond precision is requested (-R)', () => {
    const b = pcapHeader({ magic: 0xa1b23c4d });
    pcapRecord(b, 5, 123456789, []);
    expect(readAll(open('ns-micro.pcap', b, { nanoPrecision: false }))).toMatchObject([{ sec: 5, ns: 123456 }]);
    const us = pcapHeader();
    pcapRecord(us, 5, 123456, []);
    expect(readAll(open('us-micro.pcap', us, { nanoPrecision: false }))).toMatchObject([{ sec: 5, ns: 123456 }]);
  });

  it('maps LINKTYPE values to DLTs and drops only the FCS bits', () => {
    expect(open('lt101.pcap', pcapHeader({ linkType: 101 })).linkType).toBe(12);
    expect(open('lt100.pcap', pcapHeader({ linkType: 100 })).linkType).toBe(11);
    expect(open('fcs.pcap', pcapHeader({ linkType: 0x04000001 })).linkType).toBe(1);
    expect(open('high.pcap', pcapHeader({ linkType: 0x00010065 })).linkType).toBe(0x10065);
  });

  it('adjusts the snapshot length like pcap_adjust_snapshot', () => {
    expect(open('s0.pcap', pcapHeader({ snaplen: 0 })).snaplen).toBe(262144);
    expect(open('sbig.pcap', pcapHeader({ snaplen: 0x80000000 })).snaplen).toBe(262144);
    expect(open('smax.pcap', pcapHeader({ snaplen: 0x7fffffff })).snaplen).toBe(0x7fffffff);
    expect(open('sppp.pcap', pcapHeader({ snaplen: 2098998, linkType: 50 })).snaplen).toBe(2098998);
    expect(open('dbus.pcap', pcapHeader({ snaplen: 0, linkType: 231 })).snaplen).toBe(128 * 1024 * 1024);
  });

  it.each([
    [1, 0, 'archaic pcap savefile format'],
    [2, 5, 'unsupported pcap savefile version 2.5'],
    [3, 0, 'unsupported pcap savefile version 3.0'],
    [543, 1, 'unsupported pcap savefile version 543.1'],
  ])('rejects version %i.%i', (major, minor, msg) => {
    const path = tmpFile(`v${major}.${minor}.pcap`, pcapHeader({ major, minor }));
    expect(() => openCaptureReader(path)).toThrow(`pcap_open_offline failed for '${path}': ${msg}`);
  });

  it('swaps caplen and len for versions before 2.3 and 543.0, and for 2.3 only when caplen > len', () => {
    for (const [major, minor] of [
      [2, 0],
      [2, 2],
      [543, 0],
    ]) {
      const b = pcapHeader({ major, minor });
      pcapRecord(b, 1, 0, payload(8), 8, 100); // caplen field 100, len field 8: swapped on disk
      expect(readAll(open(`sw${major}.${minor}.pcap`, b))).toMatchObject([{ caplen: 8, len: 100 }]);
    }
    const b = pcapHeader({ minor: 3 });
    pcapRecord(b, 1, 0, payload(8), 100, 8); // caplen <= len: kept
    pcapRecord(b, 1, 0, payload(8), 8, 100); // caplen > len: swapped
    expect(readAll(open('sw2.3.pcap', b))).toMatchObject([
      { caplen: 8, len: 100 },
      { caplen: 8, len: 100 },
    ]);
  });

  it('reports a short file header with the bytes read after the magic', () => {
    const path = tmpFile('short.pcap', pcapHeader().build().subarray(0, 10));
    expect(() => openCaptureReader(path)).toThrow(
      `pcap_open_offline failed for '${path}': truncated dump file; tried to read 24 file header bytes, only got 6`,
    );
  });
});

describe('classic pcap records', () => {
  it('reports a truncated record header once, then EOF', () => {
    const b = pcapHeader();
    pcapRecord(b, 1, 0, payload(4));
    b.u8(7);
    expect(readAll(open('trunc-hdr.pcap', b))).toEqual([
      expect.objectContaining({ caplen: 4 }),
      { error: 'truncated dump file; tried to read 16 header bytes, only got 1' },
    ]);
  });

  it('consumes only the 16 header bytes of an absurd caplen and resyncs inside the data', () => {
    const b = pcapHeader({ snaplen: 262144 });
    // The bogus record's "data" is itself a valid record, so libpcap finds it next.
    b.u32(1).u32(0).u32(300000).u32(300000);
    pcapRecord(b, 2, 0, payload(5));
    expect(readAll(open('resync.pcap', b))).toEqual([
      { error: 'invalid packet capture length 300000, bigger than snaplen of 262144' },
      expect.objectContaining({ sec: 2, caplen: 5 }),
    ]);
  });

  it('uses the "maximum" message when the caplen is within a huge snaplen', () => {
    const b = pcapHeader({ snaplen: 1000000 });
    b.u32(1).u32(0).u32(262145).u32(262145);
    expect(readAll(open('max.pcap', b))).toEqual([{ error: 'invalid packet capture length 262145, bigger than maximum of 262144' }]);
  });

  it('cuts records between snaplen and the DLT maximum to snaplen and skips the rest', () => {
    const b = pcapHeader({ snaplen: 10 });
    pcapRecord(b, 1, 0, payload(30), 40);
    pcapRecord(b, 2, 0, payload(3));
    expect(readAll(open('snap.pcap', b))).toEqual([
      { sec: 1, ns: 0, caplen: 10, len: 40, linkType: 1, data: payload(10) },
      { sec: 2, ns: 0, caplen: 3, len: 3, linkType: 1, data: payload(3) },
    ]);
  });

  it('reports truncated packet data with libpcap counts', () => {
    const full = pcapHeader();
    pcapRecord(full, 1, 0, payload(100));
    const data = full.build();
    expect(readAll(open('trunc-data.pcap', data.subarray(0, 24 + 16 + 40)))).toEqual([
      { error: 'truncated dump file; tried to read 100 captured bytes, only got 40' },
    ]);
    const snapped = pcapHeader({ snaplen: 50 });
    pcapRecord(snapped, 1, 0, payload(100));
    const s = snapped.build();
    // Short before snaplen: the message names snaplen; short in the skipped part: caplen.
    expect(readAll(open('trunc-snap1.pcap', s.subarray(0, 24 + 16 + 20)))).toEqual([
      { error: 'truncated dump file; tried to read 50 captured bytes, only got 20' },
    ]);
    expect(readAll(open('trunc-snap2.pcap', s.subarray(0, 24 + 16 + 70)))).toEqual([
      { error: 'truncated dump file; tried to read 100 captured bytes, only got 70' },
    ]);
  });

  it('reads Kuznetzov files (24-byte record headers, Ethernet snaplen + 14), which only stdin lets through', () => {
    const b = pcapHeader({ magic: 0xa1b2cd34, snaplen: 100 });
    b.u32(3).u32(0).u32(4).u32(4).u32(0xdeadbeef).u32(0).u8(1, 2, 3, 4);
    const r = open('kuz.pcap', b);
    expect(r.snaplen).toBe(114);
    expect(readAll(r)).toEqual([{ sec: 3, ns: 0, caplen: 4, len: 4, linkType: 1, data: [1, 2, 3, 4] }]);
  });

  it('swaps the SocketCAN id of Linux SLL frames in byte-swapped files', () => {
    const frame = [0, 0, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0, 0x00, 0x0c, 0x11, 0x22, 0x33, 0x44, 9];
    const be = pcapHeader({ le: false, linkType: 113 });
    pcapRecord(be, 1, 0, frame);
    expect((readAll(open('sll-can-be.pcap', be))[0] as { data: number[] }).data.slice(16, 20)).toEqual([0x44, 0x33, 0x22, 0x11]);
    const le = pcapHeader({ linkType: 113 });
    pcapRecord(le, 1, 0, frame);
    expect((readAll(open('sll-can-le.pcap', le))[0] as { data: number[] }).data.slice(16, 20)).toEqual([0x11, 0x22, 0x33, 0x44]);
  });
});

describe('chunked reading', () => {
  const many = pcapHeader({ snaplen: 262144 });
  for (let i = 0; i < 300; i++) pcapRecord(many, i, i * 1000, payload((i * 37) % 200, i));
  pcapRecord(many, 999, 0, payload(5000, 9));

  it('gives the same records for any chunk size, including records bigger than the chunk', () => {
    const path = tmpFile('many.pcap', many);
    const reference = readAll(openCaptureReader(path));
    expect(reference).toHaveLength(301);
    for (const chunkSize of [16, 100, 4096]) expect(readAll(openCaptureReader(path, { chunkSize }))).toEqual(reference);
  });

  it('hands out views into one reused buffer', () => {
    const r = openCaptureReader(tmpFile('many2.pcap', many));
    const pkt = new Packet();
    expect(r.next(pkt)).toBe(ReadStatus.Packet);
    const buf = pkt.buf;
    let n = 1;
    while (r.next(pkt) === ReadStatus.Packet) {
      expect(pkt.buf).toBe(buf);
      expect(pkt.view.buffer).toBe(buf.buffer);
      n++;
    }
    expect(n).toBe(301);
  });
});
