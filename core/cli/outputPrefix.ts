import { mkdirSync, statSync } from 'node:fs';
import { basename } from 'node:path';

function withoutLastExtension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? name : name.slice(0, dot);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The output prefix for `-w` (core.md §1.2). `capName` is the -r/-R/-D/-i argument; `-r -` gives
 * `stdin`. Directories up to the last `/` of the -w value are created.
 */
export function outputPrefix(capName: string, write: string | undefined, fromStdin: boolean): string {
  const base = fromStdin ? 'stdin' : withoutLastExtension(basename(capName));
  if (write === undefined || write === '-') return fromStdin ? 'stdin' : withoutLastExtension(capName);
  const slash = write.lastIndexOf('/');
  if (slash > 0) {
    try {
      mkdirSync(write.slice(0, slash), { recursive: true, mode: 0o700 });
    } catch (e) {
      throw new Error(`Failed to create directory '${write.slice(0, slash)}': ${(e as Error).message}`);
    }
  }
  if (isDirectory(write)) return (write.endsWith('/') ? write : write + '/') + base;
  return write;
}
