import { readFileSync } from 'node:fs';
import { Packet } from '../../../../core/dissect/packet.ts';
import { StatHi, StatLo } from '../../../../core/flow/status.ts';
import type { FakeCore } from './fakeCore.ts';

/**
 * Test-only reader for classic pcap files of plain Ethernet/IPv4/IPv6 + TCP/UDP/ICMP traffic,
 * filling Packet records with the lengths of core.md §3.4/§3.5 (no VLANs, tunnels, extension
 * headers or fragments: captures used with it must not contain them).
 */
export function* pcapPackets(core: FakeCore, path: string): Generator<Packet> {
  const file = readFileSync(path);
  const magic = file.readUInt32LE(0);
  const le = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  const nanos = magic === 0xa1b23c4d || magic === 0x4d3cb2a1;
  const u32 = (off: number) => (le ? file.readUInt32LE(off) : file.readUInt32BE(off));
  const pkt = new Packet();
  let number = 0;
  for (let off = 24; off + 16 <= file.length; ) {
    const caplen = u32(off + 8);
    pkt.reset();
    pkt.tsSec = u32(off);
    pkt.tsNs = nanos ? u32(off + 4) : u32(off + 4) * 1000;
    pkt.rawLen = u32(off + 12);
    pkt.caplen = caplen;
    pkt.buf = new Uint8Array(file.buffer, file.byteOffset + off + 16, caplen);
    pkt.view = new DataView(pkt.buf.buffer, pkt.buf.byteOffset, caplen);
    pkt.number = ++number;
    off += 16 + caplen;
    if (dissect(core, pkt)) yield pkt;
  }
}

function dissect(core: FakeCore, pkt: Packet): boolean {
  const b = pkt.buf;
  const be16 = (o: number) => (b[o] << 8) | b[o + 1];
  const ethType = be16(12);
  if (ethType !== 0x0800 && ethType !== 0x86dd) throw new Error(`packet ${pkt.number}: EtherType 0x${ethType.toString(16)} not supported here`);
  const v6 = ethType === 0x86dd;
  pkt.l2Off = pkt.macOff = 0;
  pkt.l3Off = 14;
  pkt.ethType = ethType;
  pkt.ipVer = v6 ? 6 : 4;
  pkt.statusLo = v6 ? StatLo.L2_IPV6 : StatLo.L2_IPV4;
  pkt.statusHi = v6 ? StatHi.FS_IPV6_PKT : StatHi.FS_IPV4_PKT;
  const calcL3Len = (pkt.rawLen - 14) & 0xffff;
  const ipHdrLen = v6 ? 40 : (b[14] & 0x0f) * 4;
  const ipLen = v6 ? be16(18) + 40 : be16(16);
  const l3Len = ipLen === (v6 ? 40 : 0) || ipLen > calcL3Len ? calcL3Len : ipLen;
  const proto = v6 ? b[20] : b[23];
  if (!v6 && (be16(20) & 0x1fff) !== 0) throw new Error(`packet ${pkt.number}: fragments not supported here`);
  pkt.srcIP.set(b.subarray(v6 ? 22 : 26, v6 ? 38 : 30));
  pkt.dstIP.set(b.subarray(v6 ? 38 : 30, v6 ? 54 : 34));
  pkt.l4Proto = proto;
  pkt.l3Len = l3Len;
  pkt.l3HdrLen = ipHdrLen;
  pkt.l4Off = 14 + ipHdrLen;
  let desc = v6 ? 'eth:ipv6' : 'eth:ipv4';
  let numHdrs = 2;
  let l4HdrLen = 8;
  if (proto === 6) {
    desc += ':tcp';
    l4HdrLen = (b[pkt.l4Off + 12] >> 4) * 4;
  } else if (proto === 17) {
    desc += ':udp';
  } else if (proto === 1 || proto === 58) {
    desc += proto === 1 ? ':icmp' : ':icmpv6';
  } else {
    throw new Error(`packet ${pkt.number}: protocol ${proto} not supported here`);
  }
  numHdrs++;
  if (proto === 6 || proto === 17) {
    pkt.srcPort = be16(pkt.l4Off);
    pkt.dstPort = be16(pkt.l4Off + 2);
    const { srcPort: sp, dstPort: dp } = pkt;
    if ((dp === 1900 && sp > 1024) || (sp === 1900 && dp > 1024)) {
      desc += ':ssdp';
      numHdrs++;
      pkt.statusLo |= StatLo.L4_UPNP;
    }
  }
  const snapL3 = Math.min(pkt.caplen - 14, l3Len);
  if (pkt.caplen - 14 < l3Len) pkt.statusHi |= StatHi.L3SNAPLENGTH;
  pkt.snapL2Len = snapL3 + 14;
  pkt.snapL3Len = snapL3;
  pkt.snapL4Len = snapL3 - ipHdrLen;
  pkt.l4HdrLen = l4HdrLen;
  pkt.l7Off = pkt.l4Off + l4HdrLen;
  pkt.snapL7Len = Math.max(0, pkt.snapL4Len - l4HdrLen);
  const len = l3Len - ipHdrLen - l4HdrLen;
  pkt.len = pkt.l7Len = v6 ? len & 0xffff : Math.max(0, len);
  const pad = pkt.rawLen <= 64 ? pkt.rawLen - l3Len - 14 : 0;
  pkt.padLen = pad > 0 ? pad : 0;
  pkt.numHdrs = numHdrs;
  pkt.hdrDescId = core.internHdrDesc(desc);
  return true;
}
