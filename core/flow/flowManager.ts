import type { Packet } from '../dissect/packet.ts';
import type { Stats } from '../stats.ts';
import { FlowTable, NO_FLOW } from './flowTable.ts';
import { KeyScratch } from './flowKey.ts';
import { KeyTable } from './keyTable.ts';
import { LruList } from './lruList.ts';
import { StatHi, StatLo } from './status.ts';
import { Fragments } from './fragments.ts';

export interface FlowEvents {
  /** A flow was created for `pkt` (plugins' onNewFlow). */
  newFlow(pkt: Packet, slot: number): void;
  /** A flow is written: `isB` is the `dir` column (core.md §4.7 printPair). */
  writeFlow(slot: number, isB: boolean): void;
  /** First time the table is full (core.md §4.4). */
  autopilotWarning(): void;
}

const MAX_TIMEOUT_HANDLERS = 64;
/**
 * The float age T2 computes (core.md §4.7) is within a relative 2^-23 of the exact one; these
 * margins keep the time before which the walk is skipped safely below the first possible timeout.
 */
const RELATIVE_MARGIN = 2 ** -20;
const ABSOLUTE_MARGIN = 1e-4;

/**
 * Flow lookup and creation, A/B pairing, flowInd, LRU order, timeouts and termination order
 * (core.md §4.2, §4.4, §4.7).
 */
export class FlowManager {
  readonly flows: FlowTable;
  readonly table: KeyTable;
  readonly lru: LruList;
  readonly fragments: Fragments;
  private readonly key = new KeyScratch();
  private readonly stats: Stats;
  private readonly events: FlowEvents;
  private readonly flowTimeout: number;
  /** Registered timeouts (float seconds), kept in descending order, and their sentinels. */
  private handlerTimeouts: number[] = [];
  private handlerSentinels: number[] = [];
  private autopilotWarned = false;
  /** Packet time (seconds) before which the timeout walk cannot find anything to do. */
  private walkFrom = -Infinity;
  /** Whether the last lookup() created the flow. */
  isNew = false;
  /** Cleared by the first SIGINT: packets of unknown flows are then dropped. */
  creating = true;

  constructor(capacity: number, flowTimeout: number, stats: Stats, events: FlowEvents) {
    this.flows = new FlowTable(capacity);
    this.table = new KeyTable(capacity);
    this.lru = new LruList(capacity, MAX_TIMEOUT_HANDLERS);
    this.fragments = new Fragments(capacity, this.flows, stats);
    this.stats = stats;
    this.events = events;
    this.flowTimeout = Math.fround(flowTimeout);
    this.addTimeout(flowTimeout);
  }

  /** T2's timeout_handler_add: duplicates are ignored. */
  addTimeout(seconds: number): void {
    const t = Math.fround(seconds);
    if (this.handlerTimeouts.includes(t)) return;
    this.walkFrom = -Infinity;
    const sentinel = this.lru.addSentinel();
    let i = 0;
    while (i < this.handlerTimeouts.length && this.handlerTimeouts[i] > t) i++;
    this.handlerTimeouts.splice(i, 0, t);
    this.handlerSentinels.splice(i, 0, sentinel);
  }

  /**
   * The timeout walk done before every packet (core.md §4.7). Usually each handler looks at one
   * flow, the one in front of its sentinel, finds it too young and stops. That answer stays the
   * same until the packet time reaches `walkFrom` or a front flow changes (LruList.frontsChanged),
   * so until then the walk is skipped.
   */
  processTimeouts(nowSec: number, nowNs: number): void {
    const lru = this.lru;
    if (nowSec + nowNs / 1e9 < this.walkFrom && !lru.frontsChanged) return;
    const head = lru.head;
    const flows = this.flows;
    const timeouts = this.handlerTimeouts;
    const sentinels = this.handlerSentinels;
    let walkFrom = Infinity;
    let removed = false;
    for (let h = 0; h < timeouts.length; h++) {
      const timeout = timeouts[h];
      const sentinel = sentinels[h];
      let f = lru.newer(sentinel);
      while (f !== head) {
        if (lru.isSentinel(f)) {
          f = lru.newer(f);
          continue;
        }
        const age = lru.age(f, nowSec, nowNs);
        if (age < timeout) break;
        let next = lru.newer(f);
        if (age >= flows.timeout[f]) {
          const opp = flows.opposite[f];
          if (opp === NO_FLOW || lru.age(opp, nowSec, nowNs) >= flows.timeout[opp]) {
            this.printPair(f);
            next = this.remove(f);
            removed = true;
          }
        }
        f = next;
      }
      if (f !== lru.newer(sentinel)) {
        lru.unlink(sentinel);
        lru.insertAfter(f, sentinel);
      }
      if (f !== head) walkFrom = Math.min(walkFrom, lru.seenAt(f) + timeout * (1 - RELATIVE_MARGIN) - ABSOLUTE_MARGIN);
    }
    // A removal may have changed the front of a handler walked before it: walk again next time.
    this.walkFrom = removed ? -Infinity : walkFrom;
    lru.frontsChanged = false;
  }

  /**
   * Finds or creates the flow of a packet by its key (core.md §4.2). Returns the slot.
   * `isNew` tells whether the flow was created for this packet.
   */
  lookup(pkt: Packet): number {
    const key = this.key;
    key.fromPacket(pkt);
    const found = this.table.find(key.words);
    if (found !== NO_FLOW) {
      this.lru.moveToHead(found);
      if (pkt.ipVer === 4) {
        const f = this.flows;
        if (pkt.ipId !== 0 && pkt.ipId === f.lastIPID[found]) this.setStatus(found, 0, StatHi.DUPIPID);
        f.lastIPID[found] = pkt.ipId;
      }
      this.isNew = false;
      return found;
    }
    if (!this.creating) return NO_FLOW;
    this.isNew = true;
    return this.create(pkt);
  }

  private create(pkt: Packet): number {
    if (this.table.full) this.autopilot();
    const key = this.key;
    const slot = this.table.insert(key.words);
    const f = this.flows;
    const s = this.stats;
    f.firstSec[slot] = f.lastSec[slot] = pkt.tsSec;
    f.firstNs[slot] = f.lastNs[slot] = pkt.tsNs;
    this.lru.seen(slot, pkt.tsSec, pkt.tsNs);
    f.timeout[slot] = this.flowTimeout;
    f.lastIPID[slot] = 0xffffffff;
    f.opposite[slot] = NO_FLOW;
    f.statusHi[slot] = 0;
    f.ipVer[slot] = pkt.ipVer;
    f.srcIP.set(pkt.srcIP, slot * 16);
    f.dstIP.set(pkt.dstIP, slot * 16);
    const macs = key.bytes;
    for (let i = 0; i < 6; i++) {
      f.dstMac[slot * 6 + i] = macs[32 + i];
      f.srcMac[slot * 6 + i] = macs[38 + i];
    }
    f.srcPort[slot] = pkt.srcPort;
    f.dstPort[slot] = pkt.dstPort;
    f.l4Proto[slot] = pkt.l4Proto;
    f.ethType[slot] = pkt.ethType;
    f.vlanId[slot] = pkt.vlanId;
    if (pkt.ipVer === 4) {
      f.statusLo[slot] = StatLo.L2_IPV4;
      s.totalIPv4Flows++;
    } else if (pkt.ipVer === 6) {
      f.statusLo[slot] = StatLo.L2_IPV6;
      s.totalIPv6Flows++;
    } else {
      f.statusLo[slot] = StatLo.L2_FLOW;
      s.totalL2Flows++;
    }
    this.lru.pushHead(slot);

    key.makeReverse();
    if (key.reverseEqualsKey()) {
      f.flowInd[slot] = ++s.totalfIndex;
      s.totalAFlows++;
      if (pkt.l4Proto === 6 && pkt.ipVer !== 0) this.setStatus(slot, 0, StatHi.LANDATTACK);
    } else {
      const rev = this.table.find(key.reverse);
      if (rev !== NO_FLOW) {
        f.opposite[slot] = rev;
        f.opposite[rev] = slot;
        f.flowInd[slot] = f.flowInd[rev];
        s.totalBFlows++;
        if ((f.statusLo[rev] & StatLo.L3FLOWINVERT) === 0) f.statusLo[slot] |= StatLo.L3FLOWINVERT;
      } else {
        f.flowInd[slot] = ++s.totalfIndex;
        s.totalAFlows++;
        if (pkt.ipVer !== 0 && this.looksLikeReply(pkt)) f.statusLo[slot] |= StatLo.L3FLOWINVERT;
      }
    }
    s.flowsInMemory++;
    if (s.flowsInMemory > s.maxFlowsInMemory) s.maxFlowsInMemory = s.flowsInMemory;
    this.events.newFlow(pkt, slot);
    return slot;
  }

  /** Direction heuristic for a flow without reverse (core.md §4.2). */
  private looksLikeReply(pkt: Packet): boolean {
    const sp = pkt.srcPort;
    if (sp < 1024 && sp < pkt.dstPort) return true;
    if ((sp & 0xfff6) === 8080) return true;
    if (pkt.l4Proto === 6 && pkt.l4Off >= 0 && pkt.snapL4Len >= 14) {
      const flags = pkt.buf[pkt.l4Off + 13];
      if ((flags & 0x12) === 0x12) return true;
    }
    return false;
  }

  setStatus(slot: number, lo: number, hi: number): void {
    this.flows.statusLo[slot] |= lo;
    this.flows.statusHi[slot] |= hi;
    this.stats.globalLo |= lo;
    this.stats.globalHi |= hi;
  }

  /** Evicts the least recently used flow pair (HASH_AUTOPILOT, NUMFLWRM=1). */
  private autopilot(): void {
    if (!this.autopilotWarned) {
      this.autopilotWarned = true;
      this.events.autopilotWarning();
    }
    const lru = this.lru;
    let f = lru.newer(lru.tail);
    while (f !== lru.head && lru.isSentinel(f)) f = lru.newer(f);
    if (f === lru.head) return;
    this.setStatus(f, 0, StatHi.RMFLOW_HFULL);
    this.printPair(f);
    this.remove(f);
    this.stats.totalRmFlows++;
  }

  /** Writes a flow and its opposite in T2's order (core.md §4.7 printPair). */
  printPair(slot: number): void {
    const f = this.flows;
    const opp = f.opposite[slot];
    if (opp === NO_FLOW) {
      if ((f.statusLo[slot] & StatLo.L3FLOWINVERT) !== 0) this.stats.corrReplFlws++;
      this.events.writeFlow(slot, false);
    } else if ((f.statusLo[slot] & StatLo.L3FLOWINVERT) !== 0) {
      this.events.writeFlow(opp, false);
      this.events.writeFlow(slot, true);
    } else {
      this.events.writeFlow(slot, false);
      this.events.writeFlow(opp, true);
    }
  }

  /** Removes a flow and its opposite; returns the node that was newer than `slot`. */
  remove(slot: number): number {
    const lru = this.lru;
    const opp = this.flows.opposite[slot];
    let newer = lru.newer(slot);
    if (newer === opp) newer = lru.newer(opp);
    this.drop(slot);
    if (opp !== NO_FLOW) this.drop(opp);
    return newer;
  }

  private drop(slot: number): void {
    this.fragments.flowRemoved(slot);
    this.lru.unlink(slot);
    this.table.remove(slot);
    this.flows.opposite[slot] = NO_FLOW;
    this.stats.flowsInMemory--;
  }

  /** End of input: every flow from the oldest to the newest (core.md §4.7). */
  flushAll(): void {
    const lru = this.lru;
    let f = lru.newer(lru.tail);
    while (f !== lru.head) {
      if (lru.isSentinel(f)) {
        f = lru.newer(f);
        continue;
      }
      this.printPair(f);
      f = this.remove(f);
    }
  }
}
