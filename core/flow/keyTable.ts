/**
 * A chained hash table over typed arrays mapping fixed-size keys (KEY_WORDS int32 words) to
 * entries. Entry indexes are handed out by the table (free list), so the flow table uses them
 * as flow slots. Insertion pushes at the head of a bucket chain; lookup returns the most recently
 * pushed match: the fragment table relies on that stack behaviour for duplicate keys.
 *
 * Lookups are bound by cache misses, so each entry is one 64-byte record: its full hash, its
 * chain link and its key. A lookup touches the bucket and then one record per chain entry.
 * Records never used are not touched (no free list built up front), so their pages stay unmapped.
 */
export const KEY_WORDS = 14;
const NONE = -1;
const STRIDE = 16;
const HASH = 0;
const NEXT = 1;
const KEY = 2;

export class KeyTable {
  readonly capacity: number;
  private readonly records: Int32Array;
  private readonly buckets: Int32Array;
  private readonly live: Uint8Array;
  private readonly mask: number;
  /** Entries freed by remove(), most recent first; then the never used ones from `unused` on. */
  private freeHead = NONE;
  private unused = 0;
  /**
   * The entry the last find() returned. Packets come in bursts of one flow, so it is tried first;
   * any insert or remove forgets it, which keeps the most-recent-match rule for duplicate keys.
   */
  private last = NONE;
  size = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.records = new Int32Array(capacity * STRIDE);
    let n = 1;
    while (n < capacity * 2) n <<= 1;
    this.mask = n - 1;
    this.buckets = new Int32Array(n).fill(NONE);
    this.live = new Uint8Array(capacity);
  }

  get full(): boolean {
    return this.freeHead === NONE && this.unused === this.capacity;
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

  private matches(base: number, key: Int32Array): boolean {
    const r = this.records;
    for (let i = 0; i < KEY_WORDS; i++) if (r[base + KEY + i] !== key[i]) return false;
    return true;
  }

  isLive(entry: number): boolean {
    return this.live[entry] === 1;
  }

  /** Most recently inserted entry with this key, or -1. */
  find(key: Int32Array): number {
    const last = this.last;
    if (last !== NONE && this.matches(last * STRIDE, key)) return last;
    const h = this.hash(key);
    const r = this.records;
    for (let e = this.buckets[h & this.mask]; e !== NONE; e = r[e * STRIDE + NEXT]) {
      const base = e * STRIDE;
      if (r[base + HASH] === h && this.matches(base, key)) {
        this.last = e;
        return e;
      }
    }
    return NONE;
  }

  /** Stores the key in a free entry and returns it; -1 when the table is full. */
  insert(key: Int32Array): number {
    const r = this.records;
    let e = this.freeHead;
    if (e !== NONE) this.freeHead = r[e * STRIDE + NEXT];
    else if (this.unused < this.capacity) e = this.unused++;
    else return NONE;
    const base = e * STRIDE;
    this.last = NONE;
    for (let i = 0; i < KEY_WORDS; i++) r[base + KEY + i] = key[i];
    const h = this.hash(key);
    const b = h & this.mask;
    r[base + HASH] = h;
    r[base + NEXT] = this.buckets[b];
    this.buckets[b] = e;
    this.live[e] = 1;
    this.size++;
    return e;
  }

  /** Unlinks an entry and returns it to the free list. */
  remove(entry: number): void {
    this.last = NONE;
    const r = this.records;
    const b = r[entry * STRIDE + HASH] & this.mask;
    let prev = NONE;
    for (let e = this.buckets[b]; e !== NONE; prev = e, e = r[e * STRIDE + NEXT]) {
      if (e !== entry) continue;
      const next = r[e * STRIDE + NEXT];
      if (prev === NONE) this.buckets[b] = next;
      else r[prev * STRIDE + NEXT] = next;
      r[e * STRIDE + NEXT] = this.freeHead;
      this.freeHead = e;
      this.live[e] = 0;
      this.size--;
      return;
    }
  }
}
