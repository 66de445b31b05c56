import { Dissector } from '../../../core/dissect/dissector.ts';
import { Packet } from '../../../core/dissect/packet.ts';
import type { FakeCore } from '../../basicFlow/test/harness/fakeCore.ts';
import { ipBytes } from '../../basicFlow/test/harness/packetBuilder.ts';

/** A hand-made Ethernet frame; everything not given is a plain, valid packet. */
export interface Frame {
  sec: number;
  ns?: number;
  v6?: boolean;
  /** An L2 frame with this EtherType instead of IP. */
  ethType?: number;
  src?: string;
  dst?: string;
  ttl?: number;
  tos?: number;
  id?: number;
  df?: boolean;
  mf?: boolean;
  /** Fragment offset in 8-byte units. */
  fragOff?: number;
  ipOptions?: number[];
  /** IPv6 Hop-by-Hop / Destination Options headers (option bytes without next/length). */
  hbh?: number[];
  dstOpts?: number[];
  /** IPv6 Fragment header: offset in 8-byte units and the M bit. */
  ip6Frag?: { units: number; more: boolean };
  /** Replaces the computed IPv4 header checksum. */
  ipChecksum?: number;
  proto?: number;
  sport?: number;
  dport?: number;
  seq?: number;
  ack?: number;
  flags?: number;
  win?: number;
  tcpOptions?: number[];
  payload?: number;
  /** Replaces the computed L4 checksum. */
  l4Checksum?: number;
  /** Replaces the UDP length field. */
  udpLen?: number;
  /** Captured bytes (default: the whole frame). */
  snap?: number;
}

const TCP = 6;
const UDP = 17;
const ICMP = 1;

function put16(b: number[], v: number): void {
  b.push((v >> 8) & 0xff, v & 0xff);
}

function put32(b: number[], v: number): void {
  b.push((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
}

function sum16(bytes: number[]): number {
  let s = 0;
  for (let k = 0; k < bytes.length; k += 2) s += (bytes[k] << 8) | (bytes[k + 1] ?? 0);
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return s;
}

function checksum(bytes: number[]): number {
  return ~sum16(bytes) & 0xffff;
}

function l4Bytes(f: Frame, proto: number): { hdr: number[]; ckOff: number } {
  const hdr: number[] = [];
  if (proto === TCP) {
    const opts = [...(f.tcpOptions ?? [])];
    while (opts.length % 4) opts.push(0);
    put16(hdr, f.sport ?? 1234);
    put16(hdr, f.dport ?? 80);
    put32(hdr, f.seq ?? 1000);
    put32(hdr, f.ack ?? 0);
    hdr.push((5 + opts.length / 4) << 4, f.flags ?? 0);
    put16(hdr, f.win ?? 1000);
    put32(hdr, 0);
    hdr.push(...opts);
    return { hdr, ckOff: 16 };
  }
  if (proto === UDP) {
    put16(hdr, f.sport ?? 1234);
    put16(hdr, f.dport ?? 53);
    put16(hdr, f.udpLen ?? 8 + (f.payload ?? 0));
    put16(hdr, 0);
    return { hdr, ckOff: 6 };
  }
  hdr.push(8, 0, 0, 0, 0, 1, 0, 1);
  return { hdr, ckOff: proto === ICMP ? 2 : -1 };
}

function ip6Ext(next: number, opts: number[]): number[] {
  const body = [next, 0, ...opts];
  while (body.length % 8) body.push(0);
  body[1] = body.length / 8 - 1;
  return body;
}

/** Frame bytes: Ethernet, IPv4/IPv6 with options or extension headers, L4 header and zero payload. */
export function frameBytes(f: Frame): number[] {
  const b = [0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1];
  if (f.ethType !== undefined) {
    put16(b, f.ethType);
    return b.concat(Array<number>(28).fill(0));
  }
  const proto = f.proto ?? TCP;
  const v6 = f.v6 ?? false;
  const src = ipBytes(f.src ?? (v6 ? '2001:db8::1' : '10.0.0.1'));
  const dst = ipBytes(f.dst ?? (v6 ? '2001:db8::2' : '10.0.0.2'));
  const later = (f.fragOff ?? 0) !== 0 || (f.ip6Frag?.units ?? 0) !== 0;
  const { hdr, ckOff } = later ? { hdr: [], ckOff: -1 } : l4Bytes(f, proto);
  const l4 = [...hdr, ...Array<number>(f.payload ?? 0).fill(0)];
  const l4Len = l4.length;
  const pseudo = v6 ? [...src, ...dst, 0, 0, l4Len >> 8, l4Len & 0xff, 0, 0, 0, proto] : [...src, ...dst, 0, proto, l4Len >> 8, l4Len & 0xff];
  if (ckOff >= 0) {
    const ck = f.l4Checksum ?? checksum(proto === ICMP ? l4 : [...pseudo, ...l4]);
    l4[ckOff] = ck >> 8;
    l4[ckOff + 1] = ck & 0xff;
  }
  if (v6) {
    put16(b, 0x86dd);
    let ext: number[] = [];
    let next = proto;
    if (f.ip6Frag) {
      const fo = (f.ip6Frag.units << 3) | (f.ip6Frag.more ? 1 : 0);
      ext = [next, 0, fo >> 8, fo & 0xff, 0, 0, 0, 7];
      next = 44;
    }
    if (f.dstOpts) {
      ext = [...ip6Ext(next, f.dstOpts), ...ext];
      next = 60;
    }
    if (f.hbh) {
      ext = [...ip6Ext(next, f.hbh), ...ext];
      next = 0;
    }
    const tc = f.tos ?? 0;
    put32(b, (0x6 << 28) | (tc << 20));
    put16(b, ext.length + l4Len);
    b.push(next, f.ttl ?? 64, ...src, ...dst, ...ext);
  } else {
    put16(b, 0x0800);
    const opts = [...(f.ipOptions ?? [])];
    while (opts.length % 4) opts.push(0);
    const ip: number[] = [0x45 + opts.length / 4, f.tos ?? 0];
    put16(ip, 20 + opts.length + l4Len);
    put16(ip, f.id ?? 1);
    put16(ip, (f.df ? 0x4000 : 0) | (f.mf ? 0x2000 : 0) | (f.fragOff ?? 0));
    ip.push(f.ttl ?? 64, proto, 0, 0, ...src, ...dst, ...opts);
    const ck = f.ipChecksum ?? checksum(ip);
    ip[10] = ck >> 8;
    ip[11] = ck & 0xff;
    b.push(...ip);
  }
  return b.concat(l4);
}

/** Dissects a frame with the real dissector, as the core would before the plugin callbacks. */
export function framePacket(core: FakeCore, f: Frame): Packet {
  const bytes = frameBytes(f);
  const caplen = Math.min(f.snap ?? bytes.length, bytes.length);
  const pkt = new Packet();
  pkt.buf = Uint8Array.from(bytes.slice(0, caplen));
  pkt.view = new DataView(pkt.buf.buffer);
  pkt.caplen = caplen;
  pkt.rawLen = bytes.length;
  pkt.tsSec = f.sec;
  pkt.tsNs = f.ns ?? 0;
  pkt.linkType = 1;
  new Dissector(core.stats, core.report).dissect(pkt);
  pkt.hdrDescId = core.internHdrDesc('test');
  return pkt;
}
