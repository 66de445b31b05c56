import { readFileSync, statSync } from 'node:fs';
import { CaptureOpenError } from '../capture/errors.ts';
import { checkCaptureFile } from '../capture/open.ts';

export interface CaptureList {
  files: string[];
  totalSize: number;
}

/**
 * `-R LISTFILE` (core.md §2.6): every non-comment line is checked like a `-r` file; invalid ones
 * are reported and skipped. Throws CaptureOpenError when nothing valid remains.
 */
export function readCaptureList(list: string, info: (line: string) => void, warn: (text: string) => void, error: (text: string) => void): CaptureList {
  let text: string;
  try {
    text = readFileSync(list, 'latin1');
  } catch {
    throw new CaptureOpenError(`'${list}' is not a valid list of PCAP files`);
  }
  info('Checking list file');
  const result: CaptureList = { files: [], totalSize: 0 };
  for (const raw of text.split('\n')) {
    const name = raw.replace(/\r$/, '');
    if (!name || name.startsWith('#')) continue;
    info(`    checking file '${name}'`);
    try {
      checkCaptureFile(name, () => {});
    } catch (e) {
      if (!(e instanceof CaptureOpenError)) throw e;
      error(e.message);
      continue;
    }
    try {
      result.totalSize += statSync(name).size;
    } catch (e) {
      warn(`Cannot get complete file stats for '${name}': ${(e as Error).message}`);
    }
    result.files.push(name);
  }
  if (result.files.length === 0) throw new CaptureOpenError(`No valid files found in ${list}`);
  return result;
}
