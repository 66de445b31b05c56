/** One's-complement checksum arithmetic (RFC 1071) on big-endian 16-bit words. */

export function fold(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return sum;
}

/**
 * Folded sum of `len` bytes at `off`, the word at byte offset `skip` counted as zero;
 * an odd last byte is padded with zero.
 */
export function sumBytes(b: Uint8Array, off: number, len: number, skip: number): number {
  let sum = 0;
  const end = off + len;
  let k = off;
  for (; k + 1 < end; k += 2) if (k !== skip) sum += (b[k] << 8) | b[k + 1];
  if (k < end && k !== skip) sum += b[k] << 8;
  return fold(sum);
}

/** IPv4 header checksum as the header should carry it. */
export function ipv4HeaderChecksum(b: Uint8Array, off: number, hdrLen: number): number {
  return ~sumBytes(b, off, hdrLen, off + 10) & 0xffff;
}

/** `sum` plus the IPv4 pseudo header (src, dst, 0, proto, 16-bit length), folded. */
export function addPseudo4(sum: number, b: Uint8Array, l3: number, proto: number, len: number): number {
  return fold(sum + sumBytes(b, l3 + 12, 8, -1) + proto + (len & 0xffff));
}

/** `sum` plus the IPv6 pseudo header (src, dst, 32-bit length, 3 zero bytes, proto), folded. */
export function addPseudo6(sum: number, b: Uint8Array, l3: number, proto: number, len: number): number {
  return fold(sum + sumBytes(b, l3 + 8, 32, -1) + Math.floor(len / 0x10000) + (len & 0xffff) + proto);
}
