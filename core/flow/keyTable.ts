/**
 * A chained hash table over typed arrays mapping fixed-size keys (KEY_WORDS int32 words) to
 * entries. Entry indexes are handed out by the table (free list), so the flow table uses them
 * as flow slots. Insertion pushes at the head of a bucket chain; lookup returns the most recently
 * pushed match: the fragment table relies on that stack behaviour for duplicate keys.
 */
export const KEY_WORDS = 14;
const NONE = -1;

export class KeyTable {
  readonly capacity: number;
  readonly keys: Int32Array;
  private readonly buckets: Int32Array;
  private readonly next: Int32Array;
  private readonly bucketOf: Int32Array;
  private readonly live: Uint8Array;
  private readonly mask: number;
  private freeHead: number;
  size = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.keys = new Int32Array(capacity * KEY_WORDS);
    let n = 1;
    while (n < capacity * 2) n <<= 1;
    this.mask = n - 1;
    this.buckets = new Int32Array(n).fill(NONE);
    this.next = new Int32Array(capacity);
    this.bucketOf = new Int32Array(capacity);
    this.live = new Uint8Array(capacity);
    for (let i = 0; i < capacity - 1; i++) this.next[i] = i + 1;
    this.next[capacity - 1] = NONE;
    this.freeHead = capacity > 0 ? 0 : NONE;
  }

  get full(): boolean {
    return this.freeHead === NONE;
  }

  private hash(key: Int32Array): number {
    let h = 0x9747b28c | 0;
    for (let i = 0; i < KEY_WORDS; i++) {
      let k = Math.imul(key[i], 0xcc9e2d51);
      k = (k << 15) | (k >>> 17);
      h ^= Math.imul(k, 0x1b873593);
      h = (h << 13) | (h >>> 19);
      h = (Math.imul(h, 5) + 0xe6546b64) | 0;
    }
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    return h & this.mask;
  }

  private matches(entry: number, key: Int32Array): boolean {
    const base = entry * KEY_WORDS;
    const keys = this.keys;
    for (let i = 0; i < KEY_WORDS; i++) if (keys[base + i] !== key[i]) return false;
    return true;
  }

  isLive(entry: number): boolean {
    return this.live[entry] === 1;
  }

  /** Most recently inserted entry with this key, or -1. */
  find(key: Int32Array): number {
    for (let e = this.buckets[this.hash(key)]; e !== NONE; e = this.next[e]) {
      if (this.matches(e, key)) return e;
    }
    return NONE;
  }

  /** Stores the key in a free entry and returns it; -1 when the table is full. */
  insert(key: Int32Array): number {
    const e = this.freeHead;
    if (e === NONE) return NONE;
    this.freeHead = this.next[e];
    this.keys.set(key, e * KEY_WORDS);
    const b = this.hash(key);
    this.bucketOf[e] = b;
    this.next[e] = this.buckets[b];
    this.buckets[b] = e;
    this.live[e] = 1;
    this.size++;
    return e;
  }

  /** Unlinks an entry and returns it to the free list. */
  remove(entry: number): void {
    const b = this.bucketOf[entry];
    let prev = NONE;
    for (let e = this.buckets[b]; e !== NONE; prev = e, e = this.next[e]) {
      if (e !== entry) continue;
      if (prev === NONE) this.buckets[b] = this.next[e];
      else this.next[prev] = this.next[e];
      this.next[e] = this.freeHead;
      this.freeHead = e;
      this.live[e] = 0;
      this.size--;
      return;
    }
  }
}
