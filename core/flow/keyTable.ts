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
  /** Full hash of each entry's key: chains are walked comparing it before the 14 words. */
  private readonly hashes: Int32Array;
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
    this.hashes = new Int32Array(capacity);
    this.live = new Uint8Array(capacity);
    for (let i = 0; i < capacity - 1; i++) this.next[i] = i + 1;
    this.next[capacity - 1] = NONE;
    this.freeHead = capacity > 0 ? 0 : NONE;
  }

  get full(): boolean {
    return this.freeHead === NONE;
  }

  /** A multiply-add over the words, then murmur3's finaliser to spread them over the buckets. */
  private hash(key: Int32Array): number {
    let h = key[0];
    for (let i = 1; i < KEY_WORDS; i++) h = (Math.imul(h, 0x01000193) + key[i]) | 0;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return h ^ (h >>> 16);
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
    const h = this.hash(key);
    const hashes = this.hashes;
    const next = this.next;
    for (let e = this.buckets[h & this.mask]; e !== NONE; e = next[e]) {
      if (hashes[e] === h && this.matches(e, key)) return e;
    }
    return NONE;
  }

  /** Stores the key in a free entry and returns it; -1 when the table is full. */
  insert(key: Int32Array): number {
    const e = this.freeHead;
    if (e === NONE) return NONE;
    this.freeHead = this.next[e];
    this.keys.set(key, e * KEY_WORDS);
    const h = this.hash(key);
    const b = h & this.mask;
    this.hashes[e] = h;
    this.next[e] = this.buckets[b];
    this.buckets[b] = e;
    this.live[e] = 1;
    this.size++;
    return e;
  }

  /** Unlinks an entry and returns it to the free list. */
  remove(entry: number): void {
    const b = this.hashes[entry] & this.mask;
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
