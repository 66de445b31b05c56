import type { FlagSchema, FlagSpec, FlagSpecs, FlagValue } from './defineFlags.ts';
import { nearest } from './suggest.ts';

export type IssueCode = 'UNKNOWN_COMPONENT' | 'UNKNOWN_FLAG' | 'WRONG_KIND' | 'OUT_OF_RANGE' | 'NOT_ALLOWED' | 'RULE';

/** A refused (or, for warnings, suspicious) flag value, with what to do about it. */
export interface ConfigIssue {
  readonly code: IssueCode;
  readonly severity: 'error' | 'warning';
  readonly component: string;
  readonly flag?: string;
  readonly value?: unknown;
  /** What is allowed, in words. */
  readonly expected: string;
  readonly suggestion?: string;
  readonly message: string;
}

/** What a flag accepts, in words (also used by t2conf listings and prompts). */
export function describeAllowed(spec: FlagSpec): string {
  switch (spec.kind) {
    case 'bool':
      return '0 or 1';
    case 'enum':
      return 'one of ' + spec.values.map((v, i) => (spec.labels?.[i] ? `${v} (${spec.labels[i]})` : String(v))).join(', ');
    case 'string':
      return 'a string';
    case 'int':
    case 'float': {
      const what = spec.kind === 'int' ? 'an integer' : 'a number';
      if (spec.min !== undefined && spec.max !== undefined) return `${what} from ${spec.min} to ${spec.max}`;
      if (spec.min !== undefined) return `${what} >= ${spec.min}`;
      if (spec.max !== undefined) return `${what} <= ${spec.max}`;
      return what;
    }
  }
}

function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}

function valueIssue(
  code: IssueCode,
  component: string,
  flag: string,
  spec: FlagSpec,
  value: unknown,
  suggestion?: FlagValue,
): ConfigIssue {
  const expected = describeAllowed(spec);
  const hint = suggestion === undefined ? '' : `; did you mean ${show(suggestion)}?`;
  return {
    code,
    severity: 'error',
    component,
    flag,
    value,
    expected,
    ...(suggestion === undefined ? {} : { suggestion: String(suggestion) }),
    message: `${component}: invalid value ${show(value)} for ${flag}: expected ${expected}${hint}`,
  };
}

/** Checks a value (already typed, e.g. from t2.config.ts) against its flag. */
export function checkValue(component: string, flag: string, spec: FlagSpec, value: unknown): ConfigIssue | undefined {
  switch (spec.kind) {
    case 'string':
      return typeof value === 'string' ? undefined : valueIssue('WRONG_KIND', component, flag, spec, value);
    case 'bool':
      if (value === 0 || value === 1) return undefined;
      return valueIssue(typeof value === 'number' ? 'NOT_ALLOWED' : 'WRONG_KIND', component, flag, spec, value, value ? 1 : 0);
    case 'enum': {
      if (spec.values.includes(value as FlagValue)) return undefined;
      const close = typeof value === 'string' ? nearest(value, spec.values.map(String)) : undefined;
      return valueIssue('NOT_ALLOWED', component, flag, spec, value, close);
    }
    case 'int':
    case 'float': {
      if (typeof value !== 'number' || Number.isNaN(value)) return valueIssue('WRONG_KIND', component, flag, spec, value);
      if (spec.kind === 'int' && !Number.isInteger(value)) {
        return valueIssue('WRONG_KIND', component, flag, spec, value, Math.round(value));
      }
      if (spec.min !== undefined && value < spec.min) return valueIssue('OUT_OF_RANGE', component, flag, spec, value, spec.min);
      if (spec.max !== undefined && value > spec.max) return valueIssue('OUT_OF_RANGE', component, flag, spec, value, spec.max);
      return undefined;
    }
  }
}

const NUMBER = /^[+-]?(0x[0-9a-f]+|0b[01]+|0o[0-7]+|(\d+\.?\d*|\.\d+)(e[+-]?\d+)?)$/i;

/**
 * Converts command-line text (`-D NAME=VALUE`) to the flag's kind. T2's conventions are kept:
 * yes/no and true/false for booleans, hex numbers, optional quotes around strings.
 */
export function parseValue(spec: FlagSpec, text: string): FlagValue | { invalid: string } {
  const t = text.trim();
  if (spec.kind === 'string') return /^(["']).*\1$/s.test(t) ? t.slice(1, -1) : text;
  const word = t.toLowerCase();
  if (word === 'yes' || word === 'true') return 1;
  if (word === 'no' || word === 'false') return 0;
  if (spec.kind === 'enum' && spec.values.includes(t)) return t;
  if (!NUMBER.test(t)) return { invalid: t };
  const n = t.startsWith('-') ? -Number(t.slice(1)) : Number(t.replace(/^\+/, ''));
  return Number.isNaN(n) ? { invalid: t } : n;
}

/** Unknown flag of a component, with the nearest existing name. */
export function unknownFlag<F extends FlagSpecs>(
  schema: FlagSchema<F>,
  flag: string,
  value?: unknown,
  alsoAccepted: readonly string[] = [],
): ConfigIssue {
  const suggestion = nearest(flag, [...Object.keys(schema.flags), ...alsoAccepted]);
  const shown = value === undefined ? '' : ` (value ${show(value)})`;
  const hint = suggestion ? `; did you mean '${suggestion}'?` : '';
  const known = Object.keys(schema.flags).length;
  const expected = known ? `one of the ${known} flags of ${schema.component} (t2conf ${schema.component} -I)` : `nothing: ${schema.component} has no flags`;
  return {
    code: 'UNKNOWN_FLAG',
    severity: 'error',
    component: schema.component,
    flag,
    value,
    expected,
    ...(suggestion ? { suggestion } : {}),
    message: `${schema.component}: unknown flag '${flag}'${shown}: expected ${expected}${hint}`,
  };
}

export function unknownComponent(name: string, known: readonly string[]): ConfigIssue {
  const suggestion = nearest(name, known);
  const hint = suggestion ? `; did you mean '${suggestion}'?` : '';
  return {
    code: 'UNKNOWN_COMPONENT',
    severity: 'error',
    component: name,
    expected: 'tranalyzer2 or a plugin with a flags.ts',
    ...(suggestion ? { suggestion } : {}),
    message: `unknown plugin '${name}'${hint}`,
  };
}
