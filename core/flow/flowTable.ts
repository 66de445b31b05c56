/**
 * Per-flow core data (T2's flow_t) as typed arrays indexed by the flow slot (`flowIndex`).
 * Slots are reused after a flow ends; `flowInd` is the flow's number in the output.
 */
export const NO_FLOW = -1;

export class FlowTable {
  readonly capacity: number;
  readonly statusLo: Uint32Array;
  readonly statusHi: Uint32Array;
  readonly firstSec: Float64Array;
  readonly firstNs: Uint32Array;
  readonly lastSec: Float64Array;
  readonly lastNs: Uint32Array;
  /** Seconds of inactivity after which the flow ends (float, as T2 keeps it). */
  readonly timeout: Float32Array;
  readonly flowInd: Float64Array;
  /** Slot of the other direction, NO_FLOW while it has not been seen. */
  readonly opposite: Int32Array;
  /** Key: 16 bytes per address (IPv4 in the first 4), MACs for L2 flows. */
  readonly srcIP: Uint8Array;
  readonly dstIP: Uint8Array;
  readonly srcMac: Uint8Array;
  readonly dstMac: Uint8Array;
  readonly srcPort: Uint16Array;
  readonly dstPort: Uint16Array;
  readonly l4Proto: Uint8Array;
  readonly ethType: Uint16Array;
  readonly vlanId: Uint16Array;
  /** 4, 6, or 0 for L2 flows. */
  readonly ipVer: Uint8Array;
  /** Last IPv4 ID seen (0xffffffff before the second packet) and last fragment ID. */
  readonly lastIPID: Uint32Array;
  readonly lastFragIPID: Float64Array;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.statusLo = new Uint32Array(capacity);
    this.statusHi = new Uint32Array(capacity);
    this.firstSec = new Float64Array(capacity);
    this.firstNs = new Uint32Array(capacity);
    this.lastSec = new Float64Array(capacity);
    this.lastNs = new Uint32Array(capacity);
    this.timeout = new Float32Array(capacity);
    this.flowInd = new Float64Array(capacity);
    this.opposite = new Int32Array(capacity).fill(NO_FLOW);
    this.srcIP = new Uint8Array(capacity * 16);
    this.dstIP = new Uint8Array(capacity * 16);
    this.srcMac = new Uint8Array(capacity * 6);
    this.dstMac = new Uint8Array(capacity * 6);
    this.srcPort = new Uint16Array(capacity);
    this.dstPort = new Uint16Array(capacity);
    this.l4Proto = new Uint8Array(capacity);
    this.ethType = new Uint16Array(capacity);
    this.vlanId = new Uint16Array(capacity);
    this.ipVer = new Uint8Array(capacity);
    this.lastIPID = new Uint32Array(capacity);
    this.lastFragIPID = new Float64Array(capacity);
  }

  /** The B direction of a pair (T2's FLOW_IS_B). */
  isB(i: number): boolean {
    return (this.statusLo[i] & 1) !== 0;
  }

  hasOpposite(i: number): boolean {
    return this.opposite[i] !== NO_FLOW;
  }
}
