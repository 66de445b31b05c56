import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, Scratch, type Run } from '../toolchain/scratch.ts';

export { PCAP_DIR, GOLDEN_DIR, goldenFile, goldenFileBytes } from '../golden/corpus.ts';
export type { Run } from '../toolchain/scratch.ts';

const ANSI = /\x1b\[[0-9;]*m/g;

export function stripAnsi(s: string): string {
  return s.replace(ANSI, '');
}

/** A tab-separated file with a `%`-prefixed header line (flows, monitoring). */
export interface Table {
  readonly columns: string[];
  readonly rows: Record<string, string>[];
}

export function parseTable(text: string): Table {
  const lines = text.split('\n').filter((l) => l !== '');
  const columns = (lines.shift() ?? '').replace(/^%/, '').split('\t');
  const rows = lines.map((l) => {
    const cells = l.split('\t');
    return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']));
  });
  return { columns, rows };
}

/** One line of `_headers.txt`: `No.  Type  Name  Description`. */
export interface HeaderColumn {
  readonly no: number;
  readonly type: string;
  readonly name: string;
  readonly description: string;
}

export function parseHeaders(text: string): HeaderColumn[] {
  return text
    .split('\n')
    .filter((l) => /^\d+\t/.test(l))
    .map((l) => {
      const [no, type, name, description] = l.split('\t');
      return { no: Number(no), type: type!, name: name!, description: description ?? '' };
    });
}

/** Pieces of the repository's plugin sources whose import paths a user project writes differently. */
const REPO_IMPORTS: [RegExp, string][] = [
  [/'(\.\.\/)+core\/plugin\/api\.ts'/g, "'t2ts/plugin'"],
  [/'(\.\.\/)+core\/config\/defineFlags\.ts'/g, "'t2ts/flags'"],
];

/** A process started by the test, with its output as it comes. */
export class Running {
  stdout = '';
  stderr = '';
  readonly done: Promise<Run>;
  private waiters: (() => void)[] = [];

  constructor(readonly child: ChildProcess) {
    child.stdout!.setEncoding('latin1');
    child.stderr!.setEncoding('latin1');
    child.stdout!.on('data', (d: string) => {
      this.stdout += d;
      for (const w of this.waiters) w();
    });
    child.stderr!.on('data', (d: string) => (this.stderr += d));
    this.done = new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (status) => {
        for (const w of this.waiters) w();
        resolve({ status: status ?? -1, stdout: this.stdout, stderr: this.stderr });
      });
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Resolves with the (ANSI-free) stdout once `re` matches it; rejects after `ms` or if the process ends first. */
  waitFor(re: RegExp, ms: number): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const m = re.exec(stripAnsi(this.stdout));
        if (m) {
          clearTimeout(timer);
          this.waiters = this.waiters.filter((w) => w !== listener);
          resolve(m);
          return true;
        }
        if (this.child.exitCode !== null || this.child.signalCode !== null) {
          clearTimeout(timer);
          reject(new Error(`process ended before ${re} appeared on stdout:\n${stripAnsi(this.stdout)}\n${this.stderr}`));
          return true;
        }
        return false;
      };
      const listener = (): void => void check();
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== listener);
        reject(new Error(`${re} did not appear on stdout within ${ms} ms:\n${stripAnsi(this.stdout)}\n${this.stderr}`));
      }, ms);
      if (!check()) this.waiters.push(listener);
    });
  }
}

/**
 * A tutorial session: a scratch project (own t2.config.ts, HOME and ~/.tranalyzer/plugins) in
 * which the tutorial's command lines are run in order with our tools.
 */
export class Tutorial {
  readonly scratch = new Scratch();
  readonly dir = this.scratch.dir;
  readonly pluginFolder = this.scratch.pluginFolder;
  readonly results = join(this.dir, 'results');

  constructor() {
    mkdirSync(this.results); // mkdir ~/data ~/results
  }

  /** Runs one command line of the tutorial (words separated by spaces); it must succeed. */
  async step(line: string): Promise<Run> {
    const r = await this.attempt(line);
    if (r.status !== 0) throw new Error(`'${line}' failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
    return r;
  }

  /** Runs one command line and returns what happened, success or not. */
  attempt(line: string): Promise<Run> {
    const [tool, ...args] = line.split(/\s+/).filter(Boolean);
    if (tool === 't2stat') return this.spawn('t2stat', args).done;
    return this.scratch.run(tool as 't2', ...args);
  }

  /** Starts a tool without waiting for it (t2 that is signalled while it runs). */
  spawn(tool: 't2' | 't2stat', args: readonly string[]): Running {
    return new Running(
      spawn(process.execPath, [join(ROOT, 'bin', `${tool}.js`), ...args], {
        cwd: this.dir,
        env: { ...process.env, HOME: this.dir, NO_COLOR: '1', T2_CONFIG: '' },
        stdio: ['pipe', 'pipe', 'pipe'],
      }),
    );
  }

  /** The project's source folder of plugin `name` (what `t2plugin -c name` creates). */
  pluginSources(name: string): string {
    return join(this.dir, 'plugins', name);
  }

  /**
   * Puts the tutorial's code for a step in place: the files of `from` (a plugin source folder,
   * tests excluded) replace those of the project's plugin `name`, with the imports a project
   * outside the repository uses (`t2ts/plugin`, `t2ts/flags`).
   */
  putSources(name: string, from: string): void {
    const to = this.pluginSources(name);
    mkdirSync(to, { recursive: true });
    for (const f of readdirSync(from)) {
      if (!f.endsWith('.ts')) continue;
      let text = readFileSync(join(from, f), 'utf8');
      for (const [re, by] of REPO_IMPORTS) text = text.replace(re, by);
      // a dependency the project does not have as source is the installation's built-in plugin
      text = text.replace(/(from '|import\(')\.\.\/(\w+)\//g, (all, head: string, dep: string) =>
        existsSync(this.pluginSources(dep)) ? all : `${head}${join(ROOT, 'plugins', dep)}/`,
      );
      writeFileSync(join(to, f), text);
    }
  }

  /** The tutorial's final version of a plugin: the repository's sources. */
  putFinalSources(name: string): void {
    this.putSources(name, join(ROOT, 'plugins', name));
  }

  /** An edit the tutorial asks for ("add the lines marked by // <--"): `from` must be there. */
  edit(plugin: string, file: string, from: string | RegExp, to: string): void {
    const path = join(this.pluginSources(plugin), file);
    const text = readFileSync(path, 'utf8');
    const found = typeof from === 'string' ? text.includes(from) : from.test(text);
    if (!found) throw new Error(`${plugin}/${file}: the code the tutorial edits is not there: ${String(from)}`);
    writeFileSync(path, text.replace(from, to));
  }

  /** `ls ~/results` */
  resultFiles(): string[] {
    return readdirSync(this.results).sort();
  }

  /** `ls` in the plugin folder (`.tran`). */
  pluginFolderFiles(): string[] {
    return existsSync(this.pluginFolder) ? readdirSync(this.pluginFolder).sort() : [];
  }

  result(name: string): string {
    return readFileSync(join(this.results, name), 'latin1');
  }

  resultBytes(name: string): Buffer {
    return readFileSync(join(this.results, name));
  }

  flows(prefix: string): Table {
    return parseTable(this.result(`${prefix}_flows.txt`));
  }

  headers(prefix: string): HeaderColumn[] {
    return parseHeaders(this.result(`${prefix}_headers.txt`));
  }

  /** Puts a capture into ~/data (a link), where the tutorial's wget saves it; returns its path from the project. */
  data(capture: string, from: string): string {
    const dir = join(this.dir, 'data');
    mkdirSync(dir, { recursive: true });
    symlinkSync(join(from, capture), join(dir, capture));
    return join('data', capture);
  }

  /** Removes the scratch project. */
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Report lines of a t2 run (stdout or `_log.txt`) without colours. */
export function reportLines(text: string): string[] {
  return stripAnsi(text).split('\n');
}
