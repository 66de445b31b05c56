// Runs a tool written in TypeScript on Node 20, which cannot strip types: the tool is bundled
// once with esbuild into .t2build/tools/ (dependencies stay external) and rebundled only when
// one of its sources is newer than the bundle, so a warm start costs a few stat calls.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
// Same depth below ROOT as tools/lib/, so import.meta.url based paths in tools stay valid.
const CACHE = join(ROOT, '.t2build', 'tools');

function isStale(bundle, inputsFile) {
  if (!existsSync(bundle) || !existsSync(inputsFile)) return true;
  const built = statSync(bundle).mtimeMs;
  const inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
  return inputs.some((file) => !existsSync(file) || statSync(file).mtimeMs > built);
}

async function bundleTool(tool, bundle, inputsFile) {
  const { build } = await import('esbuild');
  mkdirSync(CACHE, { recursive: true });
  const result = await build({
    entryPoints: [join(ROOT, 'tools', tool, 'main.ts')],
    outfile: bundle,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    metafile: true,
    logLevel: 'error',
  });
  const inputs = Object.keys(result.metafile.inputs).map((f) => join(ROOT, f));
  writeFileSync(inputsFile, JSON.stringify(inputs));
}

export async function runTool(tool) {
  const bundle = join(CACHE, `${tool}.mjs`);
  const inputsFile = join(CACHE, `${tool}.inputs.json`);
  if (isStale(bundle, inputsFile)) await bundleTool(tool, bundle, inputsFile);
  const { main } = await import(pathToFileURL(bundle).href);
  process.exitCode = await main(process.argv.slice(2));
}
