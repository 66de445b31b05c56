import { readFileSync } from 'node:fs';
import { CaptureOpenError } from './errors.ts';
import { strerror } from '../strerror.ts';
import { checkCaptureFile } from './open.ts';

/** Where the `-R` check sends its output; texts come without `[WRN]`/`[ERR]` prefixes. */
export interface ListMessages {
  /** A plain line on the report stream. */
  line(text: string): void;
  /** `[WRN] text` on the report stream. */
  warn(text: string): void;
  /** `[ERR] text` on stderr; not fatal. */
  error(text: string): void;
}

export interface CaptureList {
  /** Valid capture names, in list order. */
  files: string[];
  /** Sum of their sizes: T2's captureFileSize for `-R`. */
  totalSize: number;
}

function endsWithNonAscii(line: Buffer): boolean {
  return line.length >= 2 && line[line.length - 1] > 0x7f && line[line.length - 2] > 0x7f;
}

function splitLines(data: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let from = 0;
  for (let nl = data.indexOf(0x0a); nl !== -1; nl = data.indexOf(0x0a, from)) {
    lines.push(data.subarray(from, nl));
    from = nl + 1;
  }
  if (from < data.length) lines.push(data.subarray(from));
  return lines;
}

/**
 * T2's check of a `-R` list file (core.md §1.5, §2.6): prints `Checking list
 * file` and one `    checking file 'NAME'` per entry, drops entries that fail
 * the §2.1 file check (their `[ERR]` goes to `out.error`). Throws
 * CaptureOpenError when the run must end with rc 1.
 *
 * The files are then opened one after the other with
 * `openCaptureReader(file, { nanoPrecision: false })` (T2's µs quirk, §2.4).
 */
export function readCaptureList(listName: string, out: ListMessages): CaptureList {
  let data: Buffer;
  try {
    data = readFileSync(listName);
  } catch (e) {
    throw new CaptureOpenError(`Failed to open file '${listName}' for reading: ${strerror(e)}`);
  }
  out.line('Checking list file');
  const files: string[] = [];
  let totalSize = 0;
  for (let line of splitLines(data)) {
    if (line.length > 0 && line[line.length - 1] === 0x0d) line = line.subarray(0, -1);
    if (line.length === 0 || line[0] === 0x23 /* # */) continue;
    const name = line.toString('utf8');
    out.line(`    checking file '${name}'`);
    try {
      totalSize += checkCaptureFile(name, out.warn);
      files.push(name);
    } catch (e) {
      if (!(e instanceof CaptureOpenError)) throw e;
      // A binary file given as list yields garbage "names": the whole list is rejected.
      if (e.message.endsWith(': No such file or directory') && endsWithNonAscii(line)) {
        throw new CaptureOpenError(`'${listName}' is not a valid list of PCAP files`);
      }
      out.error(e.message);
    }
  }
  if (files.length === 0) throw new CaptureOpenError(`No valid files found in ${listName}`);
  return { files, totalSize };
}
