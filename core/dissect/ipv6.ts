/** IPv6 and its extension-header loop (core.md §3.5). */
import { StatHi, StatLo } from '../flow/status.ts';
import type { Dissector } from './dissector.ts';
import { etherName } from './ethernet.ts';
import { greHeader } from './gre.ts';
import { addHdr } from './hdrDesc.ts';
import { ipv4, protoName } from './ipv4.ts';
import { Proto, ssdp, udpPayload } from './l4.ts';
import { N } from './names.ts';
import { PppLe, pppName } from './ppp.ts';
import { l2tp } from './udpTunnels.ts';

/** MAXHDRCNT */
const MAX_EXT = 5;

/** l3Len etc. from the IPv6 header `hdr`; the outer header also counts and warns. */
function lengths(d: Dissector, hdr: number, outer: boolean): void {
  const p = d.p;
  const l2off = hdr - p.l2Off;
  const snapL3 = p.snapL2Len - l2off;
  const calc = (p.rawLen - (hdr - p.start)) & 0xffff;
  const pl = d.u16(hdr + 4);
  const l3Len = pl === 0 || pl + 40 > calc ? calc : pl + 40;
  p.l3Len = l3Len;
  p.snapL3Len = snapL3;
  if (pl === 0 && calc !== 0) p.statusHi |= StatHi.IP_PL_MSMTCH;
  if (outer) d.stats.bytesOnWire += p.rawLen;
  if (snapL3 < l3Len) {
    if (outer) d.snapWarning('Outer -- ', p.snapL2Len, snapL3, l3Len);
    p.statusHi |= StatHi.L3SNAPLENGTH;
  } else if (snapL3 > l3Len) {
    p.snapL2Len = l3Len + l2off;
    p.snapL3Len = l3Len;
  }
}

/** GRE in IPv6: returns the next IPv6 header to continue with, or -1 to stop. */
function greV6(d: Dissector, g: number): number {
  const p = d.p;
  const pay = greHeader(d, g);
  const proto = d.u16(g + 2);
  if (proto === 0x86dd) {
    addHdr(p, N.ipv6);
    return pay;
  }
  if (proto === 0x880b) {
    addHdr(p, N.cPpp);
    p.statusLo |= StatLo.L2_PPP;
    if (d.u8(pay) === 0xfd) {
      addHdr(p, N.compData);
      p.statusHi |= StatHi.PPP_NRHD | StatHi.STPDSCT;
      return -1;
    }
    const off = d.u8(pay) === 0xff && d.u8(pay + 1) === 0x03 ? pay + 2 : pay;
    const pp = d.u16le(off);
    if (pp === PppLe.IPV6) {
      addHdr(p, N.ipv6);
      return off + 2;
    }
    pppName(d, pp);
    p.statusHi |= StatHi.STPDSCT;
    return -1;
  }
  if (proto === 0x6558) {
    // T2 assumes an untagged inner Ethernet frame carrying IPv6.
    addHdr(p, N.cEth);
    addHdr(p, N.ipv6);
    p.l2Off = p.macOff = pay;
    return pay + 14;
  }
  etherName(d, proto);
  p.statusHi |= StatHi.STPDSCT;
  return -1;
}

/** IPv6 header at `off`; fills the flow key of the innermost header. */
export function ipv6(d: Dissector, off: number): void {
  const p = d.p;
  p.ethType = 0x86dd;
  p.statusHi |= StatHi.FS_IPV6_PKT;
  addHdr(p, N.ipv6);
  lengths(d, off, true);
  let hdr = off;
  let hdrLen = 40;
  let next = d.u8(hdr + 6);
  let l4HdrLen = 0;
  let laterFragment = false;
  ext: for (let i = 0; i < MAX_EXT; i++) {
    p.srcPort = p.dstPort = 0;
    const l4 = hdr + hdrLen;
    l4HdrLen = 0;
    if (d.left(l4) < 8) break;
    switch (next) {
      case Proto.HOPOPTS:
      case Proto.DSTOPTS:
      case Proto.ROUTING:
        addHdr(p, next === Proto.HOPOPTS ? N.hopopts : next === Proto.DSTOPTS ? N.dstopts : N.routing);
        hdrLen += (d.u8(l4 + 1) + 1) * 8;
        next = d.u8(l4);
        continue;
      case Proto.FRAGMENT: {
        addHdr(p, N.fraghdr);
        d.stats.numFragV6Packets++;
        hdrLen += 8;
        next = d.u8(l4);
        const fo = d.u16(l4 + 2);
        p.fragOff = fo >> 3;
        p.moreFrags = (fo & 1) !== 0;
        p.ip6FragId = d.u32(l4 + 4);
        if (p.fragOff !== 0) {
          laterFragment = true;
          break ext;
        }
        continue;
      }
      case Proto.AH:
        addHdr(p, N.ah);
        p.statusLo |= StatLo.L3_IPSEC_AH;
        hdrLen += (d.u8(l4 + 1) + 2) * 4;
        next = d.u8(l4);
        continue;
      case Proto.IPV6:
        addHdr(p, N.ipv6);
        p.statusLo |= StatLo.L3_IPIP;
        if (d.left(l4) < 40) {
          p.statusHi |= StatHi.STPDSCT;
          break ext;
        }
        hdr = l4;
        hdrLen = 40;
        next = d.u8(hdr + 6);
        continue;
      case Proto.IPIP:
        if (d.left(l4) < 20) {
          addHdr(p, N.ipv4);
          p.statusHi |= StatHi.FS_IPV4_PKT | StatHi.STPDSCT;
          break ext;
        }
        ipv4(d, l4);
        return;
      case Proto.ICMPV6:
        addHdr(p, N.icmpv6);
        l4HdrLen = 8;
        break ext;
      case Proto.TCP:
        addHdr(p, N.tcp);
        if (d.left(l4) < 20) {
          l4HdrLen = 20;
          p.statusHi |= StatHi.L4HDRSHRTLEN;
        } else l4HdrLen = (d.u8(l4 + 12) >> 4) << 2;
        p.srcPort = d.u16(l4);
        p.dstPort = d.u16(l4 + 2);
        ssdp(d);
        break ext;
      case Proto.UDP:
      case Proto.UDPLITE:
        addHdr(p, next === Proto.UDP ? N.udp : N.udplite);
        l4HdrLen = 8;
        p.srcPort = d.u16(l4);
        p.dstPort = d.u16(l4 + 2);
        if (l2tp(d, l4 + 8, p.srcPort, p.dstPort)) return;
        udpPayload(d, l4);
        break ext;
      case Proto.GRE: {
        const inner = greV6(d, l4);
        if (inner < 0) break ext;
        hdr = inner;
        hdrLen = 40;
        next = d.u8(hdr + 6);
        continue;
      }
      case Proto.ETHERIP: {
        addHdr(p, N.etherip);
        addHdr(p, N.cEth);
        p.statusLo |= StatLo.L3_ETHIPF;
        p.l2Off = p.macOff = l4 + 2;
        const et = d.u16(l4 + 14);
        if (et === 0x0800) {
          ipv4(d, l4 + 16);
          return;
        }
        if (et !== 0x86dd) {
          etherName(d, et);
          p.statusHi |= StatHi.STPDSCT;
          break ext;
        }
        addHdr(p, N.ipv6);
        hdr = l4 + 16;
        hdrLen = 40;
        next = d.u8(hdr + 6);
        continue;
      }
      case Proto.OSPF:
        addHdr(p, N.ospf);
        l4HdrLen = d.u8(l4) === 2 ? 24 : 16;
        break ext;
      case Proto.L2TP:
        addHdr(p, N.l2tp);
        p.statusLo |= StatLo.L2_L2TP;
        break ext;
      case Proto.SCTP:
        addHdr(p, N.sctp);
        p.statusLo |= StatLo.L4_SCTP;
        l4HdrLen = 12;
        if (d.left(l4) >= 16) {
          p.srcPort = d.u16(l4);
          p.dstPort = d.u16(l4 + 2);
        }
        break ext;
      case Proto.PIM: {
        addHdr(p, N.pim);
        if ((d.u8(l4) & 0xf) !== 1) break ext;
        const v = d.u8(l4 + 8) >> 4;
        if (v === 4) {
          ipv4(d, l4 + 8);
          return;
        }
        if (v !== 6) break ext;
        addHdr(p, N.ipv6);
        hdr = l4 + 8;
        hdrLen = 40;
        next = d.u8(hdr + 6);
        continue;
      }
      case Proto.NONXT:
        break ext;
      default:
        protoName(d, next);
        break ext;
    }
  }
  p.l4Proto = next;
  p.l3HdrLen = hdrLen;
  if (hdr !== off) lengths(d, hdr, false);
  if (laterFragment) l4HdrLen = 0;
  p.l3Off = hdr;
  const l4 = hdr + hdrLen;
  p.l4Off = l4;
  p.l4HdrLen = l4HdrLen;
  p.l7Off = l4 + l4HdrLen;
  p.l7Len = (p.l3Len - hdrLen - l4HdrLen) & 0xffff;
  p.len = p.l7Len;
  const capL4 = p.snapL3Len - hdrLen;
  p.snapL4Len = capL4 > 0 ? capL4 : 0;
  p.snapL7Len = capL4 > l4HdrLen ? capL4 - l4HdrLen : 0;
  const w = p.ipWords;
  for (let i = 0; i < 4; i++) {
    w[i] = d.le32(hdr + 8 + 4 * i);
    w[4 + i] = d.le32(hdr + 24 + 4 * i);
  }
  p.ipId = -1;
  p.ipVer = 6;
  p.statusLo |= StatLo.L2_IPV6;
  d.ipPad();
}
