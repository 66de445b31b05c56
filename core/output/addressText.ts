import { TextBuffer } from './textBuffer.ts';

const HEX_DIGITS = new TextEncoder().encode('0123456789abcdef');

/** `aa:bb:cc:dd:ee:ff`, lower case. */
export function writeMac(out: TextBuffer, src: Uint8Array, off: number): void {
  out.ensure(17);
  const b = out.bytes;
  let p = out.len;
  for (let i = 0; i < 6; i++) {
    if (i > 0) b[p++] = 58;
    const v = src[off + i];
    b[p++] = HEX_DIGITS[v >> 4];
    b[p++] = HEX_DIGITS[v & 15];
  }
  out.len = p;
}

/** Dotted quad. */
export function writeIp4(out: TextBuffer, src: Uint8Array, off: number): void {
  out.ensure(15);
  const b = out.bytes;
  let p = out.len;
  for (let i = 0; i < 4; i++) {
    if (i > 0) b[p++] = 46;
    const v = src[off + i];
    if (v >= 100) {
      b[p++] = 48 + ((v / 100) | 0);
      b[p++] = 48 + (((v / 10) | 0) % 10);
    } else if (v >= 10) b[p++] = 48 + ((v / 10) | 0);
    b[p++] = 48 + (v % 10);
  }
  out.len = p;
}

/** Hex group without leading zeros. */
function writeGroup(out: TextBuffer, w: number): void {
  const digits = w >= 0x1000 ? 4 : w >= 0x100 ? 3 : w >= 0x10 ? 2 : 1;
  out.hex(w, digits);
}

/**
 * glibc `inet_ntop(AF_INET6)`: the longest run (first if tied) of at least two zero groups becomes
 * `::`; a run of exactly 6 leading zero groups, or 5 followed by `ffff`, prints the last 32 bits
 * as a dotted quad (`::1.2.3.4`, `::ffff:1.2.3.4`).
 */
export function writeIp6(out: TextBuffer, src: Uint8Array, off: number): void {
  let bestBase = -1;
  let bestLen = 0;
  let curBase = -1;
  for (let i = 0; i < 8; i++) {
    const zero = src[off + 2 * i] === 0 && src[off + 2 * i + 1] === 0;
    if (zero) {
      if (curBase < 0) curBase = i;
      if (i - curBase + 1 > bestLen) {
        bestBase = curBase;
        bestLen = i - curBase + 1;
      }
    } else {
      curBase = -1;
    }
  }
  if (bestLen < 2) bestBase = -1;
  for (let i = 0; i < 8; i++) {
    if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
      if (i === bestBase) out.byte(58);
      continue;
    }
    if (i > 0) out.byte(58);
    if (i === 6 && bestBase === 0 && (bestLen === 6 || (bestLen === 5 && src[off + 10] === 0xff && src[off + 11] === 0xff))) {
      writeIp4(out, src, off + 12);
      return;
    }
    writeGroup(out, (src[off + 2 * i] << 8) | src[off + 2 * i + 1]);
  }
  if (bestBase >= 0 && bestBase + bestLen === 8) out.byte(58);
}

const scratch = new TextBuffer(64);
const decoder = new TextDecoder();

function asString(write: (out: TextBuffer, src: Uint8Array, off: number) => void, src: Uint8Array, off: number): string {
  scratch.clear();
  write(scratch, src, off);
  return decoder.decode(scratch.view());
}

/** String forms for report lines (e.g. basicStats' biggest talkers). */
export function macText(src: Uint8Array, off = 0): string {
  return asString(writeMac, src, off);
}

export function ip4Text(src: Uint8Array, off = 0): string {
  return asString(writeIp4, src, off);
}

export function ip6Text(src: Uint8Array, off = 0): string {
  return asString(writeIp6, src, off);
}
