import { defineConfig } from 'vitest/config';
import { knownSchemas } from './core/config/knownSchemas.ts';
import { defaultValues } from './core/config/defineFlags.ts';
import { defineMap } from './core/config/defineMap.ts';

/** Tests import sources directly, so every build-time flag global gets its schema default. */
const flagDefines = Object.assign({}, ...Object.values(knownSchemas).map((s) => defineMap(defaultValues(s))));

export default defineConfig({
  define: flagDefines,
  test: {
    // Golden and walk-through tests run the analyzer as a process on real captures; on a loaded
    // 2-core machine one capture can take seconds. Speed is measured in bench/, not here.
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
