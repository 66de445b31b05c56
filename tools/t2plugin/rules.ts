import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { listPlugins } from '../lib/components.ts';

export type Template = 'minimal' | 'sink' | 'full';

/** T2's rules for plugin names and numbers; each refusal is the text T2 prints. */
export const NAME_RE = /^[a-z][A-Za-z0-9_]*$/;
export const FIRST_SINK_NUMBER = 900;

export interface Refusal {
  readonly error: string;
  readonly info?: string;
}

export function checkName(name: string | undefined): Refusal | undefined {
  if (!name) return { error: 'Plugin name cannot be empty' };
  if (!NAME_RE.test(name)) {
    return {
      error: `Invalid plugin name '${name}'`,
      info: 'Plugin names must start with lowercase and only contain chars in [A-Za-z0-9_]',
    };
  }
  if (name.length >= 32) return { error: `Invalid plugin name '${name}'`, info: 'Plugin names are limited to 31 characters' };
  return undefined;
}

/** Numbers in use by the plugin sources this project sees, read from their definePlugin call. */
export function usedNumbers(projectDir: string): Map<number, string> {
  const used = new Map<number, string>();
  for (const p of listPlugins(projectDir)) {
    const m = /\bnumber:\s*(\d+)/.exec(readFileSync(p.entry, 'utf8'));
    if (m && !used.has(Number(m[1]))) used.set(Number(m[1]), p.name);
  }
  return used;
}

export function checkNumber(text: string, template: Template, used: ReadonlyMap<number, string>): Refusal | number {
  if (!/^\d+$/.test(text)) return { error: `Invalid argument for option '-n': expected number; found '${text}'` };
  const n = Number(text);
  // T2 accepts any digits and then never loads e.g. 7_name.so; refusing is kinder.
  if (n > 999) return { error: `Invalid plugin number '${text}'`, info: 'Plugin numbers have at most three digits (000-999)' };
  const owner = used.get(n);
  if (owner) return { error: `Plugin number ${n} already used by '${owner}' plugin` };
  if (template === 'sink' && n < FIRST_SINK_NUMBER) return { error: 'Sink plugins must have a plugin number bigger than 900' };
  return n;
}

/** T2's random choice: three digits (`9` and two random ones for sinks), redrawn while used. */
export function randomNumber(template: Template, used: ReadonlyMap<number, string>): number | undefined {
  const [lo, hi] = template === 'sink' ? [FIRST_SINK_NUMBER, 999] : [100, 899];
  const free = [];
  for (let n = lo; n <= hi; n++) if (!used.has(n)) free.push(n);
  return free.length ? free[Math.floor(Math.random() * free.length)] : undefined;
}

export function folderIsEmpty(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0;
}
