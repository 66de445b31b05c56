/** Ethernet, VLAN stacks, 802.3/LLC and the EtherType switch (core.md §3.2). */
import { StatHi, StatLo } from '../flow/status.ts';
import { type Dissector, L2Pad } from './dissector.ts';
import { addHdr, addNames, addRepHdr, addUnkHex } from './hdrDesc.ts';
import { ipv4 } from './ipv4.ts';
import { ipv6 } from './ipv6.ts';
import { mpls } from './mpls.ts';
import { ETHER_NAMES, LLC_NAMES, N } from './names.ts';
import { pppoeSession } from './ppp.ts';

/** Minimal captured length of an Ethernet frame. */
const ETH_MIN = 16;

export function isVlanType(t: number): boolean {
  return t === 0x8100 || t === 0x88a8 || t === 0x9100 || t === 0x9200;
}

/** A Cisco ISL header at `s` (at least 5 bytes captured there). */
export function isIsl(b: Uint8Array, s: number): boolean {
  const b0 = b[s];
  return (b0 === 0x01 || b0 === 0x03) && b[s + 1] === 0 && b[s + 2] === 0x0c && b[s + 3] === 0 && b[s + 4] === 0;
}

/** EtherType name, or `UNK(0x....)` which stops dissection. */
export function etherName(d: Dissector, t: number): void {
  const names = ETHER_NAMES.get(t);
  if (names) addNames(d.p, names);
  else {
    addUnkHex(d.p, t, 4);
    d.p.statusHi |= StatHi.STPDSCT;
  }
}

/** A whole Ethernet frame starting at `s` (link type EN10MB and the like). */
export function ethFrame(d: Dissector, s: number): void {
  const p = d.p;
  if (d.left(s) < ETH_MIN) {
    p.statusHi |= StatHi.L2SNAPLENGTH;
    d.noFlow();
    return;
  }
  // Cisco ISL encapsulates a complete Ethernet frame behind a 26-byte header.
  if (isIsl(p.buf, s)) {
    addHdr(p, N.isl);
    s += 26;
  }
  addHdr(p, N.eth);
  p.l2Off = p.macOff = s;
  ethPayload(d, s + 12);
}

/** Consumes a VLAN stack at the type field `off`; returns the offset of the following type field. */
export function vlans(d: Dissector, off: number): number {
  const p = d.p;
  let n = 0;
  while (isVlanType(d.u16(off)) && d.left(off + 2) >= 4) {
    const tci = d.u16(off + 2);
    if (n === 0) p.vlanCount = 0;
    p.statusLo |= StatLo.L2_VLAN;
    if ((tci & 0xfff) === 0) p.statusHi |= StatHi.FS_VLAN0;
    if (p.vlanCount < p.vlans.length) p.vlans[p.vlanCount] = tci;
    p.vlanCount++;
    p.vlanId = tci & 0xfff;
    off += 4;
    n++;
  }
  p.vlanHdrCnt += n;
  addRepHdr(p, N.vlan, n);
  return off;
}

/** VLANs, then either an 802.3 length (LLC) or an EtherType, at the type field `off`. */
export function ethPayload(d: Dissector, off: number): void {
  off = vlans(d, off);
  const t = d.u16(off);
  if (t > 1500 && t !== 0x8870) etherSwitch(d, off, t);
  else llc(d, off, t);
}

/** 802.3 length field at `off` followed by an LLC header. */
function llc(d: Dissector, off: number, length: number): void {
  const p = d.p;
  d.llcSeen = true;
  addHdr(p, N.llc);
  const l = off + 2;
  const dsap = d.u8(l);
  const ssap = d.u8(l + 1);
  if (dsap === 0xaa && ssap === 0xaa) {
    d.llcLength = length;
    d.llcPayOff = l;
    etherSwitch(d, l + 6, d.u16(l + 6));
    return;
  }
  const hdrLen = (d.u8(l + 2) & 3) === 3 ? 3 : 4;
  p.ethType = (dsap << 8) | ssap;
  if (dsap === 0x06) {
    const v = d.u8(l + hdrLen) >> 4;
    if (v === 4) return ipv4(d, l + hdrLen);
    if (v === 6) return ipv6(d, l + hdrLen);
    addHdr(p, N.ipvx);
    p.statusLo |= StatLo.L3_IPVX;
  } else {
    const names = LLC_NAMES.get(dsap);
    if (names) addNames(p, names);
    else {
      addUnkHex(p, dsap, 2);
      p.statusHi |= StatHi.STPDSCT;
    }
  }
  d.l2Flow(l + hdrLen, l, L2Pad.Length, length);
}

/** An IP EtherType whose payload has the wrong version nibble. */
function ipvx(d: Dissector, pay: number): void {
  d.stats.numVxPackets++;
  addHdr(d.p, N.ipvx);
  d.p.statusLo |= StatLo.L3_IPVX;
  d.l2Flow(pay, pay, L2Pad.Payload);
}

/** Slow protocols subtypes 1, 2, 3 and 10. */
function slow(d: Dissector, sub: number): void {
  addHdr(d.p, N.slow);
  if (sub === 1) addHdr(d.p, N.lacp);
  else if (sub === 2) addHdr(d.p, N.marker);
  else if (sub === 3) addHdr(d.p, N.oampdu);
  else if (sub === 10) addHdr(d.p, N.ossp);
}

/** The EtherType `t` read at `off`. */
export function etherSwitch(d: Dissector, off: number, t: number): void {
  const p = d.p;
  const pay = off + 2;
  p.ethType = t;
  switch (t) {
    case 0x0800:
      if (d.u8(pay) >> 4 === 4) ipv4(d, pay);
      else ipvx(d, pay);
      return;
    case 0x86dd:
      if (d.u8(pay) >> 4 === 6) ipv6(d, pay);
      else ipvx(d, pay);
      return;
    case 0x0806:
      addHdr(p, N.arp);
      p.statusLo |= StatLo.L2_ARP;
      d.l2Flow(pay, pay, L2Pad.Arp);
      return;
    case 0x80f3:
      addHdr(p, N.aarp);
      p.statusLo |= StatLo.L2_ARP;
      break;
    case 0x8035:
      addHdr(p, N.rarp);
      p.statusLo |= StatLo.L2_RARP;
      break;
    case 0x8847:
    case 0x8848:
      mpls(d, pay, t);
      return;
    case 0x88be:
      // ERSPAN: 8-byte header, then a full Ethernet frame whose VLANs are not looked at.
      addHdr(p, N.erspan);
      addHdr(p, N.cEth);
      p.statusLo |= StatLo.L2_ERSPAN;
      p.l2Off = p.macOff = pay + 8;
      etherSwitch(d, pay + 20, d.u16(pay + 20));
      return;
    case 0x8863:
      addHdr(p, N.pppoed);
      p.statusLo |= StatLo.L2_PPPoE_D;
      break;
    case 0x8864:
      pppoeSession(d, pay);
      return;
    case 0x88cc:
      addHdr(p, N.lldp);
      p.statusLo |= StatLo.L2_LLDP;
      break;
    case 0x8809:
      slow(d, d.u8(pay));
      break;
    default:
      etherName(d, t);
  }
  d.l2Flow(pay, pay, L2Pad.Payload);
}
