import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FlagSchema } from '../../core/config/defineFlags.ts';
import { importTsDefaults } from './importTs.ts';
import { T2TS_PLUGINS, T2TS_ROOT } from './paths.ts';

export const CORE_NAME = 'tranalyzer2';

/** A buildable component: the core or a plugin source folder (`<dir>/index.ts`). */
export interface Component {
  readonly name: string;
  readonly dir: string;
  readonly entry: string;
  /** `<dir>/flags.ts` when the component has build-time flags. */
  readonly flagsFile?: string;
}

export function coreComponent(): Component {
  return {
    name: CORE_NAME,
    dir: join(T2TS_ROOT, 'core'),
    entry: join(T2TS_ROOT, 'core/main.ts'),
    flagsFile: join(T2TS_ROOT, 'core/flags.ts'),
  };
}

/**
 * Plugin source folders, the project's own first: a plugin created in a scratch project
 * shadows a built-in one of the same name.
 */
export function pluginSourceRoots(projectDir: string): string[] {
  const own = join(projectDir, 'plugins');
  return own === T2TS_PLUGINS ? [own] : [own, T2TS_PLUGINS];
}

export function listPlugins(projectDir: string): Component[] {
  const found = new Map<string, Component>();
  for (const root of pluginSourceRoots(projectDir)) {
    if (!existsSync(root)) continue;
    for (const name of readdirSync(root).sort()) {
      const dir = join(root, name);
      const entry = join(dir, 'index.ts');
      if (found.has(name) || !existsSync(entry)) continue;
      const flagsFile = join(dir, 'flags.ts');
      found.set(name, { name, dir, entry, ...(existsSync(flagsFile) ? { flagsFile } : {}) });
    }
  }
  return [...found.values()];
}

/** Plugins that only have a flags.ts so far count as configurable components too. */
export function listConfigurable(projectDir: string): Component[] {
  const out = [coreComponent(), ...listPlugins(projectDir)];
  for (const root of pluginSourceRoots(projectDir)) {
    if (!existsSync(root)) continue;
    for (const name of readdirSync(root).sort()) {
      const flagsFile = join(root, name, 'flags.ts');
      if (out.some((c) => c.name === name) || !existsSync(flagsFile)) continue;
      out.push({ name, dir: join(root, name), entry: join(root, name, 'index.ts'), flagsFile });
    }
  }
  return out;
}

/** Flag schemas of the given components (those without flags are left out), in one import. */
export async function loadSchemas(components: readonly Component[]): Promise<Map<string, FlagSchema>> {
  const withFlags = components.filter((c) => c.flagsFile);
  const schemas = await importTsDefaults<FlagSchema>(withFlags.map((c) => c.flagsFile!));
  return new Map(withFlags.map((c, i) => [c.name, schemas[i]!]));
}
