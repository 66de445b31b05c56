import type { FlagValue } from './defineFlags.ts';

/** esbuild/vitest `define` entries: each flag becomes a literal so minifySyntax can fold it. */
export function defineMap(values: Readonly<Record<string, FlagValue>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) out[name] = JSON.stringify(value);
  return out;
}
