import { cosmiconfig } from 'cosmiconfig';
import { dirname, join, resolve } from 'node:path';
import type { UserConfig } from '../../core/config/defineConfig.ts';
import { importTsDefault } from './importTs.ts';
import { T2TS_ROOT } from './paths.ts';

/** Environment variable naming the config file to use instead of searching for one. */
export const CONFIG_ENV = 'T2_CONFIG';

const SEARCH_PLACES = ['t2.config.ts', 't2.config.mts', 't2.config.mjs', 't2.config.js'];

/** Where the user's flag values live and which plugin sources come with them. */
export interface Project {
  readonly configFile: string;
  /** Folder of the config file; its `plugins/` holds the project's own plugins. */
  readonly dir: string;
  readonly config: UserConfig;
}

async function loadConfigModule(file: string): Promise<UserConfig> {
  const config = await importTsDefault<UserConfig | undefined>(file);
  if (!config || typeof config !== 'object') throw new Error(`${file}: the default export must be defineConfig({...})`);
  return config;
}

const loaders = Object.fromEntries(['.ts', '.mts', '.mjs', '.js'].map((ext) => [ext, loadConfigModule]));

/**
 * Finds t2.config.ts: explicit file (option or $T2_CONFIG), else the nearest one from `cwd`
 * upward, else the one of this installation (T2 edits its own tree the same way).
 */
export async function loadProject(options: { config?: string; cwd?: string } = {}): Promise<Project> {
  const explorer = cosmiconfig('t2', { searchPlaces: SEARCH_PLACES, loaders, searchStrategy: 'global', cache: false });
  const explicit = options.config ?? process.env[CONFIG_ENV];
  const found = explicit
    ? await explorer.load(resolve(options.cwd ?? process.cwd(), explicit))
    : ((await explorer.search(options.cwd ?? process.cwd())) ?? (await explorer.load(join(T2TS_ROOT, 't2.config.ts'))));
  if (!found) throw new Error('no t2.config.ts found');
  return { configFile: found.filepath, dir: dirname(found.filepath), config: (found.config ?? {}) as UserConfig };
}
