import type { FlagSchema, FlagValue } from '../../core/config/defineFlags.ts';
import { resolveComponent } from '../../core/config/resolve.ts';
import { unknownComponent, type ConfigIssue } from '../../core/config/validate.ts';
import { CORE_NAME, listConfigurable, loadSchemas, type Component } from './components.ts';
import { loadProject, type Project } from './project.ts';

/** A project with its components and the flag schemas the current command needs. */
export interface Session {
  readonly project: Project;
  readonly components: ReadonlyMap<string, Component>;
  readonly schemas: Map<string, FlagSchema>;
}

export async function openSession(options: { config?: string }): Promise<Session> {
  const project = await loadProject(options);
  const components = new Map(listConfigurable(project.dir).map((c) => [c.name, c]));
  return { project, components, schemas: new Map() };
}

/** Finds named components; unknown names come back as issues with the nearest known name. */
export function pickComponents(session: Session, names: readonly string[]): { picked: Component[]; issues: ConfigIssue[] } {
  const picked: Component[] = [];
  const issues: ConfigIssue[] = [];
  for (const raw of names) {
    const name = raw.replace(/\/$/, '');
    const component = session.components.get(name);
    if (component) picked.push(component);
    else issues.push(unknownComponent(name, [...session.components.keys()]));
  }
  return { picked, issues };
}

/** Loads the schemas of these components (and the core's) that are not loaded yet. */
export async function ensureSchemas(session: Session, components: readonly Component[]): Promise<void> {
  const core = session.components.get(CORE_NAME)!;
  const missing = [core, ...components].filter((c, i, all) => !session.schemas.has(c.name) && all.indexOf(c) === i);
  for (const [name, schema] of await loadSchemas(missing)) session.schemas.set(name, schema);
}

/** Flag values of a component: its defaults with the project's overrides applied. */
export function resolved(
  session: Session,
  component: string,
  extra: Readonly<Record<string, FlagValue>> = {},
): { values: Record<string, FlagValue>; issues: ConfigIssue[] } {
  const schema = session.schemas.get(component);
  if (!schema) return { values: {}, issues: [] };
  const overrides = { ...(session.project.config[component] ?? {}), ...extra };
  return resolveComponent(schema, overrides);
}
