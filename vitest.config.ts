import { defineConfig } from 'vitest/config';
import { knownSchemas } from './core/config/knownSchemas.ts';
import { defaultValues } from './core/config/defineFlags.ts';
import { defineMap } from './core/config/defineMap.ts';

/** Tests import sources directly, so every build-time flag global gets its schema default. */
const flagDefines = Object.assign({}, ...Object.values(knownSchemas).map((s) => defineMap(defaultValues(s))));

export default defineConfig({
  define: flagDefines,
});
