import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

export interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * A scratch project as a user has it: its own t2.config.ts (importing `t2ts/config`) and HOME,
 * so that the default plugin folder (~/.tranalyzer/plugins) is private to the test.
 */
export class Scratch {
  readonly dir = mkdtempSync(join(tmpdir(), 't2ts-scratch-'));
  readonly pluginFolder = join(this.dir, '.tranalyzer', 'plugins');

  constructor(config = `import { defineConfig } from 't2ts/config';\n\n// scratch project\nexport default defineConfig({});\n`) {
    writeFileSync(join(this.dir, 't2.config.ts'), config);
  }

  /** Runs `bin/<tool>.js args...` in the project, as a shell user would (no terminal). */
  run(tool: 't2' | 't2build' | 't2conf' | 't2plugin', ...args: string[]): Promise<Run> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [join(ROOT, 'bin', `${tool}.js`), ...args], {
        cwd: this.dir,
        env: { ...process.env, HOME: this.dir, NO_COLOR: '1', T2_CONFIG: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d));
      child.stderr.on('data', (d: Buffer) => (stderr += d));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status: status ?? -1, stdout, stderr }));
    });
  }
}
