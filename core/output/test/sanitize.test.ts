import { describe, expect, it } from 'vitest';
import { writeSanitized } from '../sanitize.ts';
import { TextBuffer } from '../textBuffer.ts';

/** Sanitises `bytes` (a NUL is appended) and returns the text and where reading stopped. */
function sanitize(bytes: number[]): { text: string; end: number } {
  const out = new TextBuffer(16);
  const end = writeSanitized(out, new Uint8Array([...bytes, 0, 0x41]), 0);
  return { text: Buffer.from(out.view()).toString('latin1'), end };
}

const utf8 = (s: string): number[] => [...Buffer.from(s, 'utf8')];
const latin1 = (s: string): string => Buffer.from(s, 'utf8').toString('latin1');

describe('string sanitising (core.md §7.2)', () => {
  it('copies printable ASCII and stops after the NUL', () => {
    expect(sanitize(utf8('Private network'))).toEqual({ text: 'Private network', end: 16 });
  });

  it('escapes C control characters, quote and backslash', () => {
    expect(sanitize([8, 9, 10, 11, 12, 13, 0x22, 0x5c]).text).toBe('\\b\\t\\n\\v\\f\\r\\"\\\\');
  });

  it('writes other control bytes and DEL as \\u00XX in upper-case hex', () => {
    expect(sanitize([1, 0x1b, 0x1f, 0x7f]).text).toBe('\\u0001\\u001B\\u001F\\u007F');
  });

  it('copies valid 2-, 3- and 4-byte UTF-8', () => {
    expect(sanitize(utf8('é€😀')).text).toBe(latin1('é€😀'));
    expect(sanitize([0xf4, 0x8f, 0xbf, 0xbf]).text).toBe('\xf4\x8f\xbf\xbf');
  });

  it('turns invalid lead bytes into dots', () => {
    expect(sanitize([0x80, 0xbf, 0xc0, 0xc1, 0xf5, 0xff, 0x41]).text).toBe('......A');
  });

  it('restarts decoding at the byte that cut a sequence', () => {
    expect(sanitize([0xc3, 0x41]).text).toBe('.A');
    expect(sanitize([0xe2, 0x82, 0x41]).text).toBe('.A');
    expect(sanitize([0xe2, 0xc3, 0xa9]).text).toBe('.\xc3\xa9');
  });

  it('ends the string at a NUL inside a sequence', () => {
    expect(sanitize([0x41, 0xe2, 0x82])).toEqual({ text: 'A.', end: 4 });
  });

  it('drops overlong forms, surrogates and code points above U+10FFFF as one dot', () => {
    expect(sanitize([0xe0, 0x80, 0xaf, 0x41]).text).toBe('.A');
    expect(sanitize([0xed, 0xa0, 0x80]).text).toBe('.');
    expect(sanitize([0xf0, 0x80, 0x80, 0xaf]).text).toBe('.');
    expect(sanitize([0xf4, 0x90, 0x80, 0x80]).text).toBe('.');
  });
});
