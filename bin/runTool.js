// Runs a tool written in TypeScript on Node 20, which cannot strip types: all tools are bundled
// together with esbuild into .t2build/tools/ (dependencies stay external; code split so that
// heavy modules such as ts-morph or inquirer load only when a command needs them), and
// rebundled only when a source is newer than the bundles, so a warm start costs a few stats.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
// Same depth below ROOT as tools/lib/, so import.meta.url based paths in tools stay valid.
const CACHE = join(ROOT, '.t2build', 'tools');
const INPUTS = join(CACHE, 'inputs.json');

function isStale(bundle) {
  if (!existsSync(bundle) || !existsSync(INPUTS)) return true;
  const built = statSync(bundle).mtimeMs;
  const inputs = JSON.parse(readFileSync(INPUTS, 'utf8'));
  return inputs.some((file) => !existsSync(file) || statSync(file).mtimeMs > built);
}

async function bundleTools() {
  const { build } = await import('esbuild');
  rmSync(CACHE, { recursive: true, force: true });
  mkdirSync(CACHE, { recursive: true });
  const tools = readdirSync(join(ROOT, 'tools')).filter((t) => existsSync(join(ROOT, 'tools', t, 'main.ts')));
  const result = await build({
    entryPoints: tools.map((t) => ({ in: join(ROOT, 'tools', t, 'main.ts'), out: t })),
    outdir: CACHE,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    metafile: true,
    logLevel: 'error',
  });
  writeFileSync(INPUTS, JSON.stringify(Object.keys(result.metafile.inputs).map((f) => join(ROOT, f))));
}

export async function runTool(tool) {
  const bundle = join(CACHE, `${tool}.mjs`);
  if (isStale(bundle)) await bundleTools();
  const { main } = await import(pathToFileURL(bundle).href);
  process.exitCode = await main(process.argv.slice(2));
}
