import { closeSync, openSync } from 'node:fs';
import { writeAll } from './writeAll.ts';
import { gzipSync } from 'node:zlib';
import type { SplitOptions } from '../plugin/api.ts';
import { TextBuffer } from './textBuffer.ts';

/** Text is written in chunks of about this size. */
const FLUSH_AT = 1 << 20;

/**
 * A sink's output file (or stdout): records are built in `out` and written in big chunks; with
 * `-W` the number is appended to the name and the file rotates after the record that reached the
 * size or flow-count limit (txtSink.md §4). Gzip output is a sequence of gzip members, one per
 * chunk, which `gunzip` reads as one stream.
 */
export class RecordFile {
  readonly out = new TextBuffer(FLUSH_AT * 2);
  private fd: number;
  private index: number;
  private fileBytes = 0;
  private fileFlows = 0;

  /** Throws the open error; `currentName()` names the file for the caller's message. */
  constructor(
    private readonly name: string,
    private readonly split: SplitOptions | undefined,
    toStdout: boolean,
    private readonly gzip = false,
  ) {
    this.index = split ? split.start : 0;
    this.fd = toStdout ? 1 : openSync(this.currentName(), 'w');
  }

  currentName(): string {
    return (this.split ? this.name + this.index : this.name) + (this.gzip ? '.gz' : '');
  }

  /** Counts a complete record of `bytes` bytes (already in `out`); rotates or flushes as needed. */
  endRecord(bytes: number): void {
    this.fileBytes += bytes;
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

  /** Bytes written into the current file outside records (txtSink's column-name line). */
  addHeaderBytes(n: number): void {
    this.fileBytes += n;
  }

  flush(): void {
    const out = this.out;
    if (out.len === 0) return;
    const data = this.gzip ? gzipSync(out.view()) : out.view();
    writeAll(this.fd, data, 0, data.length);
    out.clear();
  }

  close(): void {
    this.flush();
    if (this.fd !== 1) closeSync(this.fd);
  }
}
