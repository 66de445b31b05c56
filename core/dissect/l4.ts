/** Layer-4 helpers shared by IPv4 and IPv6: SSDP, DTLS records, UDP-encapsulated IPsec. */
import { StatHi, StatLo } from '../flow/status.ts';
import type { Dissector } from './dissector.ts';
import { addHdr } from './hdrDesc.ts';
import { N } from './names.ts';

export const enum Proto {
  HOPOPTS = 0,
  ICMP = 1,
  IGMP = 2,
  IPIP = 4,
  TCP = 6,
  UDP = 17,
  IPV6 = 41,
  ROUTING = 43,
  FRAGMENT = 44,
  GRE = 47,
  ESP = 50,
  AH = 51,
  ICMPV6 = 58,
  NONXT = 59,
  DSTOPTS = 60,
  OSPF = 89,
  ETHERIP = 97,
  PIM = 103,
  L2TP = 115,
  SCTP = 132,
  UDPLITE = 136,
}

export const SSDP_PORT = 1900;
export const IPSEC_NAT_T = 4500;

/** SSDP to/from an unprivileged port; returns true when it matched. */
export function ssdp(d: Dissector): boolean {
  const p = d.p;
  if ((p.dstPort === SSDP_PORT && p.srcPort > 1024) || (p.srcPort === SSDP_PORT && p.dstPort > 1024)) {
    addHdr(p, N.ssdp);
    p.statusLo |= StatLo.L4_UPNP;
    return true;
  }
  return false;
}

/** The header name of a DTLS record at `pay` (a content type 0x14–0x3f, then a DTLS version), else undefined. */
function dtlsName(d: Dissector, pay: number): Uint8Array | undefined {
  const ct = d.u8(pay);
  if (ct < 0x14 || ct > 0x3f) return undefined;
  const ver = d.u16(pay + 1);
  if (ver === 0xfefd) return N.dtls12;
  if (ver === 0xfeff || ver === 0x0100) return N.dtls10;
  return undefined;
}

/** Whether the UDP payload at `pay` starts with a DTLS record (also the fast path's test). */
export function startsDtls(d: Dissector, pay: number): boolean {
  return pay < d.end && dtlsName(d, pay) !== undefined;
}

/** DTLS records at the start of the UDP payload `pay`; each one is counted. */
export function dtls(d: Dissector, pay: number): void {
  const p = d.p;
  while (pay < d.end) {
    const name = dtlsName(d, pay);
    if (name === undefined) return;
    addHdr(p, name);
    p.statusHi |= StatHi.L7_DTLS;
    d.stats.numDTLSPackets++;
    const next = pay + 13 + d.u16(pay + 11);
    if (next >= d.end) return;
    pay = next;
  }
}

/** UDP after the ports are known: DTLS, then SSDP or IPsec NAT traversal (port 4500). */
export function udpPayload(d: Dissector, udp: number): void {
  const p = d.p;
  dtls(d, udp + 8);
  if (ssdp(d)) return;
  if (p.srcPort !== IPSEC_NAT_T && p.dstPort !== IPSEC_NAT_T) return;
  addHdr(p, N.udpencap);
  // A NAT keep-alive is a single 0xff byte.
  if (d.u16(udp + 4) === 9 && d.u8(udp + 8) === 0xff) return;
  if (d.u32(udp + 8) !== 0) {
    addHdr(p, N.esp);
    p.statusLo |= StatLo.L3_IPSEC_ESP;
  } else addHdr(p, N.isakmp);
}
