import type { Packet } from '../dissect/packet.ts';
import type { Stats } from '../stats.ts';
import { NO_FLOW, type FlowTable } from './flowTable.ts';
import { KEY_WORDS, KeyTable } from './keyTable.ts';
import { StatHi } from './status.ts';


/**
 * Fragment bookkeeping (core.md §4.6): a multimap with stack semantics from
 * (addresses, ethType, vlan, fragment id, protocol) to the flow of the datagram.
 */
export class Fragments {
  private readonly table: KeyTable;
  private readonly flowOf: Int32Array;
  private readonly flows: FlowTable;
  private readonly stats: Stats;
  private readonly words = new Int32Array(KEY_WORDS);
  private readonly bytes = new Uint8Array(this.words.buffer);
  /** Set by nonFirstLookup when the datagram's first fragment was not seen. */
  headerMissing = false;

  constructor(capacity: number, flows: FlowTable, stats: Stats) {
    this.table = new KeyTable(capacity);
    this.flowOf = new Int32Array(capacity);
    this.flows = flows;
    this.stats = stats;
  }

  get full(): boolean {
    return this.table.full;
  }

  private keyFromPacket(pkt: Packet, l4Proto: number): void {
    const w = this.words;
    const a = pkt.ipWords;
    for (let i = 0; i < 8; i++) w[i] = a[i];
    w[8] = w[9] = w[10] = 0;
    w[11] = pkt.ipVer === 4 ? pkt.ipId : pkt.ip6FragId | 0;
    w[12] = (pkt.ethType << 16) | pkt.vlanId;
    w[13] = l4Proto;
  }

  private keyFromFlow(slot: number, fragId: number): void {
    const f = this.flows;
    const w = this.words;
    this.bytes.set(f.srcIP.subarray(slot * 16, slot * 16 + 16), 0);
    this.bytes.set(f.dstIP.subarray(slot * 16, slot * 16 + 16), 16);
    w[8] = w[9] = w[10] = 0;
    w[11] = fragId | 0;
    w[12] = (f.ethType[slot] << 16) | f.vlanId[slot];
    w[13] = f.l4Proto[slot];
  }

  private setStatus(slot: number, hi: number): void {
    this.flows.statusHi[slot] |= hi;
    this.stats.globalHi |= hi;
  }

  /**
   * A non-first fragment: the flow of its datagram, or NO_FLOW (then `headerMissing` is set and
   * the packet goes through the normal lookup). IPv6 looks up with protocol 0 (QUIRK §4.6).
   */
  nonFirstLookup(pkt: Packet): number {
    const isV4 = pkt.ipVer === 4;
    this.keyFromPacket(pkt, isV4 ? pkt.l4Proto : 0);
    const e = this.table.find(this.words);
    if (e === NO_FLOW) {
      this.headerMissing = true;
      this.stats.globalHi |= StatHi.IPV4_FRAG | StatHi.IPV4_FRAG_HDSEQ_ERR;
      return NO_FLOW;
    }
    this.headerMissing = false;
    const slot = this.flowOf[e];
    if (isV4) this.stats.numFragV4Packets++;
    else this.stats.numFragV6Packets++;
    if (!pkt.moreFrags) {
      this.table.remove(e);
      this.flows.statusHi[slot] &= ~StatHi.IPV4_FRAG_PENDING;
    }
    return slot;
  }

  /** A first fragment, or a fragment whose first one is missing, after its flow is known. */
  register(pkt: Packet, slot: number, headerMissing: boolean): void {
    const f = this.flows;
    if (headerMissing) this.setStatus(slot, StatHi.IPV4_FRAG_HDSEQ_ERR);
    if (pkt.ipVer === 4) this.stats.numFragV4Packets++;
    else this.stats.numFragV6Packets++;
    this.setStatus(slot, StatHi.IPV4_FRAG);
    pkt.statusHi |= StatHi.IPV4_FRAG;
    const fragId = pkt.ipVer === 4 ? pkt.ipId : pkt.ip6FragId;
    if ((f.statusHi[slot] & StatHi.IPV4_FRAG_PENDING) !== 0) {
      const last = f.lastFragIPID[slot];
      this.keyFromPacket(pkt, pkt.l4Proto);
      this.words[11] = last | 0;
      const e = this.table.find(this.words);
      if (e !== NO_FLOW) this.table.remove(e);
      if (e === NO_FLOW || last !== fragId) this.setStatus(slot, StatHi.IPV4_FRAG_ERR);
      this.push(pkt, slot);
    } else {
      this.keyFromPacket(pkt, pkt.l4Proto);
      const e = this.table.find(this.words);
      if (e !== NO_FLOW) {
        f.statusHi[this.flowOf[e]] &= ~StatHi.IPV4_FRAG_PENDING;
        this.flowOf[e] = slot;
      } else {
        this.push(pkt, slot);
      }
    }
    f.lastFragIPID[slot] = fragId;
    f.statusHi[slot] |= StatHi.IPV4_FRAG_PENDING;
  }

  private push(pkt: Packet, slot: number): void {
    this.keyFromPacket(pkt, pkt.l4Proto);
    const e = this.table.insert(this.words);
    if (e !== NO_FLOW) this.flowOf[e] = slot;
  }

  /** A packet that is no fragment, for a flow that waits for fragments. */
  unfragmented(slot: number): void {
    if ((this.flows.statusHi[slot] & StatHi.IPV4_FRAG_PENDING) !== 0) this.setStatus(slot, StatHi.IPV4_FRAG_ERR);
  }

  flowRemoved(slot: number): void {
    const f = this.flows;
    if ((f.statusHi[slot] & StatHi.IPV4_FRAG_PENDING) === 0) return;
    this.keyFromFlow(slot, f.lastFragIPID[slot]);
    const e = this.table.find(this.words);
    if (e !== NO_FLOW) this.table.remove(e);
    this.stats.globalHi |= StatHi.IPV4_FRAG_PENDING;
  }
}
