/** Link-layer types T2 0.9.3 handles in its default build (core.md §2.7). */
import { StatHi, StatLo } from '../flow/status.ts';
import type { Dissector } from './dissector.ts';
import { ethFrame, ethPayload, etherSwitch } from './ethernet.ts';
import { addHdr } from './hdrDesc.ts';
import { ipv4 } from './ipv4.ts';
import { ipv6 } from './ipv6.ts';
import { N } from './names.ts';
import { pppLink } from './ppp.ts';
import { wlan } from './wlan.ts';

export const enum Dlt {
  NULL = 0,
  EN10MB = 1,
  PPP = 9,
  RAW = 12,
  PPP_SERIAL = 50,
  SYMANTEC = 99,
  RAW_LT = 101,
  C_HDLC = 104,
  IEEE802_11 = 105,
  FRELAY = 107,
  LINUX_SLL = 113,
  PRISM = 119,
  RADIOTAP = 127,
  PPI = 192,
  PPP_WITH_DIR = 204,
  C_HDLC_WITH_DIR = 205,
  FRELAY_WITH_DIR = 206,
  IPV4 = 228,
  IPV6 = 229,
  ETHERNET_MPACKET = 274,
}

/** DLTs `dissect` handles; for any other the core reports the unsupported link type. */
export const SUPPORTED_DLTS: ReadonlySet<number> = new Set([
  Dlt.NULL, Dlt.EN10MB, Dlt.PPP, Dlt.RAW, Dlt.PPP_SERIAL, Dlt.SYMANTEC, Dlt.RAW_LT, Dlt.C_HDLC,
  Dlt.IEEE802_11, Dlt.FRELAY, Dlt.LINUX_SLL, Dlt.PRISM, Dlt.RADIOTAP, Dlt.PPI, Dlt.PPP_WITH_DIR,
  Dlt.C_HDLC_WITH_DIR, Dlt.FRELAY_WITH_DIR, Dlt.IPV4, Dlt.IPV6, Dlt.ETHERNET_MPACKET,
]);

/** BSD AF_INET6 values of the various systems that write NULL/loopback captures. */
function isAfInet6(f: number): boolean {
  return f === 10 || f === 23 || f === 24 || f === 26 || f === 28 || f === 30;
}

function snapped(d: Dissector, off: number, min: number): boolean {
  if (d.left(off) >= min) return false;
  d.p.statusHi |= StatHi.L2SNAPLENGTH;
  d.noFlow();
  return true;
}

/** Raw IP: the version nibble decides. */
function rawIp(d: Dissector, off: number): void {
  const v = d.u8(off) >> 4;
  if (v === 4) ipv4(d, off);
  else if (v === 6) ipv6(d, off);
  else {
    d.report.wrn(`Unknown IP protocol ${v} in raw pcap`);
    d.noFlow();
  }
}

/** Cisco HDLC / Frame Relay: 2 bytes address/control, then an EtherType. */
function hdlc(d: Dissector, off: number, n: Uint8Array): void {
  const p = d.p;
  p.statusLo |= StatLo.L2_NO_ETH;
  addHdr(p, n);
  etherSwitch(d, off + 2, d.u16(off + 2));
}

/** Dissects the frame whose link header starts at `s`. */
export function dissectLink(d: Dissector, dlt: number, s: number): void {
  const p = d.p;
  switch (dlt) {
    case Dlt.EN10MB:
      ethFrame(d, s);
      return;
    case Dlt.NULL: {
      if (snapped(d, s, 4)) return;
      p.statusLo |= StatLo.L2_NO_ETH;
      addHdr(p, N.nul);
      let fam = (d.u8(s) | (d.u8(s + 1) << 8) | (d.u8(s + 2) << 16) | (d.u8(s + 3) << 24)) >>> 0;
      if (fam > 30) fam = ((fam >>> 24) | ((fam >>> 8) & 0xff00) | ((fam & 0xff00) << 8) | ((fam & 0xff) << 24)) >>> 0;
      if (fam === 2) ipv4(d, s + 4);
      else if (isAfInet6(fam)) ipv6(d, s + 4);
      else {
        d.report.wrn(`Null/Loopback header: unhandled family ${fam}`);
        d.noFlow();
      }
      return;
    }
    case Dlt.RAW:
    case Dlt.RAW_LT:
      p.statusLo |= StatLo.L2_NO_ETH;
      addHdr(p, N.raw);
      rawIp(d, s);
      return;
    case Dlt.IPV4:
      p.statusLo |= StatLo.L2_NO_ETH;
      ipv4(d, s);
      return;
    case Dlt.IPV6:
      p.statusLo |= StatLo.L2_NO_ETH;
      ipv6(d, s);
      return;
    case Dlt.PPP:
    case Dlt.PPP_SERIAL:
      pppLink(d, s);
      return;
    case Dlt.PPP_WITH_DIR:
      pppLink(d, s + 1);
      return;
    case Dlt.C_HDLC:
      hdlc(d, s, N.chdlc);
      return;
    case Dlt.C_HDLC_WITH_DIR:
      hdlc(d, s + 1, N.chdlc);
      return;
    case Dlt.FRELAY:
      hdlc(d, s, N.fr);
      return;
    case Dlt.FRELAY_WITH_DIR:
      hdlc(d, s + 1, N.fr);
      return;
    case Dlt.LINUX_SLL:
      if (snapped(d, s, 16)) return;
      addHdr(p, N.sll);
      // basicFlow's "MACs" are the first 12 bytes of the SLL header (§3.2 quirk).
      p.macOff = s;
      ethPayload(d, s + 14);
      return;
    case Dlt.IEEE802_11:
      wlan(d, s);
      return;
    case Dlt.RADIOTAP:
      addHdr(p, N.radiotap);
      wlan(d, s + d.u16le(s + 2));
      return;
    case Dlt.PRISM:
      addHdr(p, N.prism);
      wlan(d, s + 144);
      return;
    case Dlt.PPI: {
      addHdr(p, N.ppi);
      const inner = d.u8(s + 4) | (d.u8(s + 5) << 8) | (d.u8(s + 6) << 16) | (d.u8(s + 7) << 24);
      const next = s + d.u16le(s + 2);
      p.l2Off = next;
      if (inner !== Dlt.PPI && SUPPORTED_DLTS.has(inner)) dissectLink(d, inner, next);
      else d.noFlow();
      return;
    }
    case Dlt.SYMANTEC:
      addHdr(p, N.symantec);
      // Symantec firewall: 44-byte header whose last 2 bytes are the EtherType.
      etherSwitch(d, s + 42, d.u16(s + 42));
      return;
    case Dlt.ETHERNET_MPACKET:
      addHdr(p, N.fpp);
      ethFrame(d, s + 8);
      return;
    default:
      d.noFlow();
  }
}
