/**
 * T2's LRU list of flows with timeout-handler sentinels (core.md §4.7). Node ids: flow slots
 * 0..capacity-1, then HEAD, TAIL and one sentinel per registered timeout. `newer` goes to the
 * head side, `older` to the tail side. Both links of a node are neighbours in one array: moving a
 * flow to the head touches three nodes, and each costs one cache miss instead of two.
 */
export class LruList {
  readonly head: number;
  readonly tail: number;
  /** links[2n]: the newer neighbour of node n, links[2n + 1]: the older one. */
  private readonly links: Int32Array;
  private readonly firstSentinel: number;
  private sentinels = 0;

  constructor(capacity: number, maxSentinels: number) {
    this.head = capacity;
    this.tail = capacity + 1;
    this.firstSentinel = capacity + 2;
    this.links = new Int32Array(2 * (capacity + 2 + maxSentinels));
    this.links[2 * this.head + 1] = this.tail;
    this.links[2 * this.tail] = this.head;
  }

  newer(node: number): number {
    return this.links[2 * node];
  }

  older(node: number): number {
    return this.links[2 * node + 1];
  }

  isSentinel(node: number): boolean {
    return node >= this.firstSentinel;
  }

  /** A new sentinel, placed just before the tail. */
  addSentinel(): number {
    const s = this.firstSentinel + this.sentinels++;
    if (2 * s >= this.links.length) throw new Error('too many timeout handlers');
    this.insertAfter(this.newer(this.tail), s);
    return s;
  }

  unlink(node: number): void {
    const l = this.links;
    const p = l[2 * node];
    const n = l[2 * node + 1];
    l[2 * p + 1] = n;
    l[2 * n] = p;
  }

  /** Puts `node` directly behind `at` (on its older side). */
  insertAfter(at: number, node: number): void {
    const l = this.links;
    const n = l[2 * at + 1];
    l[2 * node] = at;
    l[2 * node + 1] = n;
    l[2 * n] = node;
    l[2 * at + 1] = node;
  }

  pushHead(node: number): void {
    this.insertAfter(this.head, node);
  }

  moveToHead(node: number): void {
    if (this.links[2 * node] === this.head) return;
    this.unlink(node);
    this.insertAfter(this.head, node);
  }
}
