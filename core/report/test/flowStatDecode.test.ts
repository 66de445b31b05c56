import { describe, expect, it } from 'vitest';
import { writeFlowStatDecode } from '../flowStatDecode.ts';
import { collectingWriter } from './logToStats.ts';

function decode(hi: number, lo: number): string[] {
  const { writer, lines } = collectingWriter();
  writeFlowStatDecode(writer, lo, hi);
  return lines();
}

describe('aggregated flowStat decode (core.md §8.3)', () => {
  it('prints warnings first, then infos, in T2 order', () => {
    expect(decode(0x080000f0, 0x00008000)).toEqual([
      '[WRN] IPv4/6 fragmentation header packet missing',
      '[WRN] IPv4/6 packet fragmentation sequence not finished',
      '[INF] IPv6 flows',
      '[INF] IPv4/6 fragmentation',
    ]);
  });

  it('prints the IPv4/IPv6 lines for the FS_IPV*_PKT bits alone and one MPLS line for both MPLS bits', () => {
    expect(decode(0x0c000000, 0x600)).toEqual(['[INF] IPv4 flows', '[INF] IPv6 flows', '[INF] MPLS encapsulation']);
  });

  it('ignores bits without a report line (L3FLOWINVERT, IPV4_FRAG_ERR, RMFLOW_HFULL, PPPoE)', () => {
    expect(decode(0x00000620, 0x00000019)).toEqual([]);
  });

  it('covers the top bit of each word', () => {
    expect(decode(0x80000000, 0x80000000)).toEqual([
      '[WRN] PCAP packet length > IO_BUFFER_MAX_MTU, caplen reduced',
      '[INF] IPsec ESP',
    ]);
  });
});
