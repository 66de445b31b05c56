const MAX = 1 << 16;

/**
 * Interns header descriptions so that per packet only bytes are compared, never strings built:
 * the id is stable for the run, the text is made once per distinct description.
 */
export class HdrDescTable {
  private readonly buckets = new Int32Array(4096).fill(-1);
  private readonly next = new Int32Array(MAX);
  private readonly offsets = new Int32Array(MAX + 1);
  private store = new Uint8Array(1 << 16);
  private readonly texts: string[] = [];
  private count = 0;

  constructor() {
    this.texts.push('');
    this.offsets[1] = 0;
    this.count = 1;
  }

  /** Id of the description held in bytes[0, len). Id 0 is the empty description. */
  intern(bytes: Uint8Array, len: number): number {
    if (len === 0) return 0;
    let h = 0x811c9dc5;
    for (let i = 0; i < len; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
    const b = (h >>> 0) & 4095;
    for (let id = this.buckets[b]; id !== -1; id = this.next[id]) {
      if (this.equals(id, bytes, len)) return id;
    }
    if (this.count >= MAX) return 0;
    const id = this.count++;
    const start = this.offsets[id];
    if (start + len > this.store.length) {
      const grown = new Uint8Array(this.store.length * 2 + len);
      grown.set(this.store);
      this.store = grown;
    }
    this.store.set(bytes.subarray(0, len), start);
    this.offsets[id + 1] = start + len;
    this.texts.push(new TextDecoder('latin1').decode(bytes.subarray(0, len)));
    this.next[id] = this.buckets[b];
    this.buckets[b] = id;
    return id;
  }

  private equals(id: number, bytes: Uint8Array, len: number): boolean {
    const start = this.offsets[id];
    if (this.offsets[id + 1] - start !== len) return false;
    const s = this.store;
    for (let i = 0; i < len; i++) if (s[start + i] !== bytes[i]) return false;
    return true;
  }

  text(id: number): string {
    return this.texts[id] ?? '';
  }
}
