import { describe, expect, it } from 'vitest';
import { openCaptureReader } from '../open.ts';
import { block, Bytes, epb, idb, payload, readAll, shb, tmpFile } from './build.ts';

const open = (name: string, b: Bytes | Uint8Array, opts = {}) => openCaptureReader(tmpFile(name, b), opts);
const openError = (name: string, b: Bytes | Uint8Array) => {
  const path = tmpFile(name, b);
  try {
    openCaptureReader(path);
  } catch (e) {
    return (e as Error).message.replace(`pcap_open_offline failed for '${path}': `, '');
  }
  throw new Error('opened');
};

const T = 1690392292895682413n; // ns since the epoch: exceeds 2^53

describe('pcapng sections and interfaces', () => {
  it.each([true, false])('reads EPBs with the default µs resolution (little endian: %s)', (le) => {
    const b = shb(new Bytes(le));
    idb(b, 1, 0);
    epb(b, 0, 1500000000123456n, payload(40), 60);
    const r = open(`basic-${le}.pcapng`, b);
    expect([r.format, r.linkType, r.snaplen]).toEqual(['pcapng', 1, 262144]);
    expect(readAll(r)).toEqual([{ sec: 1500000000, ns: 123456000, caplen: 40, len: 60, linkType: 1, data: payload(40) }]);
  });

  it('converts timestamps per interface: if_tsresol (decimal, binary, finer than ns) and if_tsoffset', () => {
    const b = shb(new Bytes());
    idb(b, 1, 0, { tsresol: 9 });
    idb(b, 1, 0, { tsresol: 3, tsoffset: 100n });
    idb(b, 1, 0, { tsresol: 0x80 | 10 });
    idb(b, 1, 0, { tsresol: 12 });
    idb(b, 1, 0, { tsresol: 0x80 | 40, tsoffset: -5n });
    idb(b, 1, 0, { tsresol: 0 });
    epb(b, 0, T, []);
    epb(b, 1, 1234567n, []);
    epb(b, 2, (7n << 10n) | 512n, []);
    epb(b, 3, 1000000000123456789n, []);
    epb(b, 4, (3n << 40n) | (1n << 39n), []);
    epb(b, 5, 42n, []);
    expect(readAll(open('tsresol.pcapng', b)).map((p) => ('sec' in p ? [p.sec, p.ns] : p))).toEqual([
      [1690392292, 895682413],
      [1334, 567000000],
      [7, 500000000],
      [1000000, 123456],
      [-2, 13460736], // libpcap's frac * 1e9 overflows 64 bits for 2^-40 resolution
      [42, 0],
    ]);
  });

  it('scales to µs when microsecond precision is requested (-R)', () => {
    const b = shb(new Bytes());
    idb(b, 1, 0, { tsresol: 9 });
    epb(b, 0, T, []);
    expect(readAll(open('micro.pcapng', b, { nanoPrecision: false }))).toMatchObject([{ sec: 1690392292, ns: 895682 }]);
  });

  it('rejects later interfaces with another link type or snaplen, shifting the numbering', () => {
    const b = shb(new Bytes());
    idb(b, 1, 96);
    idb(b, 0, 96); // rejected: type
    idb(b, 1, 0); // rejected: snaplen 0 -> 262144 != 96, printed as 0
    idb(b, 1, 96); // accepted as interface 1
    epb(b, 0, 1n, payload(4));
    epb(b, 2, 2n, payload(4));
    epb(b, 1, 3n, payload(4));
    epb(b, 3, 4n, payload(4));
    const r = open('multi-idb.pcapng', b);
    expect([r.linkType, r.snaplen]).toEqual([1, 96]);
    expect(readAll(r).map((p) => ('error' in p ? p.error : p.sec * 1e6 + p.ns / 1000))).toEqual([
      'an interface has a type 0 different from the type of the first interface',
      'an interface has a snapshot length 0 different from the snapshot length of the first interface',
      0 * 1e6 + 1,
      "a packet arrived on interface 2, but there's no Interface Description Block for that interface",
      3,
      "a packet arrived on interface 3, but there's no Interface Description Block for that interface",
    ]);
  });

  it('compares a later IDB LINKTYPE with the first DLT (LINKTYPE_RAW 101 becomes DLT 12)', () => {
    const b = shb(new Bytes());
    idb(b, 101, 0);
    idb(b, 101, 0);
    const r = open('raw-idb.pcapng', b);
    expect(r.linkType).toBe(12);
    expect(readAll(r)).toEqual([{ error: 'an interface has a type 101 different from the type of the first interface' }]);
  });

  it('resets the interfaces at a new section and checks its byte order and version', () => {
    const b = shb(new Bytes());
    idb(b, 1, 0);
    epb(b, 0, 1n, []);
    shb(b, 1, 7); // the minor version is not checked in later sections
    epb(b, 0, 2n, []);
    idb(b, 1, 0, { tsresol: 9 });
    epb(b, 0, 3n, []);
    shb(b, 2, 0);
    block(b, 0x0a0d0d0a, [0x1a, 0x2b, 0x3c, 0x4d, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    block(b, 0x0a0d0d0a, [1, 2, 3, 4, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    block(b, 0x0a0d0d0a, [0x4d, 0x3c, 0x2b, 0x1a]);
    expect(readAll(open('sections.pcapng', b)).map((p) => ('error' in p ? p.error : p.ns))).toEqual([
      1000,
      "a packet arrived on interface 0, but there's no Interface Description Block for that interface",
      3,
      'unknown pcapng savefile major version number 2',
      'the file has sections with different byte orders',
      'the file has a section with a bad byte order magic field',
      'block of type 168627466 in pcapng dump file is too short',
    ]);
  });

  it('reads simple and obsolete packet blocks and skips other blocks', () => {
    const b = shb(new Bytes());
    idb(b, 1, 50, { tsoffset: 7n });
    block(b, 5, [0, 0, 0, 0, 1, 2, 3, 4]); // ISB
    block(b, 4, [0, 0, 0, 0]); // NRB
    block(b, 0xbad, payload(9));
    block(b, 3, [80, 0, 0, 0, ...payload(52)]); // SPB len 80, caplen = snaplen 50
    block(b, 2, [0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 3, 0, 0, 0, 9, 0, 0, 0, 1, 2, 3]); // PB
    expect(readAll(open('spb.pcapng', b))).toEqual([
      { sec: 7, ns: 0, caplen: 50, len: 80, linkType: 1, data: payload(50) },
      { sec: 7, ns: 5000, caplen: 3, len: 9, linkType: 1, data: [1, 2, 3] },
    ]);
  });

  it('reports a packet caplen above the snaplen and packet data beyond the block', () => {
    const b = shb(new Bytes());
    idb(b, 1, 10);
    epb(b, 0, 1n, payload(11));
    block(b, 6, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8, 0, 0, 0, 8, 0, 0, 0, 1, 2, 3, 4]);
    block(b, 6, [0, 0, 0, 0]);
    expect(readAll(open('caplen.pcapng', b))).toEqual([
      { error: 'invalid packet capture length 11, bigger than snaplen of 10' },
      { error: 'block of type 6 in pcapng dump file is too short' },
      { error: 'block of type 6 in pcapng dump file is too short' },
    ]);
  });
});

describe('pcapng block framing errors', () => {
  const base = () => idb(shb(new Bytes()), 1, 0);

  it('consumes only the 8-byte header of a block with a bad length', () => {
    const b = base();
    b.u32(6).u32(13);
    b.u32(6).u32(8);
    b.u32(6).u32(16 * 1024 * 1024 + 4);
    epb(b, 0, 9n, []);
    expect(readAll(open('lengths.pcapng', b)).map((p) => ('error' in p ? p.error : p.ns))).toEqual([
      'block in pcapng dump file has a length of 13 that is not a multiple of 4',
      'block in pcapng dump file has a length of 8 < 12',
      'pcapng block size 16777220 > maximum 16777216',
      9000,
    ]);
  });

  it('reports trailer mismatches and truncation', () => {
    const b = base();
    block(b, 6, new Array(24).fill(0), undefined, 99);
    epb(b, 0, 1n, payload(8));
    const full = b.build();
    expect(readAll(open('trailer.pcapng', full.subarray(0, full.length - 6)))).toEqual([
      { error: "block total length in header and trailer don't match" },
      { error: 'truncated pcapng dump file; tried to read 32 bytes, only got 26' },
    ]);
    expect(readAll(open('trunc8.pcapng', full.subarray(0, 28 + 20 + 36 + 3)))).toEqual([
      { error: "block total length in header and trailer don't match" },
      { error: 'truncated pcapng dump file; tried to read 8 bytes, only got 3' },
    ]);
  });

  it('reports IDB option errors of later interfaces', () => {
    const b = base();
    idb(b, 1, 0, { raw: [9, 0, 2, 0, 6, 6, 0, 0] });
    idb(b, 1, 0, { raw: [0, 0, 4, 0, 0, 0, 0, 0] });
    idb(b, 1, 0, { raw: [14, 0, 4, 0, 0, 0, 0, 0] });
    idb(b, 1, 0, { raw: [9, 0, 1, 0, 20, 0, 0, 0] });
    idb(b, 1, 0, { raw: [9, 0, 1, 0, 0x80 | 64, 0, 0, 0] });
    idb(b, 1, 0, { raw: [9, 0, 1, 0, 6, 0, 0, 0, 9, 0, 1, 0, 6, 0, 0, 0] });
    idb(b, 1, 0, { tsoffset: 1n, raw: [14, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0] });
    idb(b, 1, 0, { raw: [3, 0, 200, 0] });
    expect(readAll(open('options.pcapng', b))).toEqual([
      { error: 'Interface Description Block has if_tsresol option with length 2 != 1' },
      { error: 'Interface Description Block has opt_endofopt option with length 4 != 0' },
      { error: 'Interface Description Block has if_tsoffset option with length 4 != 8' },
      { error: 'Interface Description Block if_tsresol option resolution 10^-20 is too high' },
      { error: 'Interface Description Block if_tsresol option resolution 2^-64 is too high' },
      { error: 'Interface Description Block has more than one if_tsresol option' },
      { error: 'Interface Description Block has more than one if_tsoffset option' },
      { error: 'block of type 1 in pcapng dump file is too short' },
    ]);
  });
});

describe('pcapng open errors', () => {
  it('needs an IDB before any packet', () => {
    expect(openError('noidb.pcapng', shb(new Bytes()))).toBe('the capture file has no Interface Description Blocks');
    const b = shb(new Bytes());
    block(b, 5, [0, 0, 0, 0]);
    epb(b, 0, 1n, []);
    expect(openError('pkt-first.pcapng', b)).toBe('the capture file has a packet block before any Interface Description Blocks');
    expect(openError('bad-first.pcapng', shb(new Bytes()).u32(1).u32(18))).toBe(
      'block in pcapng dump file has a length of 18 that is not a multiple of 4',
    );
    expect(openError('bad-option.pcapng', idb(shb(new Bytes()), 1, 0, { raw: [9, 0, 1, 0, 30, 0, 0, 0] }))).toBe(
      'Interface Description Block if_tsresol option resolution 10^-30 is too high',
    );
  });

  it('checks the SHB version and length', () => {
    expect(openError('v13.pcapng', idb(shb(new Bytes(), 1, 3), 1, 0))).toBe('unsupported pcapng savefile version 1.3');
    expect(open('v12.pcapng', idb(shb(new Bytes(false), 1, 2), 1, 0)).linkType).toBe(1);
    const short = new Bytes().u32(0x0a0d0d0a).u32(24).u32(0x1a2b3c4d).u32(1).u32(0).u32(24);
    expect(openError('shb-len.pcapng', short)).toBe(
      'Section Header Block in pcapng dump file has invalid length 28 < _24_ < 1048576 (BT_SHB_INSANE_MAX)',
    );
    const trunc = new Bytes().u32(0x0a0d0d0a).u32(28).u32(0x1a2b3c4d).u16(1).u16(0);
    expect(openError('shb-trunc.pcapng', trunc)).toBe('truncated pcapng dump file; tried to read 16 bytes, only got 4');
  });
});
