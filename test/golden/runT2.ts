import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../..');
const BIN = join(REPO, 'bin');

export interface RunResult {
  rc: number;
  stdout: string;
  stderr: string;
  outDir: string;
  /** Files written into the output directory, by name. */
  files: Map<string, string>;
}

/** Runs `t2 -p PLUGINDIR ARGS...` the way a user does, from the bundles in the plugin folder. */
export function runT2(pluginDir: string, args: readonly string[], outDir?: string, stdin?: Uint8Array): RunResult {
  const out = outDir ?? mkdtempSync(join(tmpdir(), 't2out-'));
  const p = spawnSync(process.execPath, [join(BIN, 't2.js'), '-p', pluginDir, ...args.map((a) => a.replace('OUT/', out + '/'))], {
    encoding: 'latin1',
    maxBuffer: 1 << 28,
    input: stdin,
    cwd: out,
  });
  const files = new Map<string, string>();
  if (existsSync(out)) {
    for (const f of readdirSync(out)) if (statSync(join(out, f)).isFile()) files.set(f, readFileSync(join(out, f), 'latin1'));
  }
  return { rc: p.status ?? -1, stdout: p.stdout, stderr: p.stderr, outDir: out, files };
}

/** Runs a toolchain command (t2build, t2conf, t2plugin) and fails loudly if it fails. */
export function tool(name: string, args: readonly string[], cwd = REPO, env: NodeJS.ProcessEnv = {}): string {
  const p = spawnSync(process.execPath, [join(BIN, `${name}.js`), ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  if (p.status !== 0) throw new Error(`${name} ${args.join(' ')} failed (${p.status}):\n${p.stdout}\n${p.stderr}`);
  return p.stdout;
}
