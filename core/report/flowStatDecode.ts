/** The decode of the aggregated flowStat at the end of the report (core.md §5, §8.3). */
import type { ReportWriter } from './reportWriter.ts';

interface Decode {
  readonly warn: boolean;
  /** Bits of the lower / upper 32-bit word; the line prints if any of them is set. */
  readonly lo: number;
  readonly hi: number;
  readonly text: string;
}

const wrn = (lo: number, hi: number, text: string): Decode => ({ warn: true, lo, hi, text });
const inf = (lo: number, hi: number, text: string): Decode => ({ warn: false, lo, hi, text });

/** In T2's print order, which is not bit order. */
const DECODES: readonly Decode[] = [
  wrn(0, 0x00000001, 'L2 header snapped'),
  wrn(0, 0x00000002, 'L3 SnapLength < Length in IP header'),
  wrn(0, 0x00000004, 'L3 header snapped'),
  wrn(0, 0x00000008, 'L4 header snapped'),
  wrn(0, 0x00040000, 'Land attack'),
  wrn(0, 0x00080000, 'Timestamp jump, probably due to multi-path packet delay or NTP operation'),
  wrn(0, 0x00001000, 'Consecutive duplicate IP ID'),
  wrn(0, 0x80000000, 'PCAP packet length > IO_BUFFER_MAX_MTU, caplen reduced'),
  wrn(0, 0x00010000, 'Header description overrun'),
  wrn(0x00010000, 0, 'IPvX L3 header bogus packets'),
  wrn(0, 0x00004000, 'IPv4 header length < 20 bytes'),
  wrn(0, 0x00008000, 'IPv4/6 payload length > framing length'),
  wrn(0, 0x00000040, 'IPv4/6 fragmentation header packet missing'),
  wrn(0, 0x00000080, 'IPv4/6 packet fragmentation sequence not finished'),
  inf(0, 0x00000800, 'Stop dissecting: Clipped packet, unhandled protocol or subsequent fragment'),
  inf(0x00000004, 0, 'Layer 2 flows'),
  inf(0, 0x10000000, 'LAPD flows'),
  inf(0x00004000, 0x04000000, 'IPv4 flows'),
  inf(0x00008000, 0x08000000, 'IPv6 flows'),
  inf(0x01000000, 0, 'SCTP'),
  inf(0x00000002, 0, 'No Ethernet header'),
  inf(0x00000040, 0, 'ARP'),
  inf(0x00000080, 0, 'RARP'),
  inf(0x00000020, 0, 'LLDP'),
  inf(0x00040000, 0, 'EtherIP'),
  inf(0x00000100, 0, 'VLAN encapsulation'),
  inf(0, 0x02000000, 'VLAN ID 0 (priority tag)'),
  inf(0, 0x00000010, 'IPv4/6 fragmentation'),
  inf(0x00020000, 0, 'IPv4/6 in IPv4/6'),
  inf(0x00400000, 0, 'VXLAN encapsulation'),
  inf(0x20000000, 0, 'GENEVE encapsulation'),
  inf(0x00000600, 0, 'MPLS encapsulation'),
  inf(0x00000800, 0, 'L2TP encapsulation'),
  inf(0x00002000, 0, 'PPP/HDLC encapsulation'),
  inf(0x00001000, 0, 'GRE encapsulation'),
  inf(0x04000000, 0, 'ERSPAN encapsulation'),
  inf(0x08000000, 0, 'WCCP encapsulation'),
  inf(0x00100000, 0, 'AYIYA tunnel'),
  inf(0x00200000, 0, 'GTP tunnel'),
  inf(0x00080000, 0, 'Teredo tunnel'),
  inf(0x00800000, 0, 'CAPWAP/LWAPP tunnel'),
  inf(0x40000000, 0, 'IPsec AH'),
  inf(0x80000000, 0, 'IPsec ESP'),
  inf(0x02000000, 0, 'SSDP/UPnP'),
  inf(0x10000000, 0, 'SIP/RTP'),
  inf(0, 0x20000000, 'DTLS'),
  inf(0, 0x01000000, 'Tor addresses'),
  inf(0, 0x00020000, 'IPAlarm'),
];

/** One `[WRN]`/`[INF]` line per condition of the aggregate `(hi, lo)` that holds. */
export function writeFlowStatDecode(r: ReportWriter, lo: number, hi: number): void {
  for (const d of DECODES) {
    if ((d.lo & lo) === 0 && (d.hi & hi) === 0) continue;
    if (d.warn) r.wrn(d.text);
    else r.inf(d.text);
  }
}
