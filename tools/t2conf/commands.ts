import { defineFlags, type FlagSchema, type FlagValue } from '../../core/config/defineFlags.ts';
import { checkValue, describeAllowed, parseValue, unknownFlag, type ConfigIssue } from '../../core/config/validate.ts';
import { CORE_NAME, type Component } from '../lib/components.ts';
import { log } from '../lib/log.ts';
import { ensureSchemas, resolved, type Session } from '../lib/session.ts';

/** A component's schema; components without flags.ts have an empty one. */
function schemaOf(session: Session, name: string): FlagSchema {
  return session.schemas.get(name) ?? defineFlags(name, {});
}

/**
 * Where a flag lives when asked through a component: its own flags first, then the core's,
 * as T2 searches the plugin's headers before the core's (`t2conf tcpFlags -D VERBOSE=0` edits
 * the core).
 */
function owner(session: Session, component: string, flag: string): string | undefined {
  if (flag in schemaOf(session, component).flags) return component;
  if (flag in schemaOf(session, CORE_NAME).flags) return CORE_NAME;
  return undefined;
}

/** Core flags are accepted through any plugin, so they are candidates for "did you mean" too. */
function coreNames(session: Session, component: string): string[] {
  return component === CORE_NAME ? [] : Object.keys(schemaOf(session, CORE_NAME).flags);
}

export function formatValue(value: FlagValue): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function report(issues: readonly ConfigIssue[]): boolean {
  for (const i of issues) (i.severity === 'error' ? log.error : log.warn)(`${i.severity === 'error' ? '' : '[WRN] '}${i.message}`);
  return issues.some((i) => i.severity === 'error');
}

/** `-G NAME`: prints `NAME = VALUE` for each name. */
export async function getFlags(session: Session, component: Component, names: readonly string[]): Promise<number> {
  await ensureSchemas(session, [component]);
  let status = 0;
  for (const name of names) {
    const where = owner(session, component.name, name);
    if (!where) {
      report([unknownFlag(schemaOf(session, component.name), name, undefined, coreNames(session, component.name))]);
      status = 1;
      continue;
    }
    const { values } = resolved(session, where);
    log.out(`${name} = ${formatValue(values[name]!)}`);
  }
  return status;
}

/** A parsed `-D NAME=VALUE`, ready to be written. */
interface Assignment {
  readonly component: string;
  readonly flag: string;
  readonly value: FlagValue;
  readonly literal?: string;
}

function parseAssignment(session: Session, component: string, def: string): Assignment | ConfigIssue {
  const eq = def.indexOf('=');
  const flag = def.slice(0, eq);
  const text = def.slice(eq + 1);
  const where = owner(session, component, flag);
  if (!where) return unknownFlag(schemaOf(session, component), flag, text, coreNames(session, component));
  const spec = schemaOf(session, where).flags[flag]!;
  if (text === 'default') return { component: where, flag, value: spec.default };
  const value = parseValue(spec, text);
  if (typeof value === 'object') return checkValue(where, flag, spec, value.invalid)!;
  const issue = checkValue(where, flag, spec, value);
  if (issue) return issue;
  const literal = typeof value === 'number' && /^0x[0-9a-f]+$/i.test(text.trim()) ? text.trim() : undefined;
  return { component: where, flag, value, ...(literal ? { literal } : {}) };
}

/** `-D NAME=VALUE...`: all or nothing; the file is only written when every value is valid. */
export async function defineFlagValues(session: Session, component: Component, defs: readonly string[]): Promise<number> {
  await ensureSchemas(session, [component]);
  const assignments: Assignment[] = [];
  const issues: ConfigIssue[] = [];
  for (const def of defs) {
    const a = parseAssignment(session, component.name, def);
    if ('code' in a) issues.push(a);
    else assignments.push(a);
  }
  if (report(issues)) return 1;
  const touched = [...new Set(assignments.map((a) => a.component))];
  for (const name of touched) {
    const extra = Object.fromEntries(assignments.filter((a) => a.component === name).map((a) => [a.flag, a.value]));
    if (report(resolved(session, name, extra).issues)) return 1;
  }
  const { ConfigEditor } = await import('./configEditor.ts');
  const editor = new ConfigEditor(session.project.configFile);
  for (const a of assignments) editor.set(a.component, a.flag, a.value, a.literal);
  editor.save();
  return 0;
}

/** `--reset`: the named components fall back to their defaults. */
export async function resetComponents(session: Session, components: readonly Component[]): Promise<number> {
  const present = components.filter((c) => Object.keys(session.project.config[c.name] ?? {}).length > 0);
  if (present.length === 0) return 0;
  const { ConfigEditor } = await import('./configEditor.ts');
  const editor = new ConfigEditor(session.project.configFile);
  for (const c of present) editor.reset(c.name);
  editor.save();
  return 0;
}

/** `-I`: the flag names of one component. */
export async function listNames(session: Session, component: Component): Promise<number> {
  await ensureSchemas(session, [component]);
  for (const name of Object.keys(schemaOf(session, component.name).flags)) log.out(name);
  return 0;
}

/** `--list`: every flag with its current and default value, what it accepts and what it does. */
export async function listFlags(session: Session, component: Component): Promise<number> {
  await ensureSchemas(session, [component]);
  const schema = schemaOf(session, component.name);
  const { values, issues } = resolved(session, component.name);
  report(issues);
  const rows = Object.entries(schema.flags).map(([name, spec]) => {
    const current = values[name]!;
    const mark = current === spec.default ? ' ' : '*';
    return [mark + name, formatValue(current), formatValue(spec.default), describeAllowed(spec), spec.description];
  });
  if (rows.length === 0) {
    log.info(`${component.name} has no configuration flags`);
    return 0;
  }
  const head = [' flag', 'current', 'default', 'allowed', 'description'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const row of [head, ...rows]) {
    log.out(row.map((cell, i) => (i < row.length - 1 ? cell.padEnd(widths[i]!) : cell)).join('  '));
  }
  return 0;
}
