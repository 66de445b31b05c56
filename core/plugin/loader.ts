import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PluginDefinition } from './api.ts';

/** A plugin bundle in the plugin folder: `NNN_name.mjs` (T2's `NNN_name.so`). */
const BUNDLE = /^(\d{3})_(.+)\.mjs$/;

export interface LoadResult {
  plugins: PluginDefinition[];
  /** `[ERR]` texts for rejected plugins (stderr, before the banner). */
  errors: string[];
  /** A plugin built against another core configuration: the run must stop. */
  fatal?: string;
}

/** Plugin names allowed by plugins.txt / -b (core.md §6.1); undefined: all. */
function readWhiteList(file: string): Set<string> | undefined {
  if (!existsSync(file)) return undefined;
  const names = new Set<string>();
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    names.add(line.replace(/\.(so|mjs)$/, ''));
  }
  return names;
}

function accepted(file: string, p: PluginDefinition, have: Set<string>): string | undefined {
  if (!p || typeof p !== 'object') return `${file} is missing required plugin function t2PluginName`;
  if (!p.name) return `${file}: plugin name is required`;
  if (p.name.length >= 32) return `${p.name}: plugin name too long (${p.name.length} characters, limited to 32)`;
  if (!p.version) return `${p.name}: plugin version is required`;
  if (p.version.length >= 16) return `${p.name}: plugin version too long (${p.version.length} characters, limited to 16)`;
  const [major, minor] = p.t2Version ?? [0, 9];
  if (major !== 0 || minor !== 9) return `${p.name}: version ${major}.${minor} not supported (minimum required is 0.9)`;
  const deps = p.dependencies ?? [];
  if (deps.some((d) => !have.has(d))) return `${p.name}: missing dependencies: ${deps.join(',')}`;
  return undefined;
}

/**
 * Loads the plugin bundles of a folder in file-name (= number) order and applies T2's acceptance
 * rules (plugin-api.md §1.3). `coreConfigHash` is the running core's flag fingerprint.
 */
export async function loadPlugins(dir: string, whiteListFile: string | undefined, coreConfigHash: string): Promise<LoadResult> {
  const result: LoadResult = { plugins: [], errors: [] };
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => BUNDLE.test(f)).sort() : [];
  const white = readWhiteList(whiteListFile ?? join(dir, 'plugins.txt'));
  const have = new Set<string>();
  for (const file of files) {
    const [, number, name] = BUNDLE.exec(file)!;
    if (white && !white.has(name) && !white.has(`${number}_${name}`)) continue;
    let plugin: PluginDefinition;
    try {
      plugin = (await import(pathToFileURL(join(dir, file)).href)).default as PluginDefinition;
    } catch (e) {
      result.errors.push(String((e as Error).message));
      continue;
    }
    const problem = accepted(file, plugin, have);
    if (problem) {
      result.errors.push(problem);
      continue;
    }
    if (plugin.coreConfigHash !== undefined && plugin.coreConfigHash !== coreConfigHash) {
      result.fatal = `${plugin.name}: built against a different core configuration than this core (plugin ${plugin.coreConfigHash}, core ${coreConfigHash}): rebuild it with 't2build -R'`;
      return result;
    }
    have.add(plugin.name);
    result.plugins.push(plugin);
  }
  return result;
}
