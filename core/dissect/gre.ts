/** GRE inside IPv4 (core.md §3.4 step 5). */
import { StatHi, StatLo } from '../flow/status.ts';
import type { Dissector } from './dissector.ts';
import { etherName, vlans } from './ethernet.ts';
import { addHdr } from './hdrDesc.ts';
import { ipv4 } from './ipv4.ts';
import { ipv6 } from './ipv6.ts';
import { N } from './names.ts';
import { PppLe, pppName } from './ppp.ts';

/** What the caller of a GRE/tunnel step does next. */
export const enum Next {
  /** Dissection stopped (STPDSCT or a name only); the current header makes the flow. */
  Stop = 0,
  /** The inner packet was dissected recursively and made the flow. */
  Done = -1,
}

const F_CSUM = 0x8000;
const F_ROUTING = 0x4000;
const F_KEY = 0x2000;
const F_SEQ = 0x1000;
const F_SSR = 0x0800;
const F_ACK = 0x0080;

/** Parses the GRE header at `g`, sets d.greLen and returns the payload offset. */
export function greHeader(d: Dissector, g: number): number {
  const flags = d.u16(g);
  let len = 4;
  if (flags & F_CSUM) len += 4;
  if (flags & F_ROUTING) len += 4;
  if (flags & F_KEY) len += 4;
  if (flags & F_SEQ) len += 4;
  if (flags & F_SSR) len += 4;
  if (flags & F_ACK) len += 4;
  d.greLen = len;
  addHdr(d.p, N.gre);
  d.p.statusLo |= StatLo.L2_GRE;
  return g + len;
}

function stop(d: Dissector): number {
  d.p.statusHi |= StatHi.STPDSCT;
  return Next.Stop;
}

/**
 * An Ethernet frame inside a tunnel (GRE TEB/ERSPAN, EtherIP) at `eth`: it becomes the L2
 * header; IPv4 goes on in this pass (its offset is returned), IPv6 is dissected recursively,
 * anything else stops dissection.
 */
export function innerEthernet(d: Dissector, eth: number): number {
  const p = d.p;
  p.l2Off = p.macOff = eth;
  const t = vlans(d, eth + 12);
  const et = d.u16(t);
  if (et === 0x0800) {
    addHdr(p, N.ipv4);
    return t + 2;
  }
  if (et === 0x86dd) {
    ipv6(d, t + 2);
    return Next.Done;
  }
  etherName(d, et);
  return stop(d);
}

/** PPP over GRE (PPTP). */
function grePpp(d: Dissector, g: number, pay: number): number {
  const p = d.p;
  addHdr(p, N.cPpp);
  p.statusLo |= StatLo.L2_PPP;
  if (d.u8(pay) === 0xfd) {
    addHdr(p, N.compData);
    p.statusHi |= StatHi.PPP_NRHD;
    return stop(d);
  }
  // Enhanced GRE (version 1) without payload: an acknowledgement only.
  if ((d.u16(g) & 7) === 1 && d.u16(g + 4) === 0) return stop(d);
  if (d.u8(pay) === 0xff && d.u8(pay + 1) === 0x03) {
    const proto = d.u16le(pay + 2);
    if (proto === PppLe.IPV4) {
      addHdr(p, N.ipv4);
      return pay + 4;
    }
    if (proto === PppLe.IPV6) {
      ipv6(d, pay + 4);
      return Next.Done;
    }
    pppName(d, proto);
    return stop(d);
  }
  if (d.u8(pay) === 0x21) {
    addHdr(p, N.ipv4);
    return pay + 1;
  }
  const proto = d.u16le(pay);
  if (proto === PppLe.IPV4) {
    addHdr(p, N.ipv4);
    return pay + 2;
  }
  pppName(d, proto);
  return stop(d);
}

/**
 * GRE in IPv4 at `g`. Returns the offset of an inner IPv4 header dissected in the same pass,
 * or a Next value.
 */
export function greV4(d: Dissector, g: number): number {
  const p = d.p;
  let pay = greHeader(d, g);
  const proto = d.u16(g + 2);
  switch (proto) {
    case 0x0800:
      addHdr(p, N.ipv4);
      return pay;
    case 0x880b:
      return grePpp(d, g, pay);
    case 0x88be:
    case 0x6558: {
      if (proto === 0x88be) {
        addHdr(p, N.erspan);
        p.statusLo |= StatLo.L2_ERSPAN;
        pay += 8;
      }
      addHdr(p, N.cEth);
      return innerEthernet(d, pay);
    }
    case 0x883e: {
      addHdr(p, N.wccp);
      p.statusLo |= StatLo.L2_WCCP;
      const v = d.u8(pay + 4) >> 4;
      if (v === 4) ipv4(d, pay + 4);
      else if (v === 6) ipv6(d, pay + 4);
      else return stop(d);
      return Next.Done;
    }
    default:
      etherName(d, proto);
      return stop(d);
  }
}
