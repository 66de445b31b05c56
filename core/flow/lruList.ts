/**
 * T2's LRU list of flows with timeout-handler sentinels (core.md §4.7). Node ids: flow slots
 * 0..capacity-1, then HEAD, TAIL and one sentinel per registered timeout. `newer` goes to the
 * head side, `older` to the tail side.
 *
 * A node is one 24-byte record: both links and a copy of the flow's lastSeen. Moving a flow to
 * the head touches three records, and the timeout walk, which visits flows that have been idle
 * for long (cold in the cache), finds the link and the time it needs in one place.
 */
const WORDS = 6;
const LAST_SEC = 1;
const LAST_NS = 2;

export class LruList {
  readonly head: number;
  readonly tail: number;
  /** links[6n]: the newer neighbour of node n, links[6n + 1]: the older one. */
  private readonly links: Int32Array;
  /** times[3n + LAST_SEC], times[3n + LAST_NS]: the flow's lastSeen (FlowTable.lastSec, lastNs). */
  private readonly times: Float64Array;
  private readonly firstSentinel: number;
  private sentinels = 0;
  /**
   * Set when the flow just newer than a sentinel (the first one its timeout handler looks at)
   * may have changed: that flow left, another came in front of the sentinel, or its lastSeen
   * moved. FlowManager skips the timeout walk only while this stays clear.
   */
  frontsChanged = true;

  constructor(capacity: number, maxSentinels: number) {
    this.head = capacity;
    this.tail = capacity + 1;
    this.firstSentinel = capacity + 2;
    const buf = new ArrayBuffer(8 * (WORDS / 2) * (capacity + 2 + maxSentinels));
    this.links = new Int32Array(buf);
    this.times = new Float64Array(buf);
    this.links[WORDS * this.head + 1] = this.tail;
    this.links[WORDS * this.tail] = this.head;
  }

  newer(node: number): number {
    return this.links[WORDS * node];
  }

  older(node: number): number {
    return this.links[WORDS * node + 1];
  }

  /** Keeps the copy of a flow's lastSeen; every write of FlowTable.lastSec/lastNs comes with one. */
  seen(node: number, sec: number, ns: number): void {
    if (this.links[WORDS * node + 1] >= this.firstSentinel) this.frontsChanged = true;
    this.times[3 * node + LAST_SEC] = sec;
    // As the Uint32Array FlowTable.lastNs stores it.
    this.times[3 * node + LAST_NS] = ns >>> 0;
  }

  /** The flow's lastSeen in seconds. */
  seenAt(node: number): number {
    return this.times[3 * node + LAST_SEC] + this.times[3 * node + LAST_NS] / 1e9;
  }

  /** Seconds since the flow's lastSeen as T2 computes them (float arithmetic, core.md §4.7). */
  age(node: number, nowSec: number, nowNs: number): number {
    const t = this.times;
    return Math.fround(Math.fround(nowSec - t[3 * node + LAST_SEC]) + (nowNs - t[3 * node + LAST_NS]) / 1e9);
  }

  isSentinel(node: number): boolean {
    return node >= this.firstSentinel;
  }

  /** A new sentinel, placed just before the tail. */
  addSentinel(): number {
    const s = this.firstSentinel + this.sentinels++;
    if (WORDS * s >= this.links.length) throw new Error('too many timeout handlers');
    this.insertAfter(this.newer(this.tail), s);
    return s;
  }

  unlink(node: number): void {
    const l = this.links;
    const p = l[WORDS * node];
    const n = l[WORDS * node + 1];
    if (n >= this.firstSentinel) this.frontsChanged = true;
    l[WORDS * p + 1] = n;
    l[WORDS * n] = p;
  }

  /** Puts `node` directly behind `at` (on its older side). */
  insertAfter(at: number, node: number): void {
    const l = this.links;
    const n = l[WORDS * at + 1];
    if (n >= this.firstSentinel) this.frontsChanged = true;
    l[WORDS * node] = at;
    l[WORDS * node + 1] = n;
    l[WORDS * n] = node;
    l[WORDS * at + 1] = node;
  }

  pushHead(node: number): void {
    this.insertAfter(this.head, node);
  }

  moveToHead(node: number): void {
    if (this.links[WORDS * node] === this.head) return;
    this.unlink(node);
    this.insertAfter(this.head, node);
  }
}
