import Handlebars from 'handlebars';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { T2TS_ROOT } from '../lib/paths.ts';
import type { Template } from './rules.ts';

export const TEMPLATES_DIR = join(T2TS_ROOT, 'templates', 'plugin');

export interface TemplateData {
  readonly name: string;
  /** Upper-case name for flag and constant prefixes (T2: `T2PSKEL` → `TCPWIN`). */
  readonly NAME: string;
  /** Name with a capital first letter, for identifiers like `numTcpWinPkts`. */
  readonly Name: string;
  readonly number: number;
  /** Output file suffix of the sink example. */
  readonly suffix: string;
}

export function templateData(name: string, number: number): TemplateData {
  return {
    name,
    NAME: name.toUpperCase(),
    Name: name[0]!.toUpperCase() + name.slice(1),
    number,
    suffix: `_${name}.txt`,
  };
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** Renders a template into an in-memory change set: target path → content. Nothing is written. */
export function render(template: Template, targetDir: string, data: TemplateData): Map<string, string> {
  const dir = join(TEMPLATES_DIR, template);
  const changes = new Map<string, string>();
  for (const file of files(dir).sort()) {
    const target = join(targetDir, relative(dir, file).replace(/\.hbs$/, '').replaceAll('__name__', data.name));
    const compiled = Handlebars.compile(readFileSync(file, 'utf8'), { noEscape: true, strict: true });
    changes.set(target, compiled(data));
  }
  return changes;
}
