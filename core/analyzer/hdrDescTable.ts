const MAX = 1 << 16;

/**
 * Interns header descriptions so that per packet only words are compared, never strings built:
 * the id is stable for the run, the text is made once per distinct description. Descriptions
 * are hashed and compared four bytes at a time (Packet.hdrDescWords); the bytes after the end of
 * the text in the last word are masked off, as they hold what earlier packets left there.
 */
export class HdrDescTable {
  private readonly buckets = new Int32Array(4096).fill(-1);
  private readonly next = new Int32Array(MAX);
  /** Start (in words) of each description in `store`, and its length in bytes. */
  private readonly offsets = new Int32Array(MAX);
  private readonly lengths = new Int32Array(MAX);
  private store = new Int32Array(1 << 14);
  private storeEnd = 0;
  private readonly texts: string[] = [''];
  private readonly decoder = new TextDecoder('latin1');
  private count = 1;

  /** Id of the description held in the first `len` bytes of `words`. Id 0 is the empty description. */
  intern(words: Int32Array, len: number): number {
    if (len === 0) return 0;
    const full = len >> 2;
    const rem = len & 3;
    const last = rem === 0 ? 0 : words[full] & ((1 << (8 * rem)) - 1);
    let h = 0x811c9dc5 ^ len;
    for (let i = 0; i < full; i++) h = Math.imul(h ^ words[i], 0x01000193);
    h = Math.imul(h ^ last, 0x01000193);
    h ^= h >>> 15;
    const b = h & 4095;
    for (let id = this.buckets[b]; id !== -1; id = this.next[id]) {
      if (this.equals(id, words, len, full, last)) return id;
    }
    if (this.count >= MAX) return 0;
    return this.add(b, words, len, full, last);
  }

  private equals(id: number, words: Int32Array, len: number, full: number, last: number): boolean {
    if (this.lengths[id] !== len) return false;
    const s = this.store;
    const start = this.offsets[id];
    for (let i = 0; i < full; i++) if (s[start + i] !== words[i]) return false;
    return s[start + full] === last;
  }

  private add(bucket: number, words: Int32Array, len: number, full: number, last: number): number {
    const id = this.count++;
    const start = this.storeEnd;
    if (start + full + 1 > this.store.length) {
      const grown = new Int32Array(this.store.length * 2 + full + 1);
      grown.set(this.store);
      this.store = grown;
    }
    this.store.set(words.subarray(0, full), start);
    this.store[start + full] = last;
    this.storeEnd = start + full + 1;
    this.offsets[id] = start;
    this.lengths[id] = len;
    this.texts.push(this.decoder.decode(new Uint8Array(words.buffer, words.byteOffset, len)));
    this.next[id] = this.buckets[bucket];
    this.buckets[bucket] = id;
    return id;
  }

  text(id: number): string {
    return this.texts[id] ?? '';
  }
}
