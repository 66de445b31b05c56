/**
 * The one packet record the analyzer reuses for every packet (T2's packet_t).
 * The dissector fills it with offsets into `buf`, never copies; plugins read it
 * in their hooks and must not keep references to `buf` beyond the hook.
 *
 * All offsets are absolute indexes into `buf`. A value of -1 means "absent".
 */
export class Packet {
  /** Bytes of the current packet live in buf[start, start + caplen). */
  buf: Uint8Array = new Uint8Array(0);
  view: DataView = new DataView(new ArrayBuffer(0));
  start = 0;
  /** Captured length (pcap caplen) and length on the wire (pcap len). */
  caplen = 0;
  rawLen = 0;
  tsSec = 0;
  tsNs = 0;
  /** DLT of the interface the packet came from. */
  linkType = 0;
  /** Running number of the packet in the capture, starting at 1. */
  number = 0;

  /** Packet status bits, see core/flow/status.ts. */
  statusLo = 0;
  statusHi = 0;

  /** Header pointers (T2's l2HdrP, l3HdrP, l4HdrP, l7HdrP). */
  l2Off = -1;
  l3Off = -1;
  l4Off = -1;
  l7Off = -1;
  /** Offset of the innermost Ethernet-like header used for MAC addresses (-1: none). */
  macOff = -1;

  /** Captured bytes from each layer on (T2's snapL2Length ... snapL7Length). */
  snapL2Len = 0;
  snapL3Len = 0;
  snapL4Len = 0;
  snapL7Len = 0;
  /** IP length as T2 computes it (§3.4 step 9), the IP header length with extensions, the L4 header length. */
  l3Len = 0;
  l3HdrLen = 0;
  l4HdrLen = 0;
  /** L7 length as a 16-bit value and the plugin "packet length" (PACKETLENGTH=3). */
  l7Len = 0;
  len = 0;
  /** Padding bytes of this frame (§3.8), 0 if none. */
  padLen = 0;

  /** 4 or 6 for IP packets, 0 for L2-flow packets, -1 when the packet makes no flow. */
  ipVer = -1;
  /**
   * The flow key (§4.1). IPv4 addresses use bytes 0..3 of the 16. Both addresses are views on
   * `ipWords`, so the flow key takes them as 8 words and reset clears them with 8 stores.
   */
  readonly ipWords = new Int32Array(8);
  readonly srcIP = new Uint8Array(this.ipWords.buffer, 0, 16);
  readonly dstIP = new Uint8Array(this.ipWords.buffer, 16, 16);
  srcPort = 0;
  dstPort = 0;
  l4Proto = 0;
  ethType = 0;
  vlanId = 0;
  /**
   * Full TCIs of the last VLAN stack that had tags, outermost first (basicFlow vlanID column);
   * at most 32 are kept, vlanCount is the number of tags of that stack.
   */
  readonly vlans = new Uint16Array(32);
  vlanCount = 0;
  /** VLAN tags over all stacks of the packet (T2's vlanHdrCnt, for maxVlanHdrCnt). */
  vlanHdrCnt = 0;
  mplsCount = 0;

  /** Innermost IPv4 identification (-1 for IPv6 / none), fragment offset in 8-byte units, more-fragments flag. */
  ipId = -1;
  fragOff = 0;
  moreFrags = false;
  /** IPv6 fragment identification when a fragment header was seen (-1 otherwise). */
  ip6FragId = -1;

  /** Header description: bytes of the text and component count (hdrDesc, numHdrs). */
  readonly hdrDescWords = new Int32Array(32);
  readonly hdrDesc = new Uint8Array(this.hdrDescWords.buffer);
  hdrDescLen = 0;
  numHdrs = 0;
  /** Interned id of hdrDesc, assigned by the core after dissection. */
  hdrDescId = 0;

  /**
   * The L4 header at `l4` of `l4HdrLen` bytes, `len` bytes of L7 behind it (negative: none) and
   * `capL4` bytes captured from the L4 header on. Returns whether `len` was negative.
   */
  setL4(l4: number, l4HdrLen: number, len: number, capL4: number): boolean {
    const short = len < 0;
    if (short) len = 0;
    this.l4Off = l4;
    this.l4HdrLen = l4HdrLen;
    this.len = len;
    this.l7Len = len & 0xffff;
    this.l7Off = l4 + l4HdrLen;
    this.snapL4Len = capL4 > 0 ? capL4 : 0;
    this.snapL7Len = capL4 > l4HdrLen ? capL4 - l4HdrLen : 0;
    return short;
  }

  isFirstFragment(): boolean {
    return this.fragOff === 0;
  }

  isLastFragment(): boolean {
    return !this.moreFrags;
  }

  /** Reset everything the dissector fills; called once per packet before dissection. */
  reset(): void {
    this.statusLo = 0;
    this.statusHi = 0;
    this.l2Off = this.l3Off = this.l4Off = this.l7Off = this.macOff = -1;
    this.snapL2Len = this.snapL3Len = this.snapL4Len = this.snapL7Len = 0;
    this.l3Len = this.l3HdrLen = this.l4HdrLen = this.l7Len = this.len = this.padLen = 0;
    this.ipVer = -1;
    const w = this.ipWords;
    w[0] = w[1] = w[2] = w[3] = w[4] = w[5] = w[6] = w[7] = 0;
    this.srcPort = this.dstPort = this.l4Proto = this.ethType = this.vlanId = 0;
    this.vlanCount = this.vlanHdrCnt = this.mplsCount = 0;
    this.ipId = -1;
    this.fragOff = 0;
    this.moreFrags = false;
    this.ip6FragId = -1;
    this.hdrDescLen = 0;
    this.numHdrs = 0;
    this.hdrDescId = 0;
  }
}
