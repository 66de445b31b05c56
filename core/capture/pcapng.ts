import type { Packet } from '../dissect/packet.ts';
import type { ByteInput } from './byteInput.ts';
import { LibpcapOpenError } from './errors.ts';
import { adjustSnaplen, linkTypeToDlt, maxSnaplenForDlt } from './linkTypes.ts';
import { postProcess } from './postProcess.ts';
import { ReadStatus, type CaptureReader } from './reader.ts';

export const BT_SHB = 0x0a0d0d0a;
export const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const BYTE_ORDER_MAGIC_SWAPPED = 0x4d3c2b1a;
const BT_IDB = 1;
const BT_PB = 2;
const BT_SPB = 3;
const BT_EPB = 6;

const SHB_MIN_LEN = 28;
const BT_SHB_INSANE_MAX = 1024 * 1024;
const MAX_OPTIONS_LEN = 131072;
const INITIAL_MAX_BLOCKSIZE = 16 * 1024 * 1024;

/** libpcap's MAX_BLOCKSIZE_FOR_SNAPLEN(): an EPB carrying a maximal packet plus 128 KiB of options. */
function maxBlocksizeForSnaplen(snaplen: number): number {
  return 8 + 20 + snaplen + MAX_OPTIONS_LEN + 4;
}

/** Per-interface timestamp conversion (libpcap's struct pcap_ng_if). */
class Interface {
  resol = 1000000;
  binary = false;
  /** if_tsoffset as a signed 64-bit value (libpcap adds it as uint64, then casts to time_t). */
  offset = 0;
  /** Exact Number arithmetic suffices (no 64-bit products or quotients). */
  fast = true;
  resolBig = 1000000n;
  offsetBig = 0n;
}

const TWO_POW_23 = 2 ** 23;

/** libpcap 1.10.3 sf-pcapng.c (core.md §2.3). */
export class PcapngReader implements CaptureReader {
  readonly format = 'pcapng' as const;
  error = '';
  linkType = 0;
  snaplen = 0;
  private readonly le: boolean;
  private readonly userRes: number;
  private bufsize: number;
  private maxBlocksize = INITIAL_MAX_BLOCKSIZE;
  private readonly ifaces: Interface[] = [];
  private ifcount = 0;

  /** Block cursor (libpcap's struct block_cursor). */
  private blockType = 0;
  private cur = 0;
  private rem = 0;
  /** Result of the last take(). */
  private at = 0;
  /** Timestamp result of convertTime(). */
  private sec = 0;
  private frac = 0;

  constructor(
    private readonly input: ByteInput,
    private readonly swapped: boolean,
    nanoPrecision: boolean,
    shbLen: number,
  ) {
    this.le = !swapped;
    this.userRes = nanoPrecision ? 1e9 : 1e6;
    this.bufsize = Math.max(2048, shbLen);
  }

  next(pkt: Packet): ReadStatus {
    const le = this.le;
    let ifId = 0;
    let caplen = 0;
    let len = 0;
    let tHi = 0;
    let tLo = 0;
    for (;;) {
      const st = this.readBlock();
      if (st !== ReadStatus.Packet) return st;
      const v = this.input.view;
      const type = this.blockType;
      if (type === BT_EPB || type === BT_PB) {
        if (!this.take(20)) return ReadStatus.Error;
        const a = this.at;
        ifId = type === BT_EPB ? v.getUint32(a, le) : v.getUint16(a, le);
        tHi = v.getUint32(a + 4, le);
        tLo = v.getUint32(a + 8, le);
        caplen = v.getUint32(a + 12, le);
        len = v.getUint32(a + 16, le);
        break;
      }
      if (type === BT_SPB) {
        if (!this.take(4)) return ReadStatus.Error;
        ifId = 0;
        len = v.getUint32(this.at, le);
        caplen = Math.min(len, this.snaplen);
        tHi = tLo = 0;
        break;
      }
      if (type === BT_IDB) {
        if (!this.readLaterIdb()) return ReadStatus.Error;
      } else if (type === BT_SHB) {
        if (!this.readLaterShb()) return ReadStatus.Error;
      }
    }

    if (ifId >= this.ifcount) {
      return this.fail(`a packet arrived on interface ${ifId}, but there's no Interface Description Block for that interface`);
    }
    if (caplen > this.snaplen) {
      return this.fail(`invalid packet capture length ${caplen}, bigger than snaplen of ${this.snaplen}`);
    }
    this.convertTime(this.ifaces[ifId], tHi, tLo);
    if (!this.take(caplen)) return ReadStatus.Error;

    const input = this.input;
    pkt.buf = input.buf;
    pkt.view = input.view;
    pkt.start = this.at;
    pkt.caplen = caplen;
    pkt.rawLen = len;
    pkt.tsSec = this.sec;
    pkt.tsNs = this.frac;
    pkt.linkType = this.linkType;
    postProcess(this.linkType, this.swapped, input.buf, this.at, caplen, len);
    return ReadStatus.Packet;
  }

  close(): void {
    this.input.close();
  }

  /**
   * Open-time part of pcap_ng_check_header() after the SHB's first 12 bytes:
   * the rest of the SHB, then blocks up to the first IDB.
   */
  openSection(shbLen: number): void {
    const input = this.input;
    const rest = shbLen - 12;
    const got = input.ensure(rest);
    input.pos += got;
    if (got < rest) throw new LibpcapOpenError(`truncated pcapng dump file; tried to read ${rest} bytes, only got ${got}`);
    const major = input.view.getUint16(input.pos - rest, this.le);
    const minor = input.view.getUint16(input.pos - rest + 2, this.le);
    if (!(major === 1 && (minor === 0 || minor === 2))) {
      throw new LibpcapOpenError(`unsupported pcapng savefile version ${major}.${minor}`);
    }
    for (;;) {
      const st = this.readBlock();
      if (st === ReadStatus.Eof) throw new LibpcapOpenError('the capture file has no Interface Description Blocks');
      if (st === ReadStatus.Error) throw new LibpcapOpenError(this.error);
      const type = this.blockType;
      if (type === BT_IDB) {
        if (!this.take(8)) throw new LibpcapOpenError(this.error);
        const v = input.view;
        const linkType = v.getUint16(this.at, this.le);
        const snaplen = v.getUint32(this.at + 4, this.le);
        if (!this.addInterface()) throw new LibpcapOpenError(this.error);
        this.linkType = linkTypeToDlt(linkType);
        this.snaplen = adjustSnaplen(this.linkType, snaplen);
        this.maxBlocksize = Math.max(this.maxBlocksize, maxBlocksizeForSnaplen(maxSnaplenForDlt(this.linkType)));
        return;
      }
      if (type === BT_EPB || type === BT_SPB || type === BT_PB) {
        throw new LibpcapOpenError('the capture file has a packet block before any Interface Description Blocks');
      }
    }
  }

  /** libpcap's read_block(): Packet means a block is loaded into the cursor. */
  private readBlock(): ReadStatus {
    const input = this.input;
    const got = input.ensure(8);
    if (got < 8) {
      if (got === 0) return ReadStatus.Eof;
      input.pos += got;
      return this.fail(`truncated pcapng dump file; tried to read 8 bytes, only got ${got}`);
    }
    const type = input.view.getUint32(input.pos, this.le);
    const total = input.view.getUint32(input.pos + 4, this.le);
    input.pos += 8;
    if (total < 12) return this.fail(`block in pcapng dump file has a length of ${total} < 12`);
    if (total % 4 !== 0) return this.fail(`block in pcapng dump file has a length of ${total} that is not a multiple of 4`);
    // libpcap checks the maximum only when its block buffer has to grow.
    if (total > this.bufsize) {
      if (total > this.maxBlocksize) return this.fail(`pcapng block size ${total} > maximum ${this.maxBlocksize}`);
      this.bufsize = total;
    }
    const rest = total - 8;
    const avail = input.ensure(rest);
    if (avail < rest) {
      input.pos += avail;
      return this.fail(`truncated pcapng dump file; tried to read ${rest} bytes, only got ${avail}`);
    }
    const body = input.pos;
    input.pos += rest;
    if (input.view.getUint32(body + rest - 4, this.le) !== total) {
      return this.fail("block total length in header and trailer don't match");
    }
    this.blockType = type;
    this.cur = body;
    this.rem = rest - 4;
    return ReadStatus.Packet;
  }

  /** libpcap's get_from_block_data(): the chunk starts at `this.at`. */
  private take(n: number): boolean {
    if (this.rem < n) return this.reject(`block of type ${this.blockType} in pcapng dump file is too short`);
    this.at = this.cur;
    this.cur += n;
    this.rem -= n;
    return true;
  }

  private readLaterIdb(): boolean {
    if (!this.take(8)) return false;
    const v = this.input.view;
    // Compared as read: a DLT against a LINKTYPE (libpcap quirk, matters for LINKTYPE 100-103).
    const linkType = v.getUint16(this.at, this.le);
    const snaplen = v.getUint32(this.at + 4, this.le);
    if (linkType !== this.linkType) {
      return this.reject(`an interface has a type ${linkType} different from the type of the first interface`);
    }
    if (adjustSnaplen(this.linkType, snaplen) !== this.snaplen) {
      return this.reject(`an interface has a snapshot length ${snaplen} different from the snapshot length of the first interface`);
    }
    return this.addInterface();
  }

  private readLaterShb(): boolean {
    if (!this.take(16)) return false;
    const v = this.input.view;
    const bom = v.getUint32(this.at, this.le);
    if (bom === BYTE_ORDER_MAGIC_SWAPPED) return this.reject('the file has sections with different byte orders');
    if (bom !== BYTE_ORDER_MAGIC) return this.reject('the file has a section with a bad byte order magic field');
    const major = v.getUint16(this.at + 4, this.le);
    if (major !== 1) return this.reject(`unknown pcapng savefile major version number ${major}`);
    this.ifcount = 0;
    return true;
  }

  /**
   * libpcap's add_interface(): the interface is counted before its options are
   * parsed, so one with bad options still takes an interface number (libpcap
   * then leaves its timestamp parameters unset; here they keep the defaults).
   */
  private addInterface(): boolean {
    const idx = this.ifcount++;
    let iface = this.ifaces[idx];
    if (!iface) this.ifaces.push((iface = new Interface()));
    iface.resol = 1000000;
    iface.binary = false;
    iface.offset = 0;
    iface.fast = true;
    iface.resolBig = 1000000n;
    iface.offsetBig = 0n;
    let sawResol = false;
    let sawOffset = false;
    const le = this.le;
    while (this.rem !== 0) {
      if (!this.take(4)) return false;
      const v = this.input.view;
      const code = v.getUint16(this.at, le);
      const olen = v.getUint16(this.at + 2, le);
      if (!this.take((olen + 3) & ~3)) return false;
      const val = this.at;
      if (code === 0) {
        if (olen !== 0) return this.reject(`Interface Description Block has opt_endofopt option with length ${olen} != 0`);
        break;
      }
      if (code === 9) {
        if (olen !== 1) return this.reject(`Interface Description Block has if_tsresol option with length ${olen} != 1`);
        if (sawResol) return this.reject('Interface Description Block has more than one if_tsresol option');
        sawResol = true;
        const opt = this.input.buf[val];
        if (opt & 0x80) {
          const shift = opt & 0x7f;
          if (shift > 63) return this.reject(`Interface Description Block if_tsresol option resolution 2^-${shift} is too high`);
          iface.binary = true;
          iface.resolBig = 1n << BigInt(shift);
        } else {
          if (opt > 19) return this.reject(`Interface Description Block if_tsresol option resolution 10^-${opt} is too high`);
          iface.binary = false;
          iface.resolBig = 10n ** BigInt(opt);
        }
        iface.resol = Number(iface.resolBig);
      } else if (code === 14) {
        if (olen !== 8) return this.reject(`Interface Description Block has if_tsoffset option with length ${olen} != 8`);
        if (sawOffset) return this.reject('Interface Description Block has more than one if_tsoffset option');
        sawOffset = true;
        iface.offsetBig = v.getBigUint64(val, le);
        iface.offset = Number(BigInt.asIntN(64, iface.offsetBig));
      }
    }
    iface.fast = iface.binary ? iface.resol <= TWO_POW_23 : iface.resol <= 1e10;
    return true;
  }

  /** sec = t / resol + offset, frac = t % resol scaled to the requested precision. */
  private convertTime(iface: Interface, hi: number, lo: number): void {
    if (!iface.fast) {
      this.convertTimeBig(iface, hi, lo);
      return;
    }
    const r = iface.resol;
    // Long division in 16-bit digits keeps every intermediate below 2^53.
    let q = 0;
    let rem = 0;
    for (let i = 0; i < 4; i++) {
      const digit = i === 0 ? hi >>> 16 : i === 1 ? hi & 0xffff : i === 2 ? lo >>> 16 : lo & 0xffff;
      const cur = rem * 65536 + digit;
      const qd = Math.floor(cur / r);
      rem = cur - qd * r;
      q = q * 65536 + qd;
    }
    const user = this.userRes;
    let frac = rem;
    if (iface.binary) frac = Math.floor((frac * user) / r);
    else if (r < user) frac *= user / r;
    else if (r > user) frac = Math.floor(frac / (r / user));
    this.sec = q + iface.offset;
    this.frac = frac;
  }

  private convertTimeBig(iface: Interface, hi: number, lo: number): void {
    const t = (BigInt(hi) << 32n) | BigInt(lo);
    const r = iface.resolBig;
    const user = BigInt(this.userRes);
    let frac = t % r;
    if (iface.binary) frac = BigInt.asUintN(64, frac * user) / r;
    else if (r < user) frac *= user / r;
    else if (r > user) frac /= r / user;
    this.sec = Number(BigInt.asIntN(64, t / r + iface.offsetBig));
    this.frac = Number(BigInt.asIntN(32, frac));
  }

  private reject(message: string): false {
    this.error = message;
    return false;
  }

  private fail(message: string): ReadStatus.Error {
    this.error = message;
    return ReadStatus.Error;
  }
}

/**
 * libpcap's pcap_ng_check_header() after the block type: reads the SHB length
 * and byte-order magic. Returns null when the input is not pcapng (libpcap then
 * reports `unknown file format`); throws LibpcapOpenError on a bad SHB.
 */
export function openPcapng(input: ByteInput, nanoPrecision: boolean): PcapngReader | null {
  const got = input.ensure(8);
  if (got < 8) {
    input.pos += got;
    return null;
  }
  const v = input.view;
  let total = v.getUint32(input.pos, true);
  const bom = v.getUint32(input.pos + 4, true);
  input.pos += 8;
  let swapped = false;
  if (bom !== BYTE_ORDER_MAGIC) {
    if (bom !== BYTE_ORDER_MAGIC_SWAPPED) return null;
    swapped = true;
    total = v.getUint32(input.pos - 8, false);
  }
  if (total < SHB_MIN_LEN || total > BT_SHB_INSANE_MAX) {
    throw new LibpcapOpenError(
      `Section Header Block in pcapng dump file has invalid length ${SHB_MIN_LEN} < _${total}_ < ${BT_SHB_INSANE_MAX} (BT_SHB_INSANE_MAX)`,
    );
  }
  const reader = new PcapngReader(input, swapped, nanoPrecision, total);
  reader.openSection(total);
  return reader;
}
