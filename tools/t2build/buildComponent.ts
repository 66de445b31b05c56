import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FlagValue } from '../../core/config/defineFlags.ts';
import type { PluginDefinition } from '../../core/plugin/api.ts';
import { CORE_NAME, type Component } from '../lib/components.ts';
import type { Log } from '../lib/log.ts';
import { bundleName, CORE_BUNDLE, installedPlugins, removePlugin } from '../lib/pluginFolder.ts';
import { resolved, type Session } from '../lib/session.ts';
import { bundleComponent } from './bundle.ts';
import type { Stamps } from './stamp.ts';

export interface BuildContext {
  readonly session: Session;
  readonly pluginFolder: string;
  readonly coreValues: Readonly<Record<string, FlagValue>>;
  readonly coreHash: string;
  readonly debug: boolean;
  /** -r / -f: rebuild even when up to date. */
  readonly force: boolean;
  readonly stamps: Stamps;
}

/** Reads what the plugin declares about itself (name, number, ...) from its fresh bundle. */
async function pluginIdentity(code: string): Promise<PluginDefinition> {
  const mod = (await import('data:text/javascript;base64,' + Buffer.from(code).toString('base64'))) as {
    default?: PluginDefinition;
  };
  if (!mod.default || typeof mod.default !== 'object') throw new Error('index.ts must `export default definePlugin({...})`');
  return mod.default;
}

function checkIdentity(component: Component, p: PluginDefinition): string | undefined {
  if (p.name !== component.name) return `plugin name '${p.name}' differs from its folder name '${component.name}'`;
  if (!Number.isInteger(p.number) || p.number < 0 || p.number > 999) {
    return `plugin number ${p.number} is not a number from 0 to 999`;
  }
  return undefined;
}

/** Builds one component into the plugin folder; false (with messages printed) when it failed. */
export async function buildComponent(component: Component, ctx: BuildContext, log: Log): Promise<boolean> {
  const isCore = component.name === CORE_NAME;
  const own = isCore ? { values: {}, issues: [] } : resolved(ctx.session, component.name);
  for (const issue of own.issues) (issue.severity === 'error' ? log.error : log.warn)(issue.message);
  if (own.issues.some((i) => i.severity === 'error')) return false;
  if (!existsSync(component.entry)) {
    log.error(`${component.name}: ${component.entry} does not exist`);
    return false;
  }
  // The entry belongs to the key: a project plugin that shadows a built-in one of the same name
  // must not be taken for the bundle of the built-in.
  const definesKey = JSON.stringify([ctx.coreValues, own.values, ctx.debug, component.entry]);
  const current = isCore ? CORE_BUNDLE : installedPlugins(ctx.pluginFolder).find((p) => p.name === component.name)?.file;
  const currentPath = current && join(ctx.pluginFolder, current);
  if (!ctx.force && ctx.stamps.upToDate(component.name, definesKey, currentPath)) {
    log.ok(`${component.name} is up to date`);
    return true;
  }
  try {
    const bundle = await bundleComponent(component, {
      coreValues: ctx.coreValues,
      ownValues: own.values,
      coreHash: ctx.coreHash,
      debug: ctx.debug,
    });
    let file = CORE_BUNDLE;
    if (!isCore) {
      const identity = await pluginIdentity(bundle.code);
      const problem = checkIdentity(component, identity);
      if (problem) throw new Error(problem);
      file = bundleName(identity.number, identity.name);
    }
    log.ok(isCore ? 'Tranalyzer2 successfully built' : `${component.name} successfully built`);
    mkdirSync(ctx.pluginFolder, { recursive: true });
    if (!isCore) removePlugin(ctx.pluginFolder, component.name);
    const target = join(ctx.pluginFolder, file);
    writeFileSync(target, bundle.code);
    ctx.stamps.record(component.name, definesKey, bundle.inputs, target);
    if (!isCore) log.out(`Plugin ${component.name} copied into ${ctx.pluginFolder}`);
    return true;
  } catch (e) {
    const err = e as Error & { errors?: { text: string; location?: { file: string; line: number } | null }[] };
    const details = err.errors?.map((m) => (m.location ? `${m.location.file}:${m.location.line}: ${m.text}` : m.text));
    log.error(details?.length ? details.join('\n') : err.message);
    log.error(isCore ? 'Failed to build Tranalyzer2' : `Failed to build plugin ${component.name}`);
    return false;
  }
}
