import type { SplitOptions } from '../../core/plugin/api.ts';
import { closeSync, openSync, writeSync } from 'node:fs';
import { TextBuffer } from '../../core/output/textBuffer.ts';

/** `-W PREFIX[:SIZE][,START]` (txtSink.md §4). */

/** Flushes happen at this many buffered bytes, so writes are big chunks. */
const FLUSH_AT = 1 << 20;



/**
 * The flow file: text lines are built in `out` and written in big chunks; with `-W` the file is
 * rotated after the record that reached the size or flow-count limit.
 */
export class FlowFile {
  readonly out = new TextBuffer(FLUSH_AT * 2);
  private fd: number;
  private index: number;
  private fileBytes = 0;
  private fileFlows = 0;

  /**
   * `name` is the file name (the split index is appended to it); `fd` 1 writes to stdout.
   * Throws the open error (for the caller's message).
   */
  constructor(
    private readonly name: string,
    private readonly split: SplitOptions | undefined,
    toStdout: boolean,
  ) {
    this.index = split ? split.start : 0;
    this.fd = toStdout ? 1 : openSync(this.currentName(), 'w');
  }

  currentName(): string {
    return this.split ? this.name + this.index : this.name;
  }

  /** Counts a complete record (already in `out`) and rotates or flushes as needed. */
  endRecord(recordBytes: number): void {
    this.fileBytes += recordBytes;
    this.fileFlows++;
    const split = this.split;
    if (split && (split.byFlows ? this.fileFlows : this.fileBytes) >= split.size) {
      this.flush();
      closeSync(this.fd);
      this.index++;
      this.fd = openSync(this.currentName(), 'w');
      this.fileBytes = 0;
      this.fileFlows = 0;
    } else if (this.out.len >= FLUSH_AT) {
      this.flush();
    }
  }

  /** Bytes written into the current file outside records (the column-name line). */
  addHeaderBytes(n: number): void {
    this.fileBytes += n;
  }

  flush(): void {
    const out = this.out;
    let off = 0;
    while (off < out.len) off += writeSync(this.fd, out.bytes, off, out.len - off);
    out.clear();
  }

  close(): void {
    this.flush();
    if (this.fd !== 1) closeSync(this.fd);
  }
}
