/** PPP as a link type and over PPPoE (core.md §2.7, §3.2). */
import { StatHi, StatLo } from '../flow/status.ts';
import { type Dissector, L2Pad } from './dissector.ts';
import { etherSwitch } from './ethernet.ts';
import { addHdr, addNames, addUnkHex } from './hdrDesc.ts';
import { ipv4 } from './ipv4.ts';
import { ipv6 } from './ipv6.ts';
import { mpls } from './mpls.ts';
import { N, PPP_NAMES } from './names.ts';

/** T2 reads PPP protocols in host (little-endian) order: 0x0021 on the wire is 0x2100. */
export const enum PppLe {
  IPV4 = 0x2100,
  IPV6 = 0x5700,
  MPLS_UC = 0x8102,
  MPLS_MC = 0x8302,
  MP = 0x3d00,
}

/** Name of a PPP protocol read little-endian; unknown ones print that value and stop dissection. */
export function pppName(d: Dissector, le: number): void {
  const names = PPP_NAMES.get(((le & 0xff) << 8) | (le >> 8));
  if (names) addNames(d.p, names);
  else {
    addUnkHex(d.p, le, 4);
    d.p.statusHi |= StatHi.STPDSCT;
  }
}

/** DLT_PPP / DLT_PPP_SERIAL frame at `s`. Non-IP PPP makes no flow at all. */
export function pppLink(d: Dissector, s: number): void {
  const p = d.p;
  p.statusLo |= StatLo.L2_NO_ETH | StatLo.L2_PPP;
  addHdr(p, N.ppp);
  const b0 = d.u8(s);
  if ((b0 === 0x0f || b0 === 0x8f) && d.u8(s + 1) === 0) {
    addHdr(p, N.cChdlc);
    etherSwitch(d, s + 2, d.u16(s + 2));
    return;
  }
  const off = b0 === 0xff && d.u8(s + 1) === 0x03 ? s + 2 : s;
  const proto = d.u16le(off);
  switch (proto) {
    case PppLe.IPV4:
      return ipv4(d, off + 2);
    case PppLe.IPV6:
      return ipv6(d, off + 2);
    case PppLe.MPLS_UC:
      p.ethType = 0x8847;
      return mpls(d, off + 2, 0x8847);
    case PppLe.MPLS_MC:
      p.ethType = 0x8848;
      return mpls(d, off + 2, 0x8848);
    default:
      pppName(d, proto);
      d.noFlow();
  }
}

/** PPPoE session payload at `pay` (after the EtherType). */
export function pppoeSession(d: Dissector, pay: number): void {
  const p = d.p;
  p.statusLo |= StatLo.L2_PPPoE_S;
  addHdr(p, N.pppoes);
  addHdr(p, N.cPpp);
  // A compressed 1-byte protocol is not recognised (pppoe-session-http.pcap).
  const proto = d.u16le(pay + 6);
  if (proto === PppLe.IPV4) return ipv4(d, pay + 8);
  if (proto === PppLe.IPV6) return ipv6(d, pay + 8);
  pppName(d, proto);
  d.l2Flow(pay, pay, L2Pad.Payload);
}
