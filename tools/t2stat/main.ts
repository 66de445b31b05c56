import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { constants } from 'node:os';
import { createInterface } from 'node:readline/promises';
import { log, usageError } from '../lib/log.ts';

const TOOL = 't2stat';
/** The analyzer names its process like T2's binary, so ps and t2stat find it. */
const PROCESS_NAME = 'tranalyzer';

interface Options {
  signal: string;
  interval?: string;
  sudo: boolean;
  mode: 'send' | 'pids' | 'list' | 'interactive';
  pid?: number;
}

function parse(argv: readonly string[]): Options | string {
  const o: Options = { signal: 'USR1', sudo: false, mode: 'send' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (/^-[A-Z][A-Z0-9]*$/.test(a)) o.signal = a.slice(1);
    else if (/^\d/.test(a)) o.interval = a;
    else if (a === '--pid' && /^\d+$/.test(argv[i + 1] ?? '')) o.pid = Number(argv[++i]);
    else if (a === '-s' || a === '--sudo') o.sudo = true;
    else if (a === '-p' || a === '--pid') o.mode = 'pids';
    else if (a === '-l' || a === '--list') o.mode = 'list';
    else if (a === '-i' || a === '--interactive') o.mode = 'interactive';
    else return `Unknown option '${a}'`;
  }
  if (!(`SIG${o.signal}` in constants.signals)) return `Unknown signal '${o.signal}'`;
  if (o.interval !== undefined && o.mode === 'interactive') return 'Cannot use INTERVAL and -i/--interactive option simultaneously';
  return o;
}

/** Processes named like the analyzer, from /proc (what `ps -e` shows as CMD). */
function analyzerPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim().includes(PROCESS_NAME)) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids.sort((a, b) => a - b);
}

function describe(pid: number): string {
  const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  const elapsed = execFileSync('ps', ['-o', 'etime=', '-p', String(pid)], { encoding: 'utf8' }).trim();
  return `${pid}\t${cmdline}\t${elapsed}`;
}

function send(signal: string, pids: readonly number[], sudo: boolean): number {
  if (!sudo) {
    for (const pid of pids) process.kill(pid, `SIG${signal}` as NodeJS.Signals);
    return 0;
  }
  return spawnSync('sudo', ['kill', `-${signal}`, ...pids.map(String)], { stdio: 'inherit' }).status ?? 1;
}

/**
 * t2stat (toolchain.md §4): sends USR1 (a monitoring report) or another signal to running
 * analyzers, a given one or all it finds.
 */
export async function main(argv: string[]): Promise<number> {
  const o = parse(argv);
  if (typeof o === 'string') return usageError(TOOL, o);
  const pids = o.pid !== undefined ? [o.pid] : analyzerPids();
  if (pids.length === 0) {
    log.info('No running instance of Tranalyzer found');
    return 0;
  }
  if (o.mode === 'pids') {
    process.stdout.write(pids.map((p) => `${p} `).join('') + '\n');
    return 0;
  }
  if (o.mode === 'list') {
    for (const pid of pids) process.stdout.write(describe(pid) + '\n');
    return 0;
  }
  if (o.interval !== undefined) {
    const args = ['-n', o.interval, 'kill', `-${o.signal}`, ...pids.map(String)];
    return spawnSync(o.sudo ? 'sudo' : 'watch', o.sudo ? ['watch', ...args] : args, { stdio: 'inherit' }).status ?? 1;
  }
  if (o.mode === 'interactive') {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    const chosen: number[] = [];
    for (const pid of pids) {
      process.stdout.write(describe(pid) + '\n');
      const answer = await rl.question(`\x1b[0;34mSend -${o.signal} signal to ${pid} (y/N)? \x1b[0m`);
      if (/^y(es)?$/i.test(answer.trim())) chosen.push(pid);
    }
    rl.close();
    return send(o.signal, chosen, o.sudo);
  }
  return send(o.signal, pids, o.sudo);
}
