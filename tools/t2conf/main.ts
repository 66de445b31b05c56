import { Command, CommanderError } from 'commander';
import { CORE_NAME } from '../lib/components.ts';
import { log, usageError } from '../lib/log.ts';
import { openSession, pickComponents, type Session } from '../lib/session.ts';
import { defineFlagValues, getFlags, listFlags, listNames, resetComponents } from './commands.ts';
import { DEFAULT_PLUGINS } from '../lib/defaults.ts';

const TOOL = 't2conf';

interface Options {
  D: string[];
  G: string[];
  a?: boolean;
  reset?: boolean;
  I?: boolean;
  list?: boolean;
  config?: string;
  dual?: boolean;
  ip4?: boolean;
  ip6?: boolean;
  monitoring?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function program(): Command {
  return new Command(TOOL)
    .usage('[OPTION...] [PLUGIN...]')
    .description('Configure the build-time flags of tranalyzer2 and the plugins (edits t2.config.ts)')
    .argument('[plugins...]', 'tranalyzer2 or plugin names')
    .option('-D <NAME=VALUE>', 'set a flag (repeatable; VALUE "default" restores the default)', collect, [])
    .option('-G <NAME>', 'print NAME = VALUE (repeatable)', collect, [])
    .option('-I', 'list the flag names of a plugin')
    .option('--list', 'list the flags of a plugin with current and default values')
    .option('--reset', 'restore the defaults of the named plugins (none: tranalyzer2 and the default set)')
    .option('-a', 'with --reset: all plugins')
    .option('--dual', 'tranalyzer2: IPv4 and IPv6 (IPV6_ACTIVATE=2)')
    .option('--ip4', 'tranalyzer2: IPv4 only (IPV6_ACTIVATE=0)')
    .option('--ip6', 'tranalyzer2: IPv6 only (IPV6_ACTIVATE=1)')
    .option('-m, --monitoring', 'tranalyzer2: machine monitoring preset')
    .option('--config <FILE>', 'config file (default: nearest t2.config.ts, or $T2_CONFIG)')
    .option('-y', 'answer yes to all questions')
    .helpOption('-h, --help')
    .exitOverride()
    .configureOutput({ writeErr: () => undefined });
}

/** --dual/--ip4/--ip6/-m as -D assignments on the core; conflicting presets are refused. */
function presets(o: Options): string[] | string {
  const ipModes = [o.dual && 'dual', o.ip4 && 'IPv4 only', o.ip6 && 'IPv6 only'].filter(Boolean);
  if (ipModes.length > 1) return `Cannot activate ${ipModes.join(' and ')} modes at the same time`;
  const defs: string[] = [];
  if (o.dual) defs.push('IPV6_ACTIVATE=2');
  if (o.ip4) defs.push('IPV6_ACTIVATE=0');
  if (o.ip6) defs.push('IPV6_ACTIVATE=1');
  if (o.monitoring) defs.push('MONINTTMPCP=1', 'VERBOSE=0', 'DIFF_REPORT=1', 'MACHINE_REPORT=1');
  return defs;
}

async function run(session: Session, names: string[], o: Options): Promise<number> {
  const preset = presets(o);
  if (typeof preset === 'string') return usageError(TOOL, preset);
  if (preset.length > 0) {
    const core = session.components.get(CORE_NAME)!;
    const status = await defineFlagValues(session, core, preset);
    if (status !== 0 || names.length === 0) return status;
  }
  const { picked, issues } = pickComponents(session, names);
  if (issues.length > 0) return usageError(TOOL, issues.map((i) => i.message).join('\n'));

  if (o.reset) {
    const targets = o.a
      ? [...session.components.values()]
      : picked.length > 0
        ? picked
        : pickComponents(session, [CORE_NAME, ...DEFAULT_PLUGINS]).picked;
    return resetComponents(session, targets);
  }
  const single = (what: string) =>
    picked.length === 1 ? picked[0]! : `${what} option can only be used with ONE plugin`;
  for (const [active, what, action] of [
    [o.G.length > 0, '-G', (c) => getFlags(session, c, o.G)],
    [o.D.length > 0, '-D', (c) => defineFlagValues(session, c, o.D)],
    [o.I, '-I', (c) => listNames(session, c)],
    [o.list, '--list', (c) => listFlags(session, c)],
  ] as const satisfies readonly (readonly [unknown, string, (c: import('../lib/components.ts').Component) => Promise<number>])[]) {
    if (!active) continue;
    const c = single(what);
    return typeof c === 'string' ? usageError(TOOL, c) : action(c);
  }
  return usageError(TOOL, 'One of -D, -G, -I, --list, --reset, --dual/--ip4/--ip6/-m is required');
}

export async function main(argv: string[]): Promise<number> {
  const cmd = program();
  if (argv.length === 0) {
    if (process.stdin.isTTY && process.stdout.isTTY) {
      const { interactive } = await import('./interactive.ts');
      return interactive(await openSession({}));
    }
    log.out(cmd.helpInformation());
    return 1;
  }
  for (const def of argv.flatMap((a, i) => (argv[i - 1] === '-D' ? [a] : []))) {
    if (def.split('=').length !== 2) return usageError(TOOL, `Option '-D': expected name=value, found '${def}'`);
  }
  try {
    cmd.parse(argv, { from: 'user' });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
    const unknown = /unknown option '([^']*)'/.exec(e.message);
    if (unknown) return usageError(TOOL, `Unknown option '${unknown[1]}'`);
    const missing = /option '([^ ']*)[^']*' argument missing/.exec(e.message);
    if (missing) return usageError(TOOL, `Option '${missing[1]}' requires an argument`);
    return usageError(TOOL, e.message.replace(/^error: /, ''));
  }
  const o = cmd.opts<Options>();
  try {
    return await run(await openSession(o.config ? { config: o.config } : {}), cmd.args, o);
  } catch (e) {
    log.error(`${TOOL}: ${(e as Error).message}`);
    return 1;
  }
}
