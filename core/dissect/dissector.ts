/**
 * Per-packet dissection from the link layer to L4 (core.md §3.1–§3.8). The core calls
 * `dissect` once per captured packet (caplen > 0) and then does fragment bookkeeping, flow
 * lookup, statistics and plugin callbacks from the fields filled here.
 */
import { StatHi, StatLo } from '../flow/status.ts';
import type { ReportWriter } from '../report/reportWriter.ts';
import type { Stats } from '../stats.ts';
import { dissectFast } from './fastPath.ts';
import { dissectLink } from './linkLayers.ts';
import type { Packet } from './packet.ts';

export { SUPPORTED_DLTS } from './linkLayers.ts';

/** How §3.8 computes the padding of an L2-flow frame. */
export const enum L2Pad {
  /** Ethernet II: everything after the EtherType counts as padding. */
  Payload = 0,
  /** ARP: 28 bytes of payload. */
  Arp = 1,
  /** 802.3: the length field says how much payload there is. */
  Length = 2,
}

export class Dissector {
  readonly stats: Stats;
  readonly report: ReportWriter;
  /** The packet being dissected and the end of its captured bytes (absolute index). */
  p: Packet = null as unknown as Packet;
  end = 0;
  /** An LLC header was seen in this packet (numLLCPackets). */
  llcSeen = false;
  /** 802.3 length and the offset just after it when a SNAP header was seen (-1: none), for §3.8. */
  llcLength = -1;
  llcPayOff = 0;
  /** Length of the last GRE header parsed (the L4 header length of a GRE packet). */
  greLen = 0;

  /**
   * `fastPaths` false dissects every packet the general way: the reference the fast paths
   * (fastPath.ts) are tested against.
   */
  constructor(
    stats: Stats,
    report: ReportWriter,
    private readonly fastPaths = true,
  ) {
    this.stats = stats;
    this.report = report;
  }

  dissect(p: Packet): void {
    p.reset();
    this.p = p;
    this.end = p.start + p.caplen;
    this.llcSeen = false;
    this.llcLength = -1;
    this.greLen = 0;
    p.snapL2Len = p.caplen;
    p.l2Off = p.start;
    if (this.fastPaths && dissectFast(this, p)) return;
    dissectLink(this, p.linkType, p.start);
    if (this.llcSeen) this.stats.numLLCPackets++;
  }

  /** Captured bytes from `off` on (negative when `off` lies beyond the capture). */
  left(off: number): number {
    return this.end - off;
  }

  /** Reads treat bytes beyond the capture as 0 (T2 reads whatever lies there). */
  u8(off: number): number {
    return off >= 0 && off < this.end ? this.p.buf[off] : 0;
  }

  u16(off: number): number {
    if (off >= 0 && off + 2 <= this.end) return (this.p.buf[off] << 8) | this.p.buf[off + 1];
    return (this.u8(off) << 8) | this.u8(off + 1);
  }

  /** 16-bit value in host (little-endian) order, as T2 reads PPP protocols. */
  u16le(off: number): number {
    return this.u8(off) | (this.u8(off + 1) << 8);
  }

  u32(off: number): number {
    return ((this.u16(off) << 16) | this.u16(off + 2)) >>> 0;
  }

  /** 4 bytes as the int32 a little-endian Int32Array view over them holds (Packet.ipWords). */
  le32(off: number): number {
    const b = this.p.buf;
    if (off >= 0 && off + 4 <= this.end) return b[off] | (b[off + 1] << 8) | (b[off + 2] << 16) | (b[off + 3] << 24);
    return this.u8(off) | (this.u8(off + 1) << 8) | (this.u8(off + 2) << 16) | (this.u8(off + 3) << 24);
  }

  noFlow(): void {
    this.p.ipVer = -1;
  }

  /**
   * The packet becomes an L2-flow packet (§4.3) with L7 at `l7Off`; `payloadOff` is the
   * offset just after the EtherType / length field (§3.8).
   */
  l2Flow(l7Off: number, payloadOff: number, pad: L2Pad, lengthField = 0): void {
    const p = this.p;
    p.ipVer = 0;
    p.statusLo |= StatLo.L2_FLOW;
    p.l7Off = l7Off;
    const rel = l7Off - p.start;
    p.len = p.rawLen > rel ? p.rawLen - rel : 0;
    p.l7Len = p.len & 0xffff;
    p.snapL7Len = this.end > l7Off ? this.end - l7Off : 0;
    if (this.llcLength >= 0) {
      lengthField = this.llcLength;
      payloadOff = this.llcPayOff;
      pad = L2Pad.Length;
    }
    if (p.rawLen <= 64) {
      const after = payloadOff - p.start;
      const padLen = pad === L2Pad.Payload ? p.rawLen - after
        : pad === L2Pad.Arp ? p.rawLen - 28 - after
        : p.rawLen - lengthField - after;
      p.padLen = padLen > 0 ? padLen : 0;
    }
  }

  /** Padding of an IP frame (§3.8), from the innermost IP header. */
  ipPad(): void {
    const p = this.p;
    if (p.rawLen > 64) return;
    const padLen = p.rawLen - p.l3Len - (p.l3Off - p.start);
    p.padLen = padLen > 0 ? padLen : 0;
  }

  /** First-time `[WRN] ...snapL2Length...` (T2 tests the aggregated flowStat). */
  snapWarning(prefix: string, snapL2: number, snapL3: number, ipLen: number): void {
    if (this.stats.globalHi & StatHi.L3SNAPLENGTH) return;
    this.report.wrn(`${prefix}snapL2Length: ${snapL2} - snapL3Length: ${snapL3} - IP length in header: ${ipLen}`);
  }
}
