import { Node, Project, SyntaxKind, type ObjectLiteralExpression, type SourceFile } from 'ts-morph';
import { readFileSync, writeFileSync } from 'node:fs';
import type { FlagValue } from '../../core/config/defineFlags.ts';

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * Edits t2.config.ts through its syntax tree: ts-morph locates the component sections and flag
 * properties, and only their text ranges change, so comments and formatting elsewhere survive
 * byte for byte. The config is `export default defineConfig({ component: { FLAG: value } })`
 * (a bare object and `satisfies`/`as` wrappers are accepted too).
 */
export class ConfigEditor {
  private source: string;
  private readonly project = new Project({ skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });

  constructor(private readonly path: string) {
    this.source = readFileSync(path, 'utf8');
  }

  private parse(): SourceFile {
    return this.project.createSourceFile(this.path, this.source, { overwrite: true });
  }

  private root(file: SourceFile): ObjectLiteralExpression {
    const assignment = file.getExportAssignment((e) => !e.isExportEquals());
    if (!assignment) throw new Error(`${this.path}: no 'export default defineConfig({...})'`);
    let expr: Node = assignment.getExpression();
    for (;;) {
      if (Node.isCallExpression(expr) && expr.getArguments()[0]) expr = expr.getArguments()[0]!;
      else if (Node.isSatisfiesExpression(expr) || Node.isAsExpression(expr) || Node.isParenthesizedExpression(expr)) {
        expr = expr.getExpression();
      } else break;
    }
    if (!Node.isObjectLiteralExpression(expr)) throw new Error(`${this.path}: the default export must be an object literal`);
    return expr;
  }

  private section(root: ObjectLiteralExpression, component: string): ObjectLiteralExpression | undefined {
    const prop = root.getProperties().find((p) => Node.isPropertyAssignment(p) && unquote(p.getName()) === component);
    if (!prop || !Node.isPropertyAssignment(prop)) return undefined;
    const init = prop.getInitializer();
    if (init && Node.isObjectLiteralExpression(init)) return init;
    throw new Error(`${this.path}: '${component}' must be an object literal`);
  }

  private apply(edits: Edit[]): void {
    for (const e of edits.sort((a, b) => b.start - a.start)) {
      this.source = this.source.slice(0, e.start) + e.text + this.source.slice(e.end);
    }
  }

  /** Sets one flag; `literal` keeps the user's spelling of numbers (e.g. 0x10). */
  set(component: string, flag: string, value: FlagValue, literal?: string): void {
    const text = typeof value === 'string' ? quote(value) : (literal ?? String(value));
    const root = this.root(this.parse());
    const section = this.section(root, component);
    if (!section) {
      this.apply(this.addProperty(root, propertyName(component), (indent) => `{\n${indent}  ${flag}: ${text},\n${indent}}`));
      return;
    }
    const prop = section.getProperties().find((p) => Node.isPropertyAssignment(p) && unquote(p.getName()) === flag);
    if (prop && Node.isPropertyAssignment(prop)) {
      const init = prop.getInitializerOrThrow();
      this.apply([{ start: init.getStart(), end: init.getEnd(), text }]);
    } else {
      this.apply(this.addProperty(section, flag, () => text));
    }
  }

  /** Removes all overrides of a component: every flag falls back to its default. */
  reset(component: string): void {
    const section = this.section(this.root(this.parse()), component);
    if (section && section.getProperties().length > 0) {
      this.apply([{ start: section.getStart(), end: section.getEnd(), text: '{}' }]);
    }
  }

  /**
   * Edits that add `name: value` as the last property of `obj`, in the object's own style: on
   * the same line for one-line objects, else on a new line after the last property (and its
   * trailing comment) with the same indentation.
   */
  private addProperty(obj: ObjectLiteralExpression, name: string, value: (indent: string) => string): Edit[] {
    const src = this.source;
    const props = obj.getProperties();
    const open = obj.getStart();
    const close = obj.getEnd() - 1;
    const objIndent = lineIndent(src, open);
    if (props.length === 0) {
      const inner = objIndent + '  ';
      return [{ start: open, end: obj.getEnd(), text: `{\n${inner}${name}: ${value(inner)},\n${objIndent}}` }];
    }
    const last = props[props.length - 1]!;
    const comma = last.getNextSiblingIfKind(SyntaxKind.CommaToken);
    const afterLast = comma ? comma.getEnd() : last.getEnd();
    if (!src.slice(open, close).includes('\n')) {
      return [{ start: afterLast, end: afterLast, text: `${comma ? '' : ','} ${name}: ${value(objIndent)}` }];
    }
    const indent = lineIndent(src, last.getStart());
    const lineEnd = src.indexOf('\n', afterLast);
    const rest = src.slice(afterLast, lineEnd);
    const insertAt = /^\s*(\/\/.*|\/\*.*\*\/\s*)?$/.test(rest) && lineEnd < close ? lineEnd : afterLast;
    const edits: Edit[] = [{ start: insertAt, end: insertAt, text: `\n${indent}${name}: ${value(indent)}${comma ? ',' : ''}` }];
    if (!comma) edits.push({ start: last.getEnd(), end: last.getEnd(), text: ',' });
    return edits;
  }

  text(): string {
    return this.source;
  }

  save(): void {
    writeFileSync(this.path, this.source);
  }
}

function lineIndent(src: string, pos: number): string {
  const lineStart = src.lastIndexOf('\n', pos - 1) + 1;
  return /^[ \t]*/.exec(src.slice(lineStart, pos))![0];
}

function unquote(name: string): string {
  return /^(['"]).*\1$/.test(name) ? name.slice(1, -1) : name;
}

function propertyName(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`;
}

function quote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\t/g, '\\t')}'`;
}
