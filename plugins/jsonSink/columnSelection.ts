import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * JSON_SELECT_FILE as a path: relative names are looked up in the plugin folder, where t2build
 * puts this module (`<folder>/903_jsonSink.mjs`).
 */
export function selectFilePath(name: string): string {
  return isAbsolute(name) ? name : join(fileURLToPath(new URL('.', import.meta.url)), name);
}

/** Column names of a JSON_SELECT file: one per line, `#` starts a comment line. Throws fs errors. */
export function readColumnSelection(file: string): Set<string> {
  const names = readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  return new Set(names);
}
