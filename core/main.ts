import { closeSync, openSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { Analyzer, FatalPluginError } from './analyzer/analyzer.ts';
import { CaptureOpenError } from './capture/errors.ts';
import { UsageError, checkInput, parseArgs, parseSplit, type T2Args } from './cli/args.ts';
import { outputPrefix } from './cli/outputPrefix.ts';
import { USAGE } from './cli/usage.ts';
import { formatHeaderPreamble, hardwareInfo } from './output/headerFile.ts';
import type { PluginDefinition, SplitOptions } from './plugin/api.ts';
import { loadPlugins } from './plugin/loader.ts';
import { currentMemoryUsage, writeEndReport } from './report/endReport.ts';
import { ReportWriter, tagged } from './report/reportWriter.ts';
import { elapsedSince, writeActivePlugins, writeBanner, writeDateLine, writeDumpEnd } from './report/startup.ts';
import { wallClockNow } from './report/timeFormat.ts';
import { CaptureRun } from './analyzer/runCapture.ts';
import { prepareInput, readInput, type Input } from './analyzer/input.ts';
import { RunControl } from './analyzer/runControl.ts';
import { openMonitorStream } from './cli/monitorStream.ts';
import { Monitor } from './report/monitoring.ts';

const VERSION_LINE = 'Tranalyzer 0.9.3 (Anteater) [Cobra]\n';
const TRY_HELP = "Try 'tranalyzer -h' for more information.\n";
/** Fingerprint of this core's flag values; plugins must carry the same (see loader). */
export const CORE_CONFIG_HASH = typeof T2_CORE_CONFIG_HASH === 'undefined' ? 'source' : T2_CORE_CONFIG_HASH;

/** Set when a reader of our stdout went away: T2 would die of SIGPIPE; we stop writing there. */
let stdoutClosed = false;

function out(fd: number, text: string): void {
  if (fd === 1 && stdoutClosed) return;
  try {
    writeSync(fd, text);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPIPE') throw e;
    if (fd === 1) stdoutClosed = true;
  }
}

function errorLine(text: string): void {
  out(2, tagged('ERR', text) + '\n');
}

/** Options this implementation does not offer yet: refused clearly instead of ignored. */
function unsupported(a: T2Args): string | undefined {
  if (a.iface !== undefined) return "Option '-i': live capture is not supported by this version";
  if (a.sequence !== undefined) return "Option '-D': file sequences are not supported by this version";
  if (a.packetMode) return "Option '-s': packet mode is not supported by this version";
  if (a.bpf || a.bpfFile) return 'BPF filters are not supported by this version';
  return undefined;
}

function defaultPluginDir(): string {
  return isAbsolute(PLUGIN_FOLDER) ? PLUGIN_FOLDER : join(homedir(), PLUGIN_FOLDER);
}

function coreConfigText(): string {
  return 'L2, IPv4, IPv6' + (ALARM_MODE ? ' [ALARM]' : '') + (FORCE_MODE ? ' [FORCE]' : '');
}

/** The `tranalyzer` program: returns the exit status. */
export async function main(argv: readonly string[]): Promise<number> {
  const startNs = process.hrtime.bigint();
  // ps and t2stat find the analyzer by T2's process name.
  process.title = 'tranalyzer';
  if (argv.length === 0) {
    out(1, USAGE);
    return 1;
  }
  let args: T2Args;
  try {
    args = parseArgs(argv);
    if (args.version) {
      out(1, VERSION_LINE);
      return 0;
    }
    if (args.help) {
      out(1, USAGE);
      return 0;
    }
    checkInput(args);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    errorLine(e.message);
    if (e.tryHelp) out(1, TRY_HELP);
    return 1;
  }
  const refused = unsupported(args);
  if (refused) {
    errorLine(refused);
    return 1;
  }

  const pluginDir = args.pluginDir ?? defaultPluginDir();
  const loaded = await loadPlugins(pluginDir, args.pluginList, CORE_CONFIG_HASH);
  for (const e of loaded.errors) errorLine(e);
  if (loaded.fatal) {
    errorLine(loaded.fatal);
    return 1;
  }

  const capName = (args.readFile ?? args.listFile)!;
  const fromStdin = args.readFile === '-';
  const split = args.splitPrefix === undefined ? undefined : parseSplit(args.splitPrefix);
  if (args.writePrefix === '-') {
    args.logToFile = true;
    args.monToFile = true;
  }
  let prefix: string;
  try {
    prefix = outputPrefix(capName, split ? split.prefix : args.writePrefix, fromStdin);
  } catch (e) {
    errorLine((e as Error).message);
    return 1;
  }

  let reportFd = 1;
  if (args.logToFile) {
    try {
      reportFd = openSync(prefix + LOG_SUFFIX, 'w');
    } catch (e) {
      errorLine(`Failed to open file '${prefix + LOG_SUFFIX}' for writing: ${(e as Error).message}`);
      return 1;
    }
  }
  const report = new ReportWriter((s) => out(reportFd, s));
  try {
    return await analyze({ args, capName, prefix, split, report, plugins: loaded.plugins, startNs, argv });
  } finally {
    if (reportFd !== 1) closeSync(reportFd);
  }
}

interface Run {
  args: T2Args;
  capName: string;
  prefix: string;
  split: SplitOptions | undefined;
  report: ReportWriter;
  plugins: readonly PluginDefinition[];
  startNs: bigint;
  argv: readonly string[];
}

async function analyze(run: Run): Promise<number> {
  const { args, capName, prefix, report, plugins, startNs, argv } = run;
  const now = wallClockNow();
  const banner = { pid: process.pid, priority: args.priority, sensorId: args.sensorId, cpu: args.cpu };
  writeBanner(report, banner);
  writeDateLine(report, now);
  report.inf(`Creating flows for ${coreConfigText()}`);

  let input: Input;
  try {
    input = prepareInput(args, report, errorLine);
  } catch (e) {
    if (!(e instanceof CaptureOpenError)) throw e;
    errorLine(e.message);
    return 1;
  }
  if (plugins.length === 0) report.wrn(`No valid plugins found in folder '${args.pluginDir ?? defaultPluginDir()}'`);
  writeActivePlugins(report, plugins);

  const capacity = Math.ceil(HASHCHAINTABLE_BASE_SIZE * HASHFACTOR * args.hashFactor);
  let suggestedFactor = 0;
  const analyzer = new Analyzer({
    capacity,
    flowTimeout: FLOW_TIMEOUT,
    alarmMode: ALARM_MODE === 1,
    alarmAnd: ALARM_AND === 1,
    forceMode: FORCE_MODE === 1,
    outputPrefix: prefix,
    snaplen: input.first.snaplen,
    inputSize: input.totalSize,
    sensorId: args.sensorId,
    flowsToStdout: args.writePrefix === '-',
    split: run.split,
    flowIndexFile: args.flowIndexFile,
    report,
    plugins,
    headerPreamble: () =>
      formatHeaderPreamble({
        date: now,
        coreConfig: coreConfigText(),
        sensorId: args.sensorId,
        pid: process.pid,
        priority: args.priority,
        commandLine: ['t2', ...argv],
        hwInfo: hardwareInfo(),
        swInfo: `t2ts 0.9.3 on Node.js ${process.version}`,
        plugins,
      }),
    error: errorLine,
    autopilotWarning: () => {
      const s = analyzer.stats;
      const ratio = Math.floor(s.captureFileSize / (24 + s.bytesProcessed + 16 * s.numPackets));
      suggestedFactor = args.hashFactor * Math.min(Math.max(ratio, 2), 16);
      report.wrn('Hash Autopilot: main HashMap full: flushing 1 oldest flow(s)');
      report.inf(`Hash Autopilot: Fix: Invoke Tranalyzer with '-f ${suggestedFactor}'`);
    },
  });
  const stats = analyzer.stats;
  stats.captureFileSize = input.totalSize;
  stats.numFiles = input.files.length;

  const monStream = openMonitorStream(args.monToFile, prefix, (t) => out(1, t));
  const interval = MONINTTMPCP ? MONINTV : (args.monInterval ?? MONINTV);
  const monitor = new Monitor({ stats, host: analyzer.host, sensorId: args.sensorId, capName, flowCapacity: capacity, startNs }, monStream.write, interval);
  const control = new RunControl(report, monitor, interval);
  control.install();
  try {
    analyzer.initPlugins();
    const failure = await readInput(input, capName, new CaptureRun(analyzer, report, monitor, control), report, monitor, errorLine);
    if (failure !== undefined) {
      errorLine(failure);
      analyzer.host.finalize();
      return 1;
    }
    writeDumpEnd(report, stats, elapsedSince(startNs));
    if (DIFF_REPORT) stats.numL2Packets = monitor.l2PacketsSinceLastReport();
    if (!control.skipFlush) analyzer.flushAll();
    writeEndReport(report, {
      stats,
      unloadTime: elapsedSince(startNs),
      flowCapacity: capacity,
      pluginReports: (r) => analyzer.host.report(r),
      memory: currentMemoryUsage(),
    });
    analyzer.host.finalize();
    return 0;
  } catch (e) {
    if (!(e instanceof FatalPluginError)) throw e;
    errorLine(e.message);
    analyzer.host.finalize();
    return 1;
  } finally {
    control.uninstall();
    monStream.close();
  }
}
