import { describe, expect, it } from 'vitest';
import { ip4Text, ip6Text, macText } from '../addressText.ts';

function ip6(groups: number[]): Uint8Array {
  const b = new Uint8Array(16);
  groups.forEach((g, i) => {
    b[2 * i] = g >> 8;
    b[2 * i + 1] = g & 0xff;
  });
  return b;
}

describe('IPv6 text (glibc inet_ntop)', () => {
  it.each([
    [[0, 0, 0, 0, 0, 0, 0, 0], '::'],
    [[0, 0, 0, 0, 0, 0, 0, 1], '::1'],
    [[0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304], '::ffff:1.2.3.4'],
    [[0, 0, 0, 0, 0, 0, 0x0102, 0x0304], '::1.2.3.4'],
    [[0, 0, 0, 0, 0, 1, 0, 1], '::1:0:1'],
    [[0x2001, 0xdb8, 0, 1, 0, 0, 0, 1], '2001:db8:0:1::1'],
    [[1, 0, 0, 0, 0, 0, 0, 0], '1::'],
    [[0xfe80, 0, 0, 0, 0x21f, 0xf3ff, 0xfecd, 0xf617], 'fe80::21f:f3ff:fecd:f617'],
    [[1, 0, 0, 2, 0, 0, 3, 4], '1::2:0:0:3:4'],
    [[1, 0, 2, 0, 3, 0, 4, 0], '1:0:2:0:3:0:4:0'],
    [[0, 0, 1, 0, 0, 0, 0, 0], '0:0:1::'],
    [[0, 0, 0, 0, 0, 0xfffe, 0x0102, 0x0304], '::fffe:102:304'],
    [[0, 0, 0, 0, 0xffff, 0, 0x0102, 0x0304], '::ffff:0:102:304'],
    [[0xabcd, 0x0ab, 0x00c, 0xd, 0, 0xffff, 0xffff, 0xffff], 'abcd:ab:c:d:0:ffff:ffff:ffff'],
  ])('%j → %s', (groups, text) => {
    expect(ip6Text(ip6(groups))).toBe(text);
  });
});

describe('IPv4 and MAC text', () => {
  it('prints a dotted quad', () => {
    expect(ip4Text(new Uint8Array([10, 0, 255, 1]))).toBe('10.0.255.1');
  });

  it('prints a lower-case, zero-padded MAC at an offset', () => {
    expect(macText(new Uint8Array([9, 0x00, 0x1b, 0xd4, 0x1b, 0xa4, 0xd8]), 1)).toBe('00:1b:d4:1b:a4:d8');
  });
});
