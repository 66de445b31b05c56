import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** Root of the t2ts installation (this repository). */
export const T2TS_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

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
