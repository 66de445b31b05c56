import { writeSanitized } from '../../core/output/sanitize.ts';
import { TextBuffer } from '../../core/output/textBuffer.ts';

const BACKSLASH = 0x5c;
const UPPER_HEX = '0123456789ABCDEF';
/** Control characters txtSink escapes by letter but JSON only as `\u00XX`, by letter. */
const LETTER_ONLY_IN_TEXT: Record<number, number> = { 0x62: 0x08, 0x76: 0x0b, 0x66: 0x0c }; // b v f

const scratch = new TextBuffer(1 << 12);

/**
 * Writes the NUL-terminated string at `start` with jsonSink's escaping (sinks.md §3.3): the text
 * sinks' UTF-8 rules and escapes, except that only `\t \n \r \\ \"` keep a letter escape and the
 * other control characters become `\u00XX`. Returns the position after the NUL.
 */
export function writeJsonString(out: TextBuffer, src: Uint8Array, start: number): number {
  scratch.clear();
  const next = writeSanitized(scratch, src, start);
  const b = scratch.bytes;
  const n = scratch.len;
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (c !== BACKSLASH) {
      out.byte(c);
      continue;
    }
    // Escapes are two bytes or more; the byte after a backslash is never a string byte.
    const code = LETTER_ONLY_IN_TEXT[b[i + 1]!];
    if (code === undefined) {
      out.byte(c);
      out.byte(b[++i]!);
    } else {
      out.ascii('\\u00');
      out.byte(UPPER_HEX.charCodeAt(code >> 4));
      out.byte(UPPER_HEX.charCodeAt(code & 15));
      i++;
    }
  }
  return next;
}
