/** Public config API (`t2ts/config`): used by t2.config.ts and by plugins' flags.ts. */
export { defineConfig } from './defineConfig.ts';
export type { UserConfig, ResolvedConfig } from './defineConfig.ts';
export { defineFlags, flag, defaultValues } from './defineFlags.ts';
export type { FlagSchema, FlagSpec, FlagSpecs, FlagValue, FlagValues } from './defineFlags.ts';
