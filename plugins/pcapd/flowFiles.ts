import type { Packet } from '../../core/plugin/api.ts';
import { AppendWriter } from './appendWriter.ts';

/**
 * PD_MODE_OUT=1 (pcapd.md §4.3): one writer per flow direction (slot), on the file
 * `<base><flowInd>`; at most `maxOpen` open, the least recently used closed first.
 */
export class FlowFiles {
  private readonly writers: (AppendWriter | undefined)[];
  private readonly lastUse: Float64Array;
  private readonly openedAt: Float64Array;
  private readonly openSlots = new Set<number>();
  private clock = 0;

  constructor(
    capacity: number,
    private readonly base: string,
    private readonly snaplen: number,
    private readonly maxOpen: number,
    /** Ends the run for a file that cannot be opened. */
    private readonly openFailed: (name: string, e: unknown) => never,
  ) {
    this.writers = new Array<AppendWriter | undefined>(capacity);
    this.lastUse = new Float64Array(capacity);
    this.openedAt = new Float64Array(capacity);
  }

  write(slot: number, flowInd: number, pkt: Packet, sec: number, ns: number): void {
    let w = this.writers[slot];
    if (w === undefined) w = this.open(slot, flowInd);
    this.lastUse[slot] = ++this.clock;
    w.packet(pkt, sec, ns);
  }

  /** The flow ended: its writer is closed (flushed). */
  close(slot: number): void {
    const w = this.writers[slot];
    if (w === undefined) return;
    w.close();
    this.writers[slot] = undefined;
    this.openSlots.delete(slot);
  }

  /** End of input: every open writer is flushed, the most recently opened first (as exit() flushes stdio). */
  flushAll(): void {
    const slots = [...this.openSlots].sort((a, b) => this.openedAt[b]! - this.openedAt[a]!);
    for (const s of slots) this.writers[s]!.flush();
  }

  closeAll(): void {
    for (const s of [...this.openSlots]) this.close(s);
  }

  private open(slot: number, flowInd: number): AppendWriter {
    if (this.openSlots.size >= this.maxOpen) this.close(this.leastRecentlyUsed());
    const name = this.base + flowInd;
    let w: AppendWriter;
    try {
      w = new AppendWriter(name, this.snaplen);
    } catch (e) {
      return this.openFailed(name, e);
    }
    this.writers[slot] = w;
    this.openSlots.add(slot);
    this.openedAt[slot] = ++this.clock;
    return w;
  }

  private leastRecentlyUsed(): number {
    let best = -1;
    for (const s of this.openSlots) if (best < 0 || this.lastUse[s]! < this.lastUse[best]!) best = s;
    return best;
  }
}
