import type { Packet } from '../../core/plugin/api.ts';

/** List limits of the default build (BFO_MAX_HDRDESC, BFO_MAX_MAC, BFO_MAX_VLAN). */
export const MAX_HDRDESC = 4;
export const MAX_MAC = 3;
export const MAX_VLAN = 3;
const MAC_LEN = 6;

/**
 * Record layout, in bytes: every packet reads the description list and both MAC lists, so the
 * lists of a flow share one 64-byte record (one or two cache lines on a cold flow).
 */
export const RECORD = 64;
const HDRDESC_COUNT = 0;
const SRC_MAC_COUNT = 1;
const DST_MAC_COUNT = 2;
const VLAN_COUNT = 3;
/** Uint16 indexes within a record: interned description ids, their numHdrs, VLAN TCIs. */
const HDRDESC_IDS = 2;
const NUM_HDRS = HDRDESC_IDS + MAX_HDRDESC;
const VLANS = NUM_HDRS + MAX_HDRDESC;
/** Byte offsets of the MAC lists. */
export const SRC_MACS = 2 * (VLANS + MAX_VLAN);
export const DST_MACS = SRC_MACS + MAX_MAC * MAC_LEN;
const U16 = RECORD / 2;

/** What basicFlow remembers per flow slot. */
export class BasicFlowState {
  /** The records; MAC lists are read from here directly (SRC_MACS, DST_MACS). */
  readonly bytes: Uint8Array;
  private readonly u16: Uint16Array;
  /** Subnet record numbers looked up at flow creation (0 = unknown); only read at the end. */
  readonly srcSubnet: Uint32Array;
  readonly dstSubnet: Uint32Array;

  constructor(capacity: number) {
    const buf = new ArrayBuffer(capacity * RECORD);
    this.bytes = new Uint8Array(buf);
    this.u16 = new Uint16Array(buf);
    this.srcSubnet = new Uint32Array(capacity);
    this.dstSubnet = new Uint32Array(capacity);
  }

  reset(i: number): void {
    const b = i * RECORD;
    this.bytes[b + HDRDESC_COUNT] = 0;
    this.bytes[b + SRC_MAC_COUNT] = 0;
    this.bytes[b + DST_MAC_COUNT] = 0;
    this.bytes[b + VLAN_COUNT] = 0;
    this.srcSubnet[i] = 0;
    this.dstSubnet[i] = 0;
  }

  hdrDescCount(i: number): number {
    return this.bytes[i * RECORD + HDRDESC_COUNT];
  }

  hdrDescId(i: number, k: number): number {
    return this.u16[i * U16 + HDRDESC_IDS + k];
  }

  numHdrs(i: number, k: number): number {
    return this.u16[i * U16 + NUM_HDRS + k];
  }

  srcMacCount(i: number): number {
    return this.bytes[i * RECORD + SRC_MAC_COUNT];
  }

  dstMacCount(i: number): number {
    return this.bytes[i * RECORD + DST_MAC_COUNT];
  }

  vlanCount(i: number): number {
    return this.bytes[i * RECORD + VLAN_COUNT];
  }

  vlan(i: number, k: number): number {
    return this.u16[i * U16 + VLANS + k];
  }

  /**
   * Records the packet's header description. Returns false when the list is already full, in
   * which case nothing is updated, not even the count of a description already in the list.
   */
  addHdrDesc(i: number, id: number, numHdrs: number): boolean {
    const b = i * RECORD;
    const n = this.bytes[b + HDRDESC_COUNT];
    if (n >= MAX_HDRDESC) return false;
    const u16 = this.u16;
    const base = i * U16;
    for (let k = 0; k < n; k++) {
      if (u16[base + HDRDESC_IDS + k] === id) {
        u16[base + NUM_HDRS + k] = numHdrs;
        return true;
      }
    }
    u16[base + HDRDESC_IDS + n] = id;
    u16[base + NUM_HDRS + n] = numHdrs;
    this.bytes[b + HDRDESC_COUNT] = n + 1;
    return true;
  }

  /** Appends the 6 bytes at buf[off..] to the source (or destination) MAC list unless present or full. */
  addMac(i: number, dst: boolean, buf: Uint8Array, off: number): void {
    const bytes = this.bytes;
    const countAt = i * RECORD + (dst ? DST_MAC_COUNT : SRC_MAC_COUNT);
    const list = i * RECORD + (dst ? DST_MACS : SRC_MACS);
    const n = bytes[countAt];
    for (let k = 0; k < n; k++) {
      if (sameMac(bytes, list + k * MAC_LEN, buf, off)) return;
    }
    if (n >= MAX_MAC) return;
    const to = list + n * MAC_LEN;
    for (let k = 0; k < MAC_LEN; k++) bytes[to + k] = buf[off + k];
    bytes[countAt] = n + 1;
  }

  /**
   * The first packet's VLAN tags: the first tags of its last VLAN stack (Packet.vlans holds that
   * stack; for a tunnel with inner tags it is the inner one), full TCI with PCP/DEI bits.
   */
  setVlans(i: number, pkt: Packet): void {
    const n = Math.min(pkt.vlanCount, MAX_VLAN);
    for (let k = 0; k < n; k++) this.u16[i * U16 + VLANS + k] = pkt.vlans[k];
    this.bytes[i * RECORD + VLAN_COUNT] = n;
  }
}

function sameMac(a: Uint8Array, aOff: number, b: Uint8Array, bOff: number): boolean {
  for (let k = 0; k < MAC_LEN; k++) if (a[aOff + k] !== b[bOff + k]) return false;
  return true;
}
