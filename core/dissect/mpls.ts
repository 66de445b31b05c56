/** MPLS label stacks and Ethernet pseudowires (core.md §3.2). */
import { StatLo } from '../flow/status.ts';
import type { Dissector } from './dissector.ts';
import { ethPayload } from './ethernet.ts';
import { addHdr, addRepHdr } from './hdrDesc.ts';
import { ipv4 } from './ipv4.ts';
import { ipv6 } from './ipv6.ts';
import { N } from './names.ts';

/** Label stack at `off` of EtherType `t` (0x8847 unicast, 0x8848 multicast). */
export function mpls(d: Dissector, off: number, t: number): void {
  const p = d.p;
  p.statusLo |= t === 0x8848 ? StatLo.L2_MPLS_MCAST : StatLo.L2_MPLS_UCAST;
  let n = 0;
  for (;;) {
    n++;
    const bottom = d.u8(off + 2) & 1;
    off += 4;
    if (bottom || off >= d.end) break;
  }
  addRepHdr(p, N.mpls, n);
  p.mplsCount += n;
  const v = d.u8(off) >> 4;
  if (v === 4) return ipv4(d, off);
  if (v === 6) return ipv6(d, off);
  // Ethernet pseudowire, with a control word when the first nibble is 0.
  if (v === 0) {
    addHdr(p, N.pwethcw);
    off += 4;
  }
  addHdr(p, N.cEth);
  p.l2Off = p.macOff = off;
  ethPayload(d, off + 12);
}
