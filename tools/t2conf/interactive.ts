import inquirer from 'inquirer';
import type { FlagSpec, FlagValue } from '../../core/config/defineFlags.ts';
import { checkValue, describeAllowed, parseValue } from '../../core/config/validate.ts';
import { log } from '../lib/log.ts';
import { ensureSchemas, resolved, type Session } from '../lib/session.ts';
import { defineFlagValues, formatValue } from './commands.ts';

const DONE = '\u0000done';

/** Asks for one flag's value with the choices or the checks its schema allows. */
async function askValue(component: string, name: string, spec: FlagSpec, current: FlagValue): Promise<string> {
  const message = `${name} (${spec.description})`;
  if (spec.kind === 'bool' || spec.kind === 'enum') {
    const values: readonly FlagValue[] = spec.kind === 'bool' ? [0, 1] : spec.values;
    const labels = spec.kind === 'enum' ? spec.labels : ['off', 'on'];
    const { value } = await inquirer.prompt<{ value: string }>([
      {
        type: 'select',
        name: 'value',
        message,
        default: String(current),
        choices: values.map((v, i) => ({ name: labels?.[i] ? `${v}: ${labels[i]}` : String(v), value: String(v) })),
      },
    ]);
    return value;
  }
  const { value } = await inquirer.prompt<{ value: string }>([
    {
      type: 'input',
      name: 'value',
      message: `${message}, ${describeAllowed(spec)}`,
      default: String(current),
      validate: (text: string) => {
        const parsed = parseValue(spec, text);
        const issue = checkValue(component, name, spec, typeof parsed === 'object' ? parsed.invalid : parsed);
        return issue ? issue.message : true;
      },
    },
  ]);
  return value;
}

/** t2conf on a terminal without arguments: pick a component, then edit its flags one by one. */
export async function interactive(session: Session): Promise<number> {
  const components = [...session.components.values()].filter((c) => c.flagsFile);
  const { name } = await inquirer.prompt<{ name: string }>([
    { type: 'select', name: 'name', message: 'Configure', choices: components.map((c) => ({ name: c.name, value: c.name })) },
  ]);
  const component = session.components.get(name)!;
  await ensureSchemas(session, [component]);
  const schema = session.schemas.get(name)!;
  const edits = new Map<string, string>();
  for (;;) {
    const { values } = resolved(session, name);
    const current = (flag: string) => edits.get(flag) ?? formatValue(values[flag]!);
    const { flag } = await inquirer.prompt<{ flag: string }>([
      {
        type: 'select',
        name: 'flag',
        message: `${name}: choose a flag to change`,
        pageSize: 15,
        choices: [
          { name: edits.size ? `Save ${edits.size} change(s) and quit` : 'Quit', value: DONE },
          ...Object.keys(schema.flags).map((f) => ({ name: `${f} = ${current(f)}`, value: f })),
        ],
      },
    ]);
    if (flag === DONE) break;
    const spec = schema.flags[flag]!;
    const value = await askValue(name, flag, spec, values[flag]!);
    edits.set(flag, value);
  }
  if (edits.size === 0) return 0;
  const status = await defineFlagValues(session, component, [...edits].map(([f, v]) => `${f}=${v}`));
  if (status === 0) log.ok(`${session.project.configFile} updated; rebuild with 't2build ${name}'`);
  return status;
}
