import { build } from 'esbuild';
import { pathToFileURL } from 'node:url';
import { dirname } from 'node:path';
import { NODE_BUNDLE } from './nodeBundle.ts';
import { t2tsAliases } from './paths.ts';

/**
 * Imports TypeScript modules on Node 20 (which cannot strip types): esbuild bundles them with
 * their relative imports into one ESM text, imported from a data: URL. One esbuild call for all
 * files keeps t2conf's start fast. Meant for small self-contained modules (flag schemas,
 * t2.config.ts) whose only bare imports are `t2ts/...`.
 */
export async function importTsDefaults<T = unknown>(files: readonly string[]): Promise<T[]> {
  if (files.length === 0) return [];
  const entry = files.map((f, i) => `export { default as m${i} } from ${JSON.stringify(f)};`).join('\n');
  const result = await build({
    ...NODE_BUNDLE,
    stdin: { contents: entry, resolveDir: dirname(files[0]!), sourcefile: 't2ts-config-entry.ts', loader: 'ts' },
    alias: t2tsAliases(),
  });
  const code = result.outputFiles[0]!.text + `\n//# sourceURL=${pathToFileURL(files[0]!).href}`;
  const mod = (await import('data:text/javascript;base64,' + Buffer.from(code).toString('base64'))) as Record<
    string,
    T
  >;
  return files.map((_, i) => mod[`m${i}`]!);
}

export async function importTsDefault<T = unknown>(file: string): Promise<T> {
  return (await importTsDefaults<T>([file]))[0]!;
}
