/**
 * One typed schema per component (the core `tranalyzer2` and each plugin) declares its
 * build-time flags once; config types, validation, the esbuild define map, t2conf prompts and
 * listings are all derived from it.
 */

export type FlagValue = number | string;

interface FlagBase<V extends FlagValue> {
  readonly default: V;
  readonly description: string;
}

/** T2 booleans are 0/1 macros; kept numeric so core and plugin code read like the C. */
export interface BoolFlag extends FlagBase<0 | 1> {
  readonly kind: 'bool';
}

export interface IntFlag extends FlagBase<number> {
  readonly kind: 'int';
  readonly min?: number;
  readonly max?: number;
}

export interface FloatFlag extends FlagBase<number> {
  readonly kind: 'float';
  readonly min?: number;
  readonly max?: number;
}

export interface EnumFlag<V extends FlagValue = FlagValue> extends FlagBase<V> {
  readonly kind: 'enum';
  readonly values: readonly V[];
  /** Meaning of each value, for listings and prompts. */
  readonly labels?: readonly string[];
}

export interface StringFlag extends FlagBase<string> {
  readonly kind: 'string';
}

export type FlagSpec = BoolFlag | IntFlag | FloatFlag | EnumFlag | StringFlag;

export type FlagSpecs = Readonly<Record<string, FlagSpec>>;

/** Value type of one flag as seen by code and by the config file. */
export type ValueOf<S extends FlagSpec> = S extends BoolFlag
  ? 0 | 1
  : S extends EnumFlag<infer V>
    ? V
    : S extends StringFlag
      ? string
      : number;

export type FlagValues<F extends FlagSpecs> = { -readonly [K in keyof F]: ValueOf<F[K]> };

/**
 * A constraint between flags of one component; `check` returns a text when violated. Warnings
 * are printed but accepted, so that flags can be changed one at a time.
 */
export interface FlagRule<F extends FlagSpecs> {
  readonly flags: readonly (keyof F & string)[];
  readonly severity?: 'error' | 'warning';
  readonly check: (values: FlagValues<F>) => string | undefined;
}

export interface FlagSchema<F extends FlagSpecs = FlagSpecs> {
  /** Component name: `tranalyzer2` or the plugin's name. */
  readonly component: string;
  readonly flags: F;
  readonly rules: readonly FlagRule<F>[];
}

export function defineFlags<const F extends FlagSpecs>(
  component: string,
  flags: F,
  rules: readonly FlagRule<F>[] = [],
): FlagSchema<F> {
  return { component, flags, rules };
}

/** Builders that keep schema declarations one line per flag. */
export const flag = {
  bool: (def: 0 | 1, description: string): BoolFlag => ({ kind: 'bool', default: def, description }),
  int: (def: number, description: string, range: { min?: number; max?: number } = {}): IntFlag => ({
    kind: 'int',
    default: def,
    description,
    ...range,
  }),
  float: (def: number, description: string, range: { min?: number; max?: number } = {}): FloatFlag => ({
    kind: 'float',
    default: def,
    description,
    ...range,
  }),
  enum: <const V extends FlagValue>(
    def: NoInfer<V>,
    values: readonly V[],
    description: string,
    labels?: readonly string[],
  ): EnumFlag<V> => ({ kind: 'enum', default: def, values, description, ...(labels ? { labels } : {}) }),
  string: (def: string, description: string): StringFlag => ({ kind: 'string', default: def, description }),
};

export function defaultValues<F extends FlagSpecs>(schema: FlagSchema<F>): FlagValues<F> {
  const out: Record<string, FlagValue> = {};
  for (const [name, spec] of Object.entries(schema.flags)) out[name] = spec.default;
  return out as FlagValues<F>;
}
