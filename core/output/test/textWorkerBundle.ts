import { build } from 'esbuild';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NODE_BUNDLE } from '../../../tools/lib/nodeBundle.ts';

export type WorkerBundle = typeof import('./fixtures/textWorkerEntry.ts') & { readonly url: string };

/**
 * The text writer as an ESM bundle on disk: on Node 20 a worker cannot run the `.ts` sources the
 * tests import, so the worker path is tested through a bundle, as plugins run it.
 */
export async function textWorkerBundle(): Promise<WorkerBundle> {
  const result = await build({
    ...NODE_BUNDLE,
    entryPoints: [join(import.meta.dirname, 'fixtures', 'textWorkerEntry.ts')],
  });
  const file = join(mkdtempSync(join(tmpdir(), 'textworker-')), 'textWorker.mjs');
  writeFileSync(file, result.outputFiles[0]!.text);
  const url = pathToFileURL(file).href;
  return { ...((await import(url)) as typeof import('./fixtures/textWorkerEntry.ts')), url };
}
