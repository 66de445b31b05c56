/** T2's command line (core.md §1.1), parsed getopt-style. */
export interface T2Args {
  readFile?: string;
  listFile?: string;
  iface?: string;
  sequence?: string;
  writePrefix?: string;
  splitPrefix?: string;
  logToFile: boolean;
  monToFile: boolean;
  packetMode: boolean;
  pluginDir?: string;
  pluginList?: string;
  flowIndexFile?: string;
  hashFactor: number;
  sensorId: number;
  cpu?: number;
  priority: number;
  monInterval?: number;
  bpfFile?: string;
  version: boolean;
  help: boolean;
  /** Everything after the options, joined with spaces: a BPF expression. */
  bpf: string;
}

export class UsageError extends Error {
  /** Also print `Try 'tranalyzer -h' for more information.` on stdout. */
  readonly tryHelp: boolean;
  constructor(message: string, tryHelp = true) {
    super(message);
    this.tryHelp = tryHelp;
  }
}

const WITH_ARG = new Set('rRDiwWpbefxcPMFSB'.split(''));
const FLAGS = new Set('lmsVh'.split(''));

export function parseArgs(argv: readonly string[]): T2Args {
  const a: T2Args = { logToFile: false, monToFile: false, packetMode: false, hashFactor: 1, sensorId: 666, priority: 0, version: false, help: false, bpf: '' };
  const rest: string[] = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      i++;
      break;
    }
    if (arg.length < 2 || arg[0] !== '-') {
      rest.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const opt = arg[j];
      if (FLAGS.has(opt)) {
        setFlag(a, opt);
        continue;
      }
      if (!WITH_ARG.has(opt)) throw new UsageError(`Unknown option '-${opt}'`);
      let value: string;
      if (j + 1 < arg.length) value = arg.slice(j + 1);
      else if (i + 1 < argv.length) value = argv[++i];
      else throw new UsageError(`Option '-${opt}' requires an argument`);
      setOption(a, opt, value);
      break;
    }
  }
  rest.push(...argv.slice(i));
  a.bpf = rest.join(' ');
  return a;
}

function setFlag(a: T2Args, opt: string): void {
  if (opt === 'l') a.logToFile = true;
  else if (opt === 'm') a.monToFile = true;
  else if (opt === 's') a.packetMode = true;
  else if (opt === 'V') a.version = true;
  else a.help = true;
}

function setOption(a: T2Args, opt: string, v: string): void {
  switch (opt) {
    case 'r': a.readFile = v; break;
    case 'R': a.listFile = v; break;
    case 'D': a.sequence = v; break;
    case 'i': a.iface = v; break;
    case 'w': a.writePrefix = v; break;
    case 'W': a.splitPrefix = v; break;
    case 'p': a.pluginDir = v.endsWith('/') ? v : v + '/'; break;
    case 'b': a.pluginList = v; break;
    case 'e': a.flowIndexFile = v; break;
    case 'f': {
      const n = Number.parseInt(v, 10);
      if (!(n > 0)) throw new UsageError("Option '-f': Hash factor must be greater than 0", false);
      a.hashFactor = n;
      break;
    }
    case 'x': a.sensorId = Number.parseInt(v, 10) >>> 0; break;
    case 'c': a.cpu = Number.parseInt(v, 10); break;
    case 'P': a.priority = Number.parseInt(v, 10); break;
    case 'M': a.monInterval = Number.parseFloat(v); break;
    case 'F': a.bpfFile = v; break;
    default: break;
  }
}

/** `-W PREFIX[:SIZE][,START]` (core.md §1.1): SIZE in bytes, K/M/G = ×1e3/1e6/1e9, `f` = flows. */
export function parseSplit(value: string): { prefix: string; size: number; byFlows: boolean; start: number } {
  const m = /^(.*?)(?::([0-9.]+)([KMG]?)(f?))?(?:,(\d+))?$/.exec(value)!;
  const scale = { '': 1, K: 1e3, M: 1e6, G: 1e9 }[m[3] ?? ''] ?? 1;
  const size = m[2] === undefined ? 5e8 : Math.floor(Number(m[2]) * scale);
  return { prefix: m[1], size, byFlows: m[4] === 'f', start: m[5] === undefined ? 0 : Number(m[5]) };
}

/** The input option checks T2 makes after parsing. */
export function checkInput(a: T2Args): void {
  const inputs = [a.readFile, a.listFile, a.sequence, a.iface].filter((x) => x !== undefined).length;
  if (inputs === 0) throw new UsageError("One of '-r', '-R', '-D' or '-i' option is required");
  if (inputs > 1) throw new UsageError("'-r', '-R', '-D' and '-i' options can only be used exclusively");
}
