import type { TextBuffer } from './textBuffer.ts';

const DOT = 46;
const UPPER_HEX = '0123456789ABCDEF';

/** Backslash escapes of the C control characters 0x08–0x0d, indexed by byte − 8. */
const CONTROL_ESCAPES = [98, 116, 110, 118, 102, 114]; // b t n v f r

function writeAscii(out: TextBuffer, c: number): void {
  if (c >= 0x20 && c !== 0x7f) {
    if (c === 0x22 || c === 0x5c) out.byte(0x5c);
    out.byte(c);
  } else if (c >= 8 && c <= 13) {
    out.byte(0x5c);
    out.byte(CONTROL_ESCAPES[c - 8]);
  } else {
    out.ascii('\\u00');
    out.byte(UPPER_HEX.charCodeAt(c >> 4));
    out.byte(UPPER_HEX.charCodeAt(c & 15));
  }
}

/**
 * Writes the NUL-terminated string at `start` as T2's text sinks do (core.md §7.2): escapes for
 * control characters, `"` and `\`; valid UTF-8 copied; each invalid sequence becomes one `.`.
 * Returns the position after the terminating NUL.
 */
export function writeSanitized(out: TextBuffer, src: Uint8Array, start: number): number {
  let i = start;
  for (;;) {
    const c = src[i];
    if (c === 0) return i + 1;
    if (c >= 0x20 && c < 0x7f && c !== 0x22 && c !== 0x5c) {
      // Printable ASCII is copied as it is: the common case of names and descriptions.
      out.byte(c);
      i++;
      continue;
    }
    if (c < 0x80) {
      writeAscii(out, c);
      i++;
      continue;
    }
    if (c < 0xc2 || c >= 0xf5) {
      // Continuation byte, overlong 2-byte lead or beyond U+10FFFF.
      out.byte(DOT);
      i++;
      continue;
    }
    const n = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
    let cp = c & (n === 2 ? 0x1f : n === 3 ? 0x0f : 0x07);
    let j = 1;
    for (; j < n; j++) {
      const d = src[i + j];
      if (d === 0) {
        out.byte(DOT);
        return i + j + 1;
      }
      if ((d & 0xc0) !== 0x80) break;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (j < n) {
      // Cut sequence: decoding restarts at the offending byte.
      out.byte(DOT);
      i += j;
      continue;
    }
    const invalid = n === 3 ? cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff) : n === 4 && (cp < 0x10000 || cp > 0x10ffff);
    if (invalid) out.byte(DOT);
    else out.copy(src, i, i + n);
    i += n;
  }
}
