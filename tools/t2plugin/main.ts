import { Command, CommanderError } from 'commander';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { confirm } from '../lib/confirm.ts';
import { syncGeneratedFiles } from '../lib/generatedFiles.ts';
import { log, usageError } from '../lib/log.ts';
import { T2TS_ROOT } from '../lib/paths.ts';
import { loadProject } from '../lib/project.ts';
import { listPlugins } from '../lib/components.ts';
import { render, templateData } from './render.ts';
import { checkName, checkNumber, folderIsEmpty, randomNumber, usedNumbers, type Template } from './rules.ts';

const TOOL = 't2plugin';

interface Options {
  c?: string;
  n?: string;
  m?: boolean;
  s?: boolean;
  y?: boolean;
  l?: boolean;
  dryRun?: boolean;
  dir?: string;
  config?: string;
}

function program(): Command {
  return new Command(TOOL)
    .usage('[OPTION...]')
    .description('Create a TypeScript plugin from a template (full by default)')
    .option('-c <NAME>', 'create the plugin NAME')
    .option('-n <NUMBER>', 'plugin number (three digits; sinks 900 and up); default: a free random one')
    .option('-m', 'minimal template')
    .option('-s', 'sink template')
    .option('-l', 'list the existing plugins and their numbers')
    .option('-y', 'answer yes to all questions')
    .option('--dry-run', 'print what would be created, write nothing')
    .option('--dir <DIR>', 'plugin source folder (default: plugins/ next to t2.config.ts)')
    .option('--config <FILE>', 'config file (default: nearest t2.config.ts, or $T2_CONFIG)')
    .helpOption('-h, --help')
    .exitOverride()
    .configureOutput({ writeErr: () => undefined });
}

async function run(o: Options): Promise<number> {
  const project = await loadProject(o.config ? { config: o.config } : {});
  if (o.l) {
    for (const [n, name] of [...usedNumbers(project.dir)].sort((a, b) => a[0] - b[0])) {
      log.out(`${name.padEnd(19)} ${String(n).padStart(3, '0')}`);
    }
    return 0;
  }
  const template: Template = o.s ? 'sink' : o.m ? 'minimal' : 'full';
  const name = o.c?.replace(/\/$/, '');
  const badName = checkName(name);
  if (badName) {
    log.error(badName.error);
    if (badName.info) log.info(badName.info);
    else log.out(`Try '${TOOL} --help' for more information.`);
    return 1;
  }
  const used = usedNumbers(project.dir);
  // A project plugin replaces the built-in one of the same name (the tutorials recreate tcpWin).
  for (const [n, owner] of used) if (owner === name) used.delete(n);
  let number: number;
  if (o.n !== undefined) {
    const checked = checkNumber(o.n, template, used);
    if (typeof checked !== 'number') {
      log.error(checked.error);
      if (checked.info) log.info(checked.info);
      return 1;
    }
    number = checked;
  } else {
    const picked = randomNumber(template, used);
    if (picked === undefined) return usageError(TOOL, 'No free plugin number left');
    number = picked;
    log.out(`No plugin number provided... using ${number}`);
  }
  const root = o.dir ?? join(project.dir, 'plugins');
  const target = join(root, name!);
  const builtin = listPlugins(T2TS_ROOT).find((p) => p.name === name);
  if (builtin && target !== builtin.dir) log.warn(`Plugin '${name}' shadows the built-in plugin in ${builtin.dir}`);
  const changes = render(template, target, templateData(name!, number));
  if (o.dryRun) {
    log.info(`Would create ${template} plugin '${name}' (${number}):`);
    for (const file of changes.keys()) log.out(`  ${relative(process.cwd(), file)}`);
    return 0;
  }
  if (!folderIsEmpty(target)) {
    if (!(await confirm(`Folder '${target}' already exists... proceed anyway`, o.y ?? false))) return 1;
    rmSync(target, { recursive: true, force: true });
  }
  for (const [file, text] of changes) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    log.out(`  created ${relative(process.cwd(), file)}`);
  }
  // Inside this repository, keep the flag globals and the typed config registry in step.
  if (root === join(T2TS_ROOT, 'plugins')) await syncGeneratedFiles();
  log.ok(`TypeScript plugin '${name}' created`);
  log.info(`Make sure to update your aliases by calling 'source "${join(T2TS_ROOT, 'tools/t2_aliases')}"'`);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const cmd = program();
  if (argv.length === 0) {
    log.out(cmd.helpInformation());
    return 0;
  }
  try {
    cmd.parse(argv, { from: 'user' });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    if (e.code === 'commander.helpDisplayed') return 0;
    const unknown = /unknown option '([^']*)'/.exec(e.message);
    if (unknown) return usageError(TOOL, `Unknown option '${unknown[1]}'`);
    const missing = /option '([^ ']*)[^']*' argument missing/.exec(e.message);
    if (missing) return usageError(TOOL, `Option '${missing[1]}' requires an argument`);
    return usageError(TOOL, e.message.replace(/^error: /, ''));
  }
  try {
    return await run(cmd.opts<Options>());
  } catch (e) {
    log.error(`${TOOL}: ${(e as Error).message}`);
    return 1;
  }
}
