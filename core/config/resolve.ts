import { defaultValues, type FlagSchema, type FlagSpecs, type FlagValue } from './defineFlags.ts';
import { checkValue, unknownFlag, type ConfigIssue } from './validate.ts';

export interface ResolvedComponent {
  readonly values: Record<string, FlagValue>;
  readonly issues: ConfigIssue[];
}

/** Applies a component's overrides from t2.config.ts to its defaults, checking each and the rules. */
export function resolveComponent<F extends FlagSpecs>(
  schema: FlagSchema<F>,
  overrides: Readonly<Record<string, unknown>> | undefined,
): ResolvedComponent {
  const values: Record<string, FlagValue> = { ...defaultValues(schema) };
  const issues: ConfigIssue[] = [];
  for (const [name, value] of Object.entries(overrides ?? {})) {
    if (value === undefined) continue;
    const spec = (schema.flags as FlagSpecs)[name];
    if (!spec) {
      issues.push(unknownFlag(schema, name, value));
      continue;
    }
    const issue = checkValue(schema.component, name, spec, value);
    if (issue) issues.push(issue);
    else values[name] = value as FlagValue;
  }
  if (issues.length === 0) {
    for (const rule of schema.rules) {
      const text = rule.check(values as never);
      if (!text) continue;
      const severity = rule.severity ?? 'error';
      issues.push({
        code: 'RULE',
        severity,
        component: schema.component,
        flag: rule.flags.join(', '),
        value: rule.flags.map((f) => `${f}=${values[f]}`).join(' '),
        expected: text,
        message: `${schema.component}: ${text} (${rule.flags.map((f) => `${f}=${values[f]}`).join(', ')})`,
      });
    }
  }
  return { values, issues };
}
