/**
 * T2's LRU list of flows with timeout-handler sentinels (core.md §4.7). Node ids: flow slots
 * 0..capacity-1, then HEAD, TAIL and one sentinel per registered timeout. `prev` points to the
 * head side (newer), `next` to the tail side (older).
 */
export class LruList {
  readonly head: number;
  readonly tail: number;
  readonly prev: Int32Array;
  readonly next: Int32Array;
  private readonly firstSentinel: number;
  private sentinels = 0;

  constructor(capacity: number, maxSentinels: number) {
    this.head = capacity;
    this.tail = capacity + 1;
    this.firstSentinel = capacity + 2;
    const n = capacity + 2 + maxSentinels;
    this.prev = new Int32Array(n).fill(-1);
    this.next = new Int32Array(n).fill(-1);
    this.next[this.head] = this.tail;
    this.prev[this.tail] = this.head;
  }

  isSentinel(node: number): boolean {
    return node >= this.firstSentinel;
  }

  /** A new sentinel, placed just before the tail. */
  addSentinel(): number {
    const s = this.firstSentinel + this.sentinels++;
    if (s >= this.prev.length) throw new Error('too many timeout handlers');
    this.insertAfter(this.prev[this.tail], s);
    return s;
  }

  unlink(node: number): void {
    const p = this.prev[node];
    const n = this.next[node];
    this.next[p] = n;
    this.prev[n] = p;
  }

  /** Puts `node` directly behind `at` (on its older side). */
  insertAfter(at: number, node: number): void {
    const n = this.next[at];
    this.prev[node] = at;
    this.next[node] = n;
    this.prev[n] = node;
    this.next[at] = node;
  }

  pushHead(node: number): void {
    this.insertAfter(this.head, node);
  }

  moveToHead(node: number): void {
    if (this.prev[node] === this.head) return;
    this.unlink(node);
    this.insertAfter(this.head, node);
  }
}
