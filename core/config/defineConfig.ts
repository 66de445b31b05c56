import type { FlagValue, FlagValues, FlagSchema, FlagSpecs } from './defineFlags.ts';
import type { knownSchemas } from './knownSchemas.ts';

type KnownSchemas = typeof knownSchemas;

type Overrides<S> = S extends FlagSchema<infer F extends FlagSpecs> ? Partial<FlagValues<F>> : never;

/**
 * What a user writes in t2.config.ts: per component, only the flags that differ from the
 * schema's default. Plugins unknown to this installation (e.g. created in a scratch folder) are
 * typed loosely and validated at load time against their own flags.ts.
 */
export type UserConfig = { [K in keyof KnownSchemas]?: Overrides<KnownSchemas[K]> } & {
  [component: string]: Readonly<Record<string, FlagValue | undefined>> | undefined;
};

/** Every component's complete flag values after defaults were applied and validated. */
export type ResolvedConfig = Record<string, Record<string, FlagValue>>;

export function defineConfig<const C extends UserConfig>(config: C): C {
  return config;
}
