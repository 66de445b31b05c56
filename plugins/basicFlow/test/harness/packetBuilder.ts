import { Packet } from '../../../../core/dissect/packet.ts';
import { StatHi, StatLo } from '../../../../core/flow/status.ts';
import type { FakeCore } from './fakeCore.ts';

export const TCP = 6;
export const UDP = 17;
export const ICMP = 1;
export const ICMP6 = 58;

export const FIN = 0x01;
export const SYN = 0x02;
export const RST = 0x04;
export const PSH = 0x08;
export const ACK = 0x10;
export const URG = 0x20;

/** A hand-made packet: Ethernet (or a raw IP link) + VLAN tags + IPv4/IPv6 + TCP/UDP/other, or an L2 frame. */
export interface PacketSpec {
  sec: number;
  ns?: number;
  /** `raw`: DLT_RAW-like link without Ethernet (no MACs, L2_NO_ETH). */
  link?: 'eth' | 'raw';
  srcMac?: string;
  dstMac?: string;
  /** Full TCIs, outermost first. */
  vlans?: number[];
  /** IP version; omitted → L2 frame with `ethType`. */
  ip?: 4 | 6;
  src?: string;
  dst?: string;
  proto?: number;
  sport?: number;
  dport?: number;
  flags?: number;
  seq?: number;
  ack?: number;
  /** L7 payload bytes (IP) or bytes after the EtherType (L2). */
  payload?: number;
  /** L2 frames: EtherType. */
  ethType?: number;
  /** Extra bytes on the wire after the frame (padding); counted into Packet.padLen. */
  pad?: number;
  /** Captured TCP/UDP bytes (truncation), default: everything. */
  snapL4?: number;
  /** IPv4/IPv6 fragment offset (8-byte units). */
  fragOff?: number;
  hdrDesc?: string;
  numHdrs?: number;
}

function macBytes(text: string): number[] {
  return text.split(':').map((h) => parseInt(h, 16));
}

export function ipBytes(text: string): number[] {
  if (text.includes('.')) return text.split('.').map(Number);
  const [head, tail] = text.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? 0 : 8 - h.length - t.length;
  const groups = [...h, ...Array<string>(zeros).fill('0'), ...t].map((g) => parseInt(g, 16));
  return groups.flatMap((g) => [g >> 8, g & 0xff]);
}

function put16(b: number[], v: number): void {
  b.push((v >> 8) & 0xff, v & 0xff);
}

function put32(b: number[], v: number): void {
  b.push((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
}

function l4Header(spec: PacketSpec, proto: number): number[] {
  const b: number[] = [];
  if (proto === TCP) {
    put16(b, spec.sport ?? 0);
    put16(b, spec.dport ?? 0);
    put32(b, spec.seq ?? 0);
    put32(b, spec.ack ?? 0);
    b.push(0x50, spec.flags ?? 0);
    put16(b, 65535);
    put32(b, 0);
  } else if (proto === UDP) {
    put16(b, spec.sport ?? 0);
    put16(b, spec.dport ?? 0);
    put16(b, 8 + (spec.payload ?? 0));
    put16(b, 0);
  } else if (proto === ICMP || proto === ICMP6) {
    b.push(8, 0, 0, 0, 0, 0, 0, 0);
  }
  return b;
}

/** Builds the bytes and fills a Packet the way the dissector would for this simple shape. */
export function buildPacket(core: FakeCore, spec: PacketSpec): Packet {
  const pkt = new Packet();
  pkt.reset();
  const b: number[] = [];
  const eth = (spec.link ?? 'eth') === 'eth';
  const vlans = spec.vlans ?? [];
  let desc = eth ? 'eth' : '';
  let numHdrs = eth ? 1 : 0;
  if (eth) {
    b.push(...macBytes(spec.dstMac ?? '00:00:00:00:00:02'), ...macBytes(spec.srcMac ?? '00:00:00:00:00:01'));
    for (const tci of vlans) {
      put16(b, 0x8100);
      put16(b, tci);
    }
    if (vlans.length > 0) {
      desc += vlans.length > 1 ? `:vlan{${vlans.length}}` : ':vlan';
      numHdrs += vlans.length;
      pkt.statusLo |= StatLo.L2_VLAN;
    }
    pkt.l2Off = 0;
    pkt.macOff = 0;
  } else {
    pkt.statusLo |= StatLo.L2_NO_ETH;
  }
  pkt.vlans.set(vlans);
  pkt.vlanCount = vlans.length;
  pkt.vlanId = vlans.length > 0 ? vlans[vlans.length - 1] & 0xfff : 0;
  const payload = spec.payload ?? 0;

  if (spec.ip === undefined) {
    const ethType = spec.ethType ?? 0x0806;
    put16(b, ethType);
    pkt.l7Off = b.length;
    b.push(...Array(payload).fill(0));
    pkt.ethType = ethType;
    pkt.ipVer = 0;
    // L2 flows count everything after the EtherType, padding included (core.md §4.3).
    pkt.len = payload + (spec.pad ?? 0);
    pkt.statusLo |= StatLo.L2_FLOW | (ethType === 0x0806 ? StatLo.L2_ARP : 0);
    desc += ethType === 0x0806 ? ':arp' : ':lldp';
    numHdrs += 1;
  } else {
    const v6 = spec.ip === 6;
    const proto = spec.proto ?? TCP;
    const src = ipBytes(spec.src ?? (v6 ? '2001:db8::1' : '10.0.0.1'));
    const dst = ipBytes(spec.dst ?? (v6 ? '2001:db8::2' : '10.0.0.2'));
    const fragOff = spec.fragOff ?? 0;
    const l4 = fragOff === 0 ? l4Header(spec, proto) : [];
    const l3HdrLen = v6 ? 40 : 20;
    const l3Len = l3HdrLen + l4.length + payload;
    if (eth) put16(b, v6 ? 0x86dd : 0x0800);
    pkt.l3Off = b.length;
    if (v6) {
      put32(b, 0x60000000);
      put16(b, l3Len - 40);
      b.push(proto, 64, ...src, ...dst);
    } else {
      b.push(0x45, 0);
      put16(b, l3Len);
      put16(b, 1);
      put16(b, fragOff);
      b.push(64, proto, 0, 0, ...src, ...dst);
    }
    pkt.l4Off = b.length;
    b.push(...l4);
    pkt.l7Off = b.length;
    b.push(...Array(payload).fill(0));
    pkt.ipVer = spec.ip;
    pkt.ethType = v6 ? 0x86dd : 0x0800;
    pkt.srcIP.set(src);
    pkt.dstIP.set(dst);
    pkt.l4Proto = proto;
    if (fragOff === 0 && (proto === TCP || proto === UDP)) {
      pkt.srcPort = spec.sport ?? 0;
      pkt.dstPort = spec.dport ?? 0;
    }
    pkt.fragOff = fragOff;
    pkt.l3Len = l3Len;
    pkt.l3HdrLen = l3HdrLen;
    pkt.l4HdrLen = l4.length;
    pkt.len = payload;
    pkt.l7Len = payload;
    pkt.statusLo |= v6 ? StatLo.L2_IPV6 : StatLo.L2_IPV4;
    pkt.statusHi |= v6 ? StatHi.FS_IPV6_PKT : StatHi.FS_IPV4_PKT;
    const l4Name = proto === TCP ? ':tcp' : proto === UDP ? ':udp' : proto === ICMP ? ':icmp' : proto === ICMP6 ? ':icmpv6' : '';
    desc += (v6 ? ':ipv6' : ':ipv4') + (fragOff === 0 ? l4Name : '');
    numHdrs += fragOff === 0 && l4Name ? 2 : 1;
  }

  const pad = spec.pad ?? 0;
  b.push(...Array(pad).fill(0));
  pkt.padLen = pad;
  pkt.buf = Uint8Array.from(b);
  pkt.view = new DataView(pkt.buf.buffer);
  pkt.start = 0;
  pkt.caplen = pkt.rawLen = b.length;
  pkt.snapL2Len = b.length - pad;
  if (pkt.l3Off >= 0) pkt.snapL3Len = pkt.snapL2Len - pkt.l3Off;
  if (pkt.l4Off >= 0) pkt.snapL4Len = spec.snapL4 ?? pkt.snapL2Len - pkt.l4Off;
  pkt.snapL7Len = pkt.snapL2Len - pkt.l7Off;
  pkt.tsSec = spec.sec;
  pkt.tsNs = spec.ns ?? 0;
  pkt.numHdrs = spec.numHdrs ?? numHdrs;
  const text = spec.hdrDesc ?? desc;
  pkt.hdrDescId = core.internHdrDesc(text);
  return pkt;
}
