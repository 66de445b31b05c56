import { closeSync, openSync } from 'node:fs';
import { writeAll } from './writeAll.ts';
import { gzipSync } from 'node:zlib';
import type { SplitOptions } from '../plugin/api.ts';
import { TextBuffer } from './textBuffer.ts';

/** Text is written in chunks of about this size. */
const FLUSH_AT = 1 << 20;

/**
 * Where a file stands after `handOver()`: enough for another thread to go on writing it with
 * `RecordFile.resume` (descriptors belong to the process, not to the thread that opened them).
 */
export interface RecordFilePosition {
  readonly name: string;
  readonly split: SplitOptions | undefined;
  readonly gzip: boolean;
  readonly fd: number;
  readonly index: number;
  readonly fileBytes: number;
  readonly fileFlows: number;
}

/**
 * Record files of this process that write to stdout. Every plugin bundle has its own copy of
 * this module, so the count lives on the global object, under a key all copies share.
 */
const STDOUT_FILES = Symbol.for('t2ts.recordFile.stdoutFiles');
type StdoutCount = { [STDOUT_FILES]?: number };

function countStdoutFiles(delta: number): number {
  const g = globalThis as StdoutCount;
  return (g[STDOUT_FILES] = (g[STDOUT_FILES] ?? 0) + delta);
}

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
  private countedOnStdout: boolean;
  /** Another thread writes the file now (`handOver`). */
  private handedOver = false;

  /** Throws the open error; `currentName()` names the file for the caller's message. */
  constructor(
    private readonly name: string,
    private readonly split: SplitOptions | undefined,
    toStdout: boolean,
    private readonly gzip = false,
    resumeAt?: RecordFilePosition,
  ) {
    if (resumeAt) {
      this.fd = resumeAt.fd;
      this.index = resumeAt.index;
      this.fileBytes = resumeAt.fileBytes;
      this.fileFlows = resumeAt.fileFlows;
    } else {
      this.index = split ? split.start : 0;
      this.fd = toStdout ? 1 : openSync(this.currentName(), 'w');
    }
    this.countedOnStdout = this.fd === 1;
    if (this.countedOnStdout) countStdoutFiles(1);
  }

  /** Continues a file another thread handed over, at the same place and with the same counts. */
  static resume(at: RecordFilePosition): RecordFile {
    return new RecordFile(at.name, at.split, at.fd === 1, at.gzip, at);
  }

  /**
   * Whether another record file of this process writes to stdout too: their chunks interleave
   * there, so the order of the writes must stay as the records come.
   */
  sharesStdout(): boolean {
    return this.fd === 1 && countStdoutFiles(0) > 1;
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

  /**
   * Writes what is buffered and gives the file up to `resume` elsewhere. Afterwards only
   * `close()` may be called, once the other side has closed the file.
   */
  handOver(): RecordFilePosition {
    this.flush();
    this.handedOver = true;
    const { name, split, gzip, fd, index, fileBytes, fileFlows } = this;
    return { name, split, gzip, fd, index, fileBytes, fileFlows };
  }

  close(): void {
    if (!this.handedOver) {
      this.flush();
      if (this.fd !== 1) closeSync(this.fd);
    }
    if (this.countedOnStdout) countStdoutFiles(-1);
    this.countedOnStdout = false;
  }
}
