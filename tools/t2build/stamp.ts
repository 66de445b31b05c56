import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Remembers, per plugin folder and component, what a bundle was built from (define values and
 * input files with their mtimes), so that t2build skips components that are up to date. `-r`
 * and `-f` ignore it, `-c` forgets it.
 */
export class Stamps {
  private readonly dir: string;

  constructor(projectDir: string, pluginFolder: string) {
    const folderKey = createHash('sha256').update(pluginFolder).digest('hex').slice(0, 12);
    this.dir = join(projectDir, '.t2build', 'stamps', folderKey);
  }

  private file(component: string): string {
    return join(this.dir, `${component}.json`);
  }

  private static digest(defines: string, inputs: readonly string[]): string {
    const h = createHash('sha256').update(defines);
    for (const f of inputs) h.update(`${f}:${existsSync(f) ? statSync(f).mtimeMs : 'missing'}\n`);
    return h.digest('hex');
  }

  /** True when `bundlePath` exists and was built from the same defines and unchanged inputs. */
  upToDate(component: string, defines: string, bundlePath: string | undefined): boolean {
    const file = this.file(component);
    if (!bundlePath || !existsSync(bundlePath) || !existsSync(file)) return false;
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { digest: string; inputs: string[]; bundle: string };
    return saved.bundle === bundlePath && saved.digest === Stamps.digest(defines, saved.inputs);
  }

  record(component: string, defines: string, inputs: readonly string[], bundlePath: string): void {
    mkdirSync(this.dir, { recursive: true });
    const digest = Stamps.digest(defines, inputs);
    writeFileSync(this.file(component), JSON.stringify({ digest, inputs, bundle: bundlePath }));
  }

  forget(component: string): void {
    rmSync(this.file(component), { force: true });
  }
}
