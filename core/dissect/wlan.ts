/** IEEE 802.11 data frames carrying LLC/SNAP (core.md §3.3). */
import type { Dissector } from './dissector.ts';
import { etherSwitch } from './ethernet.ts';
import { addHdr } from './hdrDesc.ts';
import { N } from './names.ts';

const FC_PROTECTED = 0x40;
const TYPE_DATA = 2;

/** 802.11 header at `off`; returns false when the frame makes no flow. */
export function wlan(d: Dissector, off: number): boolean {
  const p = d.p;
  addHdr(p, p.hdrDescLen > 0 ? N.cWlan : N.wlan);
  const fc = d.u8(off);
  const flags = d.u8(off + 1);
  const subtype = fc >> 4;
  if ((flags & FC_PROTECTED) || ((fc >> 2) & 3) !== TYPE_DATA) {
    d.noFlow();
    return false;
  }
  let hdrLen: number;
  if (subtype <= 3) hdrLen = 24;
  else if (subtype >= 8 && subtype <= 11) hdrLen = (flags & 3) === 3 ? 32 : 26;
  else {
    d.noFlow();
    return false;
  }
  // The "MACs" basicFlow prints are the first 12 bytes of the 802.11 header (§3.2 quirk).
  p.l2Off = p.macOff = off;
  let l = off + hdrLen;
  if (d.u8(l) === 0 && d.u8(l + 1) === 0) l += 2;
  if ((d.u8(l + 2) & 3) !== 3) l++;
  d.llcSeen = true;
  addHdr(p, N.llc);
  etherSwitch(d, l + 6, d.u16(l + 6));
  return true;
}
