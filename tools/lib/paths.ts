import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Root of the t2ts installation: the nearest folder above this module (source or tool bundle
 * in .t2build/) whose package.json is t2ts's.
 */
function findRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 't2ts') return dir;
    if (dirname(dir) === dir) throw new Error('t2ts: cannot find the installation root (package.json named t2ts)');
  }
}

export const T2TS_ROOT = findRoot();

/** Built-in plugin sources. */
export const T2TS_PLUGINS = join(T2TS_ROOT, 'plugins');

/** Public entry points of the package, so that plugins outside the repo can `import 't2ts/plugin'`. */
export function t2tsAliases(): Record<string, string> {
  return {
    't2ts/plugin': join(T2TS_ROOT, 'core/plugin/api.ts'),
    't2ts/config': join(T2TS_ROOT, 'core/config/index.ts'),
    't2ts/flags': join(T2TS_ROOT, 'core/config/defineFlags.ts'),
  };
}
