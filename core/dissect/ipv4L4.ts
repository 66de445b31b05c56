/** IPv4 step 13: the upper-layer protocol of an unfragmented, fully dissected header. */
import { StatHi, StatLo } from '../flow/status.ts';
import type { Dissector } from './dissector.ts';
import { greHeader } from './gre.ts';
import { addHdr } from './hdrDesc.ts';
import { ipv4, protoName } from './ipv4.ts';
import { ipv6 } from './ipv6.ts';
import { Proto, ssdp, udpPayload } from './l4.ts';
import { N } from './names.ts';

const IGMP_DVMRP = 0x13;
const IGMP_PIM = 0x14;
/** 224.0.0.25, where RGMP messages go. */
const RGMP_GROUP = 0xe0000019;

function ports(d: Dissector, l4: number): void {
  d.p.srcPort = d.u16(l4);
  d.p.dstPort = d.u16(l4 + 2);
}

/** PIM Register: an inner IP packet 8 bytes after the PIM header. True when it made the flow. */
export function pimRegister(d: Dissector, l4: number): boolean {
  if ((d.u8(l4) & 0xf) !== 1) return false;
  const v = d.u8(l4 + 8) >> 4;
  if (v === 4) ipv4(d, l4 + 8);
  else if (v === 6) ipv6(d, l4 + 8);
  else return false;
  return true;
}

/** Returns true when an inner packet was dissected recursively and defined the flow. */
export function ipv4L4(d: Dissector, hdr: number, l4: number, proto: number, l4Named: boolean): boolean {
  const p = d.p;
  switch (proto) {
    case Proto.TCP:
      if (!l4Named) addHdr(p, N.tcp);
      if (p.l3Len < 40) p.statusHi |= StatHi.L4HDRSHRTLEN;
      else {
        ports(d, l4);
        ssdp(d);
      }
      return false;
    case Proto.UDPLITE:
    case Proto.UDP:
      if (!l4Named) addHdr(p, proto === Proto.UDP ? N.udp : N.udplite);
      if (p.l3Len < 28) p.statusHi |= StatHi.L4HDRSHRTLEN;
      else {
        ports(d, l4);
        udpPayload(d, l4);
      }
      return false;
    case Proto.GRE:
      greHeader(d, l4);
      return false;
    case Proto.ESP:
      addHdr(p, N.esp);
      p.statusLo |= StatLo.L3_IPSEC_ESP;
      return false;
    case Proto.AH:
      addHdr(p, N.ah);
      p.statusLo |= StatLo.L3_IPSEC_AH;
      protoName(d, d.u8(l4));
      return false;
    case Proto.L2TP:
      addHdr(p, N.l2tp);
      p.statusLo |= StatLo.L2_L2TP;
      return false;
    case Proto.SCTP:
      addHdr(p, N.sctp);
      p.statusLo |= StatLo.L4_SCTP;
      if (p.l3Len < 36) p.statusHi |= StatHi.L4HDRSHRTLEN;
      else ports(d, l4);
      return false;
    case Proto.IGMP: {
      addHdr(p, N.igmp);
      const type = d.u8(l4);
      if (type === IGMP_DVMRP) addHdr(p, N.dvmrp);
      else if (type === IGMP_PIM) addHdr(p, N.pim);
      else if (type >= 0xfc && d.u32(hdr + 16) === RGMP_GROUP) addHdr(p, N.rgmp);
      return false;
    }
    case Proto.PIM:
      addHdr(p, N.pim);
      return pimRegister(d, l4);
    default:
      protoName(d, proto);
      return false;
  }
}
