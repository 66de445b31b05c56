import { Command, CommanderError } from 'commander';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { coreConfigHash } from '../../core/config/fingerprint.ts';
import { CORE_NAME, type Component } from '../lib/components.ts';
import { DEFAULT_PLUGINS } from '../lib/defaults.ts';
import { syncGeneratedFiles } from '../lib/generatedFiles.ts';
import { bufferedLog, log, usageError } from '../lib/log.ts';
import { defaultPluginFolder, installedPlugins, removePlugin } from '../lib/pluginFolder.ts';
import { confirm } from '../lib/confirm.ts';
import { ensureSchemas, openSession, pickComponents, resolved, type Session } from '../lib/session.ts';
import { buildComponent } from './buildComponent.ts';
import { Stamps } from './stamp.ts';

const TOOL = 't2build';

/** Plugins `-a` leaves out, as T2 does (the skeleton and the tutorial plugin). */
const ALL_BLACKLIST = new Set(['t2PSkel', 'tcpWin']);

interface Options {
  a?: boolean;
  r?: boolean;
  f?: boolean;
  R?: boolean;
  u?: boolean;
  e?: boolean;
  c?: boolean;
  l?: boolean;
  d?: boolean;
  y?: boolean;
  p?: string;
  b?: string;
  I?: string;
  sink: boolean;
  config?: string;
  sync?: boolean;
}

function program(): Command {
  return new Command(TOOL)
    .usage('[OPTION...] [PLUGIN...]')
    .description('Build tranalyzer2 and the plugins into the plugin folder (esbuild bundles, flags as defines)')
    .argument('[plugins...]', 'tranalyzer2 and/or plugin names (default: tranalyzer2 and the default plugin set)')
    .option('-a', 'tranalyzer2 and all plugins (except t2PSkel, tcpWin and those in plugins.ignore)')
    .option('-b <FILE>', 'tranalyzer2 and the plugins listed in FILE')
    .option('-I <FILE>', 'with -a: plugins not to build (default plugins.ignore)')
    .option('-R', 'rebuild tranalyzer2 and every plugin in the plugin folder')
    .option('--no-sink', 'skip sink plugins')
    .option('-r', 'rebuild even if up to date')
    .option('-f', 'force: rebuild and overwrite even if up to date')
    .option('-d', 'debug build (inline source maps)')
    .option('-u', 'unload: remove the named plugins from the plugin folder')
    .option('-e', 'empty the plugin folder')
    .option('-c', 'clean: forget what was built (the next build starts afresh)')
    .option('-l', 'list the plugins in the plugin folder')
    .option('-p <DIR>', 'plugin folder (default ~/.tranalyzer/plugins)')
    .option('-y', 'answer yes to all questions')
    .option('--config <FILE>', 'config file (default: nearest t2.config.ts, or $T2_CONFIG)')
    .option('--sync', 'regenerate the flag globals and schema registry of this repository')
    .helpOption('-h, --help')
    .exitOverride()
    .configureOutput({ writeErr: () => undefined });
}

function readList(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.replace(/^\d+_/, '').replace(/\.(so|mjs)$/, ''));
}

function isSink(name: string): boolean {
  return /Sink$/.test(name) || ['findexer', 'payloadDumper', 'pcapd'].includes(name);
}

/** Which components to build, in order: the core first. */
function targets(session: Session, names: string[], o: Options, folder: string): Component[] | string {
  let list: string[];
  if (o.R) {
    if (!existsSync(folder)) return `Plugin folder '${folder}' does not exist`;
    list = [CORE_NAME, ...installedPlugins(folder).map((p) => p.name)];
  } else if (o.a) {
    const ignoreFile = o.I ?? `${session.project.dir}/plugins.ignore`;
    const ignored = new Set([...ALL_BLACKLIST, ...(existsSync(ignoreFile) ? readList(ignoreFile) : [])]);
    list = [...session.components.values()].filter((c) => c.name === CORE_NAME || existsSync(c.entry)).map((c) => c.name);
    list = list.filter((n) => !ignored.has(n));
  } else if (o.b) {
    list = [CORE_NAME, ...readList(o.b)];
  } else if (names.length > 0) {
    list = names.map((n) => n.replace(/\/$/, ''));
  } else {
    list = [CORE_NAME, ...DEFAULT_PLUGINS.filter((n) => session.components.has(n))];
  }
  if (!o.sink) list = list.filter((n) => !isSink(n));
  list = [...new Set(list)].sort((a, b) => (a === CORE_NAME ? -1 : b === CORE_NAME ? 1 : 0));
  const { picked, issues } = pickComponents(session, list);
  if (issues.length > 0) return issues.map((i) => `Plugin '${i.component}' could not be found${i.suggestion ? ` (did you mean '${i.suggestion}'?)` : ''}`).join('\n');
  return picked;
}

function summary(operation: string, failed: readonly string[]): number {
  if (failed.length === 0) {
    log.ok(`\n${operation.toUpperCase()} SUCCESSFUL\n`);
    return 0;
  }
  log.error(`\nThe following plugins could not be ${operation === 'building' ? 'built' : operation.replace(/ing$/, 'ed')}:`);
  for (const f of failed) log.error(`    ${f}`);
  return 1;
}

async function emptyFolder(folder: string, yes: boolean): Promise<number> {
  if (!existsSync(folder)) {
    log.out('Plugin folder does not exist');
    return 0;
  }
  if (!(await confirm(`Are you sure you want to empty the plugin folder '${folder}'`, yes))) {
    log.warn('Plugin folder not emptied');
    return 1;
  }
  rmSync(folder, { recursive: true, force: true });
  log.out('Plugin folder emptied');
  return 0;
}

async function run(names: string[], o: Options): Promise<number> {
  if (o.sync) {
    for (const f of await syncGeneratedFiles()) log.out(`updated ${f}`);
    return 0;
  }
  const session = await openSession(o.config ? { config: o.config } : {});
  const core = session.components.get(CORE_NAME)!;
  await ensureSchemas(session, [core]);
  const coreConfig = resolved(session, CORE_NAME);
  const folder = o.p ?? defaultPluginFolder(String(coreConfig.values.PLUGIN_FOLDER));

  if (o.l) {
    const names = [...new Set(installedPlugins(folder).map((p) => p.name))];
    if (names.length === 0) log.out(`No plugins in '${folder}'`);
    for (const n of names.sort()) log.out(n);
    return 0;
  }
  if (o.e) {
    const status = await emptyFolder(folder, o.y ?? false);
    if (status !== 0 || names.length === 0) return status;
  }
  if (o.u) {
    for (const n of names) {
      log.info(`\nPlugin '${n}'\n`);
      removePlugin(folder, n);
    }
    return summary('unloading', []);
  }
  const list = targets(session, names, o, folder);
  if (typeof list === 'string') {
    log.error(`\n${list}\n`);
    return 1;
  }
  const stamps = new Stamps(session.project.dir, folder);
  if (o.c) {
    for (const c of list) {
      stamps.forget(c.name);
      log.ok(c.name === CORE_NAME ? 'Tranalyzer2 successfully cleaned' : `${c.name} successfully cleaned`);
    }
    return summary('cleaning', []);
  }
  for (const issue of coreConfig.issues) (issue.severity === 'error' ? log.error : log.warn)(issue.message);
  if (coreConfig.issues.some((i) => i.severity === 'error')) return summary('building', [CORE_NAME]);
  await ensureSchemas(session, list);
  const ctx = {
    session,
    pluginFolder: folder,
    coreValues: coreConfig.values,
    coreHash: coreConfigHash(coreConfig.values),
    debug: o.d ?? false,
    force: (o.r || o.f) ?? false,
    stamps,
  };
  const failed: string[] = [];
  const plugins = list.filter((c) => c.name !== CORE_NAME);
  if (list[0]?.name === CORE_NAME) {
    log.info(`\n'Tranalyzer2'\n`);
    if (!(await buildComponent(list[0], ctx, log))) return summary('building', [CORE_NAME]);
  }
  // Bundles are independent: build them concurrently, report in the requested order.
  const logs = plugins.map(() => bufferedLog());
  const results = await Promise.all(plugins.map((c, i) => buildComponent(c, ctx, logs[i]!)));
  plugins.forEach((c, i) => {
    log.info(`\nPlugin '${c.name}'\n`);
    logs[i]!.flush();
    if (!results[i]) failed.push(c.name);
  });
  return summary('building', failed);
}

export async function main(argv: string[]): Promise<number> {
  const cmd = program();
  try {
    cmd.parse(argv, { from: 'user' });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    if (e.code === 'commander.helpDisplayed') return 0;
    const unknown = /unknown option '([^']*)'/.exec(e.message);
    if (unknown?.[1] === '--reset') {
      log.error(`Unknown option '--reset'`);
      log.out(`Did you mean to call 't2conf --reset' instead?`);
      return 1;
    }
    if (unknown) return usageError(TOOL, `Unknown option '${unknown[1]}'`);
    const missing = /option '([^ ']*)[^']*' argument missing/.exec(e.message);
    if (missing) return usageError(TOOL, `Option '${missing[1]}' requires an argument`);
    return usageError(TOOL, e.message.replace(/^error: /, ''));
  }
  try {
    return await run(cmd.args, cmd.opts<Options>());
  } catch (e) {
    log.error(`${TOOL}: ${(e as Error).message}`);
    return 1;
  }
}
