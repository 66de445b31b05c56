/** IPv4 (core.md §3.4). */
import { StatHi, StatLo } from '../flow/status.ts';
import type { Dissector } from './dissector.ts';
import { greV4, innerEthernet, Next } from './gre.ts';
import { addHdr, addNames, addUnkDec } from './hdrDesc.ts';
import { ipv6 } from './ipv6.ts';
import { ipv4L4 } from './ipv4L4.ts';
import { IP_PROTO_NAMES, N } from './names.ts';
import { Proto } from './l4.ts';
import { portTunnels, Tunnel } from './udpTunnels.ts';

/** Protocol name, or `UNK(n)` which stops dissection. */
export function protoName(d: Dissector, proto: number): void {
  const names = IP_PROTO_NAMES.get(proto);
  if (names) addNames(d.p, names);
  else {
    addUnkDec(d.p, proto);
    d.p.statusHi |= StatHi.STPDSCT;
  }
}

function ihlOf(d: Dissector, hdr: number): number {
  return (d.u8(hdr) & 0xf) << 2;
}

/** Steps 2–3 for a header that becomes the current one; false: the packet makes no flow. */
function enter(d: Dissector, hdr: number): boolean {
  const p = d.p;
  if (ihlOf(d, hdr) < 20) {
    p.statusHi |= StatHi.IPV4_HL_TOO_SHORT;
    d.noFlow();
    return false;
  }
  if (d.u16(hdr + 6) & 0x1fff) p.statusHi |= StatHi.STPDSCT;
  return true;
}

/** EtherIP in IPv4 at `e`: like GRE, returns an in-pass IPv4 header offset or a Next value. */
function etherIp(d: Dissector, e: number): number {
  const p = d.p;
  addHdr(p, N.etherip);
  addHdr(p, N.cEth);
  p.statusLo |= StatLo.L3_ETHIPF;
  return innerEthernet(d, e + 2);
}

/** Steps 5–7: GRE, EtherIP and IP-in-IP switch the current header. Returns it, or Next.Done. */
function innerTunnels(d: Dissector, hdr: number): number {
  const p = d.p;
  for (;;) {
    if (p.statusHi & StatHi.STPDSCT) return hdr;
    const l4 = hdr + ihlOf(d, hdr);
    let next: number;
    switch (d.u8(hdr + 9)) {
      case Proto.GRE:
        next = greV4(d, l4);
        break;
      case Proto.ETHERIP:
        if (d.u8(l4) >> 4 < 3) return hdr;
        next = etherIp(d, l4);
        break;
      case Proto.IPIP:
        p.statusLo |= StatLo.L3_IPIP;
        addHdr(p, N.ipv4);
        if (l4 >= d.end) {
          p.statusHi |= StatHi.STPDSCT;
          return hdr;
        }
        next = l4;
        break;
      case Proto.IPV6:
        p.statusLo |= StatLo.L3_IPIP;
        if (l4 >= d.end) {
          addHdr(p, N.ipv6);
          p.statusHi |= StatHi.FS_IPV6_PKT | StatHi.STPDSCT;
          return hdr;
        }
        ipv6(d, l4);
        return Next.Done;
      default:
        return hdr;
    }
    if (next === Next.Done) return Next.Done;
    if (next === Next.Stop) return hdr;
    if (!enter(d, next)) return Next.Done;
    hdr = next;
  }
}

/** IPv4 header at `off`; fills the flow key of the innermost header. */
export function ipv4(d: Dissector, off: number): void {
  const p = d.p;
  p.ethType = 0x0800;
  p.statusHi |= StatHi.FS_IPV4_PKT;
  addHdr(p, N.ipv4);
  if (!enter(d, off)) return;
  let l4Named = false;
  if (!(d.u16(off + 6) & 0x1fff)) {
    const t = portTunnels(d, off, ihlOf(d, off));
    if (t === Tunnel.Done) return;
    l4Named = t === Tunnel.Named;
  }
  const hdr = innerTunnels(d, off);
  if (hdr === Next.Done) return;
  if (d.u8(hdr) >> 4 !== 4) {
    p.statusLo |= StatLo.L3_IPVX;
    addHdr(p, N.ipvx);
    d.noFlow();
    return;
  }
  ipv4Flow(d, hdr, l4Named);
}

/** Steps 9–14 for the current header `hdr`. */
function ipv4Flow(d: Dissector, hdr: number, l4Named: boolean): void {
  const p = d.p;
  const ihl = ihlOf(d, hdr);
  p.l3Off = hdr;
  const l2off = hdr - p.l2Off;
  p.snapL3Len = p.snapL2Len - l2off;
  const calc = (p.rawLen - (hdr - p.start)) & 0xffff;
  const ipLen = d.u16(hdr + 2);
  p.l3Len = ipLen === 0 || ipLen > calc ? calc : ipLen;
  if (ipLen === 0 && calc !== 0) p.statusHi |= StatHi.IP_PL_MSMTCH;
  d.stats.bytesOnWire += p.l3Len + l2off;
  if (p.snapL3Len < p.l3Len) {
    d.snapWarning('', p.snapL2Len, p.snapL3Len, p.l3Len);
    p.statusHi |= StatHi.L3SNAPLENGTH;
  } else if (p.snapL3Len > p.l3Len) {
    p.snapL2Len = p.l3Len + l2off;
    p.snapL3Len = p.l3Len;
  }
  if (p.l3Len < 20) p.statusHi |= StatHi.L3HDRSHRTLEN;

  const proto = d.u8(hdr + 9);
  const frag = d.u16(hdr + 6);
  const fragOff = frag & 0x1fff;
  p.l4Proto = proto;
  p.l3HdrLen = ihl;
  const l4 = hdr + ihl;
  const capL4 = p.snapL3Len - ihl;
  const snapped = (p.statusHi & StatHi.L3SNAPLENGTH) !== 0;
  let l4HdrLen = 8;
  if (fragOff !== 0) l4HdrLen = 0;
  else if (proto === Proto.IPIP) l4HdrLen = ihlOf(d, l4);
  else if (proto === Proto.ICMP) l4HdrLen = 8;
  else if (proto === Proto.TCP) l4HdrLen = snapped && capL4 < 20 ? 20 : (d.u8(l4 + 12) >> 4) << 2;
  else if (proto === Proto.GRE) l4HdrLen = d.greLen;
  else if (proto === Proto.OSPF) l4HdrLen = d.u8(l4) === 2 ? 24 : 16;
  else if (proto === Proto.SCTP) l4HdrLen = 12;
  if (snapped && capL4 < l4HdrLen) p.statusHi |= StatHi.L4HDRSHRTLEN;
  if (p.setL4(l4, l4HdrLen, p.l3Len - ihl - l4HdrLen, capL4)) p.statusHi |= StatHi.L4HDRSHRTLEN;

  const w = p.ipWords;
  w[0] = d.le32(hdr + 12);
  w[4] = d.le32(hdr + 16);
  w[1] = w[2] = w[3] = w[5] = w[6] = w[7] = 0;
  if (!(p.statusHi & StatHi.STPDSCT)) p.srcPort = p.dstPort = 0;
  p.ipId = d.u16(hdr + 4);
  p.fragOff = fragOff;
  p.moreFrags = (frag & 0x2000) !== 0;

  if (fragOff !== 0) protoName(d, proto);
  else if (!(p.statusHi & StatHi.STPDSCT)) {
    if (ipv4L4(d, hdr, l4, proto, l4Named)) return;
  }
  p.ipVer = 4;
  p.statusLo |= StatLo.L2_IPV4;
  d.ipPad();
}
