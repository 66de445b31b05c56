import { existsSync, readdirSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/** A plugin bundle file: `NNN_name.mjs`, as T2's `NNN_name.so`. */
export const BUNDLE_RE = /^(\d{3})_(.+)\.mjs$/;
export const CORE_BUNDLE = 'tranalyzer2.mjs';

/** T2's default: PLUGIN_FOLDER (a core flag) relative to $HOME unless absolute. */
export function defaultPluginFolder(pluginFolderFlag = '.tranalyzer/plugins/'): string {
  return resolve(isAbsolute(pluginFolderFlag) ? pluginFolderFlag : join(process.env.HOME ?? homedir(), pluginFolderFlag));
}

export function bundleName(number: number, name: string): string {
  return `${String(number).padStart(3, '0')}_${name}.mjs`;
}

/** Installed plugins as (file, number, name), in load order. */
export function installedPlugins(dir: string): { file: string; number: number; name: string }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => BUNDLE_RE.test(f))
    .sort()
    .map((file) => {
      const [, n, name] = BUNDLE_RE.exec(file)!;
      return { file, number: Number(n), name: name! };
    });
}

/** Removes every bundle of a plugin, whatever its number (renumbered plugins leave none behind). */
export function removePlugin(dir: string, name: string): boolean {
  const files = installedPlugins(dir).filter((p) => p.name === name);
  for (const p of files) rmSync(join(dir, p.file));
  return files.length > 0;
}
