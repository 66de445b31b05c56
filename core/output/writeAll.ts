import { writeSync } from 'node:fs';

/** Writes bytes[start, end) to fd, however many calls the kernel needs. */
export function writeAll(fd: number, bytes: Uint8Array, start: number, end: number): void {
  let off = start;
  while (off < end) off += writeSync(fd, bytes, off, end - off);
}
