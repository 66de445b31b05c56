import type { Packet } from '../../core/plugin/api.ts';

/** List limits of the default build (BFO_MAX_HDRDESC, BFO_MAX_MAC, BFO_MAX_VLAN). */
export const MAX_HDRDESC = 4;
export const MAX_MAC = 3;
export const MAX_VLAN = 3;
const MAC_LEN = 6;

/** What basicFlow remembers per flow slot, as flat typed arrays (one stride per list). */
export class BasicFlowState {
  readonly hdrDescCount: Uint8Array;
  /** Interned header descriptions (Packet.hdrDescId) in order of first appearance. */
  readonly hdrDescIds: Uint32Array;
  readonly numHdrs: Uint16Array;
  readonly srcMacCount: Uint8Array;
  readonly dstMacCount: Uint8Array;
  readonly srcMacs: Uint8Array;
  readonly dstMacs: Uint8Array;
  readonly vlanCount: Uint8Array;
  readonly vlans: Uint16Array;
  /** Subnet record numbers looked up at flow creation (0 = unknown). */
  readonly srcSubnet: Uint32Array;
  readonly dstSubnet: Uint32Array;

  constructor(capacity: number) {
    this.hdrDescCount = new Uint8Array(capacity);
    this.hdrDescIds = new Uint32Array(capacity * MAX_HDRDESC);
    this.numHdrs = new Uint16Array(capacity * MAX_HDRDESC);
    this.srcMacCount = new Uint8Array(capacity);
    this.dstMacCount = new Uint8Array(capacity);
    this.srcMacs = new Uint8Array(capacity * MAX_MAC * MAC_LEN);
    this.dstMacs = new Uint8Array(capacity * MAX_MAC * MAC_LEN);
    this.vlanCount = new Uint8Array(capacity);
    this.vlans = new Uint16Array(capacity * MAX_VLAN);
    this.srcSubnet = new Uint32Array(capacity);
    this.dstSubnet = new Uint32Array(capacity);
  }

  reset(i: number): void {
    this.hdrDescCount[i] = 0;
    this.srcMacCount[i] = 0;
    this.dstMacCount[i] = 0;
    this.vlanCount[i] = 0;
    this.srcSubnet[i] = 0;
    this.dstSubnet[i] = 0;
  }

  /**
   * Records the packet's header description. Returns false when the list is already full, in
   * which case nothing is updated, not even the count of a description already in the list.
   */
  addHdrDesc(i: number, id: number, numHdrs: number): boolean {
    const n = this.hdrDescCount[i];
    if (n >= MAX_HDRDESC) return false;
    const base = i * MAX_HDRDESC;
    for (let k = 0; k < n; k++) {
      if (this.hdrDescIds[base + k] === id) {
        this.numHdrs[base + k] = numHdrs;
        return true;
      }
    }
    this.hdrDescIds[base + n] = id;
    this.numHdrs[base + n] = numHdrs;
    this.hdrDescCount[i] = n + 1;
    return true;
  }

  /** Appends the 6 bytes at buf[off..] to a MAC list unless present or full. */
  addMac(macs: Uint8Array, counts: Uint8Array, i: number, buf: Uint8Array, off: number): void {
    const n = counts[i];
    const base = i * MAX_MAC * MAC_LEN;
    for (let k = 0; k < n; k++) {
      if (sameMac(macs, base + k * MAC_LEN, buf, off)) return;
    }
    if (n >= MAX_MAC) return;
    macs.set(buf.subarray(off, off + MAC_LEN), base + n * MAC_LEN);
    counts[i] = n + 1;
  }

  /**
   * The first packet's VLAN tags: the first tags of its last VLAN stack (Packet.vlans holds that
   * stack; for a tunnel with inner tags it is the inner one), full TCI with PCP/DEI bits.
   */
  setVlans(i: number, pkt: Packet): void {
    const n = Math.min(pkt.vlanCount, MAX_VLAN);
    for (let k = 0; k < n; k++) this.vlans[i * MAX_VLAN + k] = pkt.vlans[k];
    this.vlanCount[i] = n;
  }
}

function sameMac(a: Uint8Array, aOff: number, b: Uint8Array, bOff: number): boolean {
  for (let k = 0; k < MAC_LEN; k++) if (a[aOff + k] !== b[bOff + k]) return false;
  return true;
}
