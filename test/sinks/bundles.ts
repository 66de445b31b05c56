import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, tool } from '../golden/runT2.ts';

export type FlagOverrides = Record<string, Record<string, number | string>>;

/**
 * A scratch plugin folder with `plugins` built by t2build against a scratch t2.config.ts holding
 * `flags` (the repository's own config file is never edited).
 */
export function buildPlugins(plugins: readonly string[], flags: FlagOverrides = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 't2sinks-'));
  const config = join(dir, 't2.config.ts');
  writeFileSync(config, `import { defineConfig } from 't2ts/config';\nexport default defineConfig(${JSON.stringify(flags)});\n`);
  const folder = join(dir, 'plugins');
  tool('t2build', ['-y', '-p', folder, '--config', config, 'tranalyzer2', ...plugins]);
  return folder;
}

export interface AsyncRun {
  rc: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `t2 -p FOLDER ARGS...` without blocking this process's event loop, so that listeners
 * of the test can serve it; killed after `timeoutMs`.
 */
export function runT2Async(folder: string, args: readonly string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 30_000): Promise<AsyncRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO, 'bin', 't2.js'), '-p', folder, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('latin1')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('latin1')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ rc: code ?? (signal ? -1 : 0), stdout, stderr });
    });
  });
}
