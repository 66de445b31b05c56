// Runs a tool written in TypeScript on Node 20, which cannot strip types: all tools are bundled
// together with esbuild into a fresh folder under .t2build/tools/ (dependencies stay external;
// code split so that ts-morph or inquirer load only when a command needs them). current.json
// names the folder in use and the sources it came from; it is replaced atomically, so tools
// started concurrently never see a half-written bundle. A warm start costs a few stat calls.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = join(ROOT, '.t2build', 'tools');
const CURRENT = join(CACHE, 'current.json');

function current(tool) {
  if (!existsSync(CURRENT)) return undefined;
  const { dir, inputs } = JSON.parse(readFileSync(CURRENT, 'utf8'));
  const built = join(CACHE, dir);
  if (!existsSync(join(built, `${tool}.mjs`))) return undefined;
  const time = statSync(built).mtimeMs;
  return inputs.every((f) => existsSync(f) && statSync(f).mtimeMs <= time) ? built : undefined;
}

async function bundleTools() {
  const { build } = await import('esbuild');
  const dir = `${Date.now().toString(36)}-${process.pid}`;
  const out = join(CACHE, dir);
  mkdirSync(out, { recursive: true });
  const tools = readdirSync(join(ROOT, 'tools')).filter((t) => existsSync(join(ROOT, 'tools', t, 'main.ts')));
  const result = await build({
    entryPoints: tools.map((t) => ({ in: join(ROOT, 'tools', t, 'main.ts'), out: t })),
    outdir: out,
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
  const inputs = Object.keys(result.metafile.inputs).map((f) => join(ROOT, f));
  const tmp = `${CURRENT}.${process.pid}`;
  writeFileSync(tmp, JSON.stringify({ dir, inputs }));
  renameSync(tmp, CURRENT);
  // Older bundles are left to processes that may still be loading them, except stale ones.
  for (const old of readdirSync(CACHE)) {
    const path = join(CACHE, old);
    if (old !== dir && statSync(path).isDirectory() && Date.now() - statSync(path).mtimeMs > 60_000) {
      rmSync(path, { recursive: true, force: true });
    }
  }
  return out;
}

export async function runTool(tool) {
  const dir = current(tool) ?? (await bundleTools());
  const { main } = await import(pathToFileURL(join(dir, `${tool}.mjs`)).href);
  process.exitCode = await main(process.argv.slice(2));
}
