import type { PluginHost } from '../plugin/host.ts';
import type { Stats } from '../stats.ts';
import { MonState } from '../plugin/api.ts';
import { cFixed, countHr } from './numberFormat.ts';
import { ReportWriter } from './reportWriter.ts';
import { durationText, localDateText, pcapTimeText, secondsText, timeDiff, wallClockNow, wallClockText } from './timeFormat.ts';
import { percentCompleted, writeReportCounters } from './endReport.ts';
import { T2_VERSION_TEXT } from './startup.ts';

const MACHINE_HEADER = [
  'repType', 'sensorID', 'time', 'duration', 'memUsageKB', 'fillSzHashMap', 'numFlows', 'numAFlows', 'numBFlows',
  'numPkts', 'numAPkts', 'numBPkts', 'numL2Pkts', 'numV4Pkts', 'numV6Pkts', 'numVxPkts', 'numBytes', 'numABytes',
  'numBBytes', 'numFrgV4Pkts', 'numFrgV6Pkts', 'numAlarms', 'rawBandwidth', 'globalWarn',
];
/** MONPROTL2 EtherTypes and MONPROTL3 protocols with their names (core.md §9.2). */
const MON_L2 = [0x0806, 0x8035];
const MON_L3: readonly [number, string][] = [[6, 'TCP'], [17, 'UDP'], [1, 'ICMP'], [58, 'ICMPv6'], [132, 'SCTP']];

const BANNER = [
  '                                    @      @',
  '                                     |    |',
  '===============================vVv==(a    a)==vVv===============================',
  '=====================================\\    /=====================================',
  '======================================\\  /======================================',
  '                                       oo',
];

/** Counter values at the previous report, for differences (DIFF_REPORT). */
class Snapshot {
  sec = 0;
  ns = 0;
  maxRssKB = 0;
  flowsInMemory = 0;
  aFlows = 0;
  bFlows = 0;
  packets = 0;
  aPackets = 0;
  bPackets = 0;
  l2Packets = 0;
  v4Packets = 0;
  v6Packets = 0;
  vxPackets = 0;
  bytes = 0;
  aBytes = 0;
  bBytes = 0;
  fragV4 = 0;
  fragV6 = 0;
  alarms = 0;
  rawBytes = 0;
  readonly l2Pkts = new Float64Array(MON_L2.length);
  readonly l2Bytes = new Float64Array(MON_L2.length);
  readonly l3Pkts = new Float64Array(MON_L3.length);
  readonly l3Bytes = new Float64Array(MON_L3.length);
}

export interface MonitorContext {
  readonly stats: Stats;
  readonly host: PluginHost;
  readonly sensorId: number;
  readonly capName: string;
  /** Flow slots, for the human report's `Fill size of main hash map` line. */
  readonly flowCapacity: number;
  readonly startNs: bigint;
}

/**
 * Monitoring reports (core.md §9): the machine format (one line per report after a header line)
 * or the human USR1 report, absolute or as differences since the previous report.
 */
export class Monitor {
  private readonly ctx: MonitorContext;
  private readonly out: (text: string) => void;
  private readonly prev = new Snapshot();
  /** A report was asked for (signal, timer or pcap-time interval); printed after the packet. */
  pending = false;
  /** The file being read, for the human report: name, link-type line, snapshot length. */
  fileName = '';
  linkTypeLine = '';
  snaplen = 0;
  /** Pcap-time mode: seconds since the first packet at the last report. */
  private lastInterval = 0;
  private readonly interval: number;
  private reported = false;

  constructor(ctx: MonitorContext, out: (text: string) => void, interval: number) {
    this.ctx = ctx;
    this.out = out;
    this.interval = Math.fround(interval);
  }

  /** Writes the plugins' monitoring output of one state into a string. */
  private pluginText(state: MonState): string {
    let text = '';
    const w = new ReportWriter((s) => {
      text += s;
    });
    this.ctx.host.monitoring(w, state);
    return text;
  }

  /** MACHINE_REPORT: the header line, printed once after `Snapshot length`. */
  writeHeader(): void {
    const names = [...MACHINE_HEADER];
    for (const t of MON_L2) names.push(`0x${t.toString(16).padStart(4, '0')}Pkts`, `0x${t.toString(16).padStart(4, '0')}Bytes`);
    for (const [, n] of MON_L3) names.push(`${n}Pkts`, `${n}Bytes`);
    const plugins = this.pluginText(MonState.Header).replace(/\t$/, '');
    this.out('%' + names.join('\t') + (plugins ? '\t' + plugins : '') + '\n');
  }

  /** MONINTTMPCP: called before each packet with its time; asks for a report every interval. */
  tickPcapTime(sec: number): void {
    const s = this.ctx.stats;
    const dt = s.numPackets === 0 ? 0 : Math.fround(sec - s.firstSec);
    if (dt - this.lastInterval >= this.interval) {
      this.pending = true;
      this.lastInterval = dt;
    }
  }

  /** Prints the report asked for. */
  print(): void {
    this.pending = false;
    if (MACHINE_REPORT) this.writeMachineLine();
    else this.writeHuman();
    if (DIFF_REPORT) this.remember();
    this.reported = true;
  }

  private writeMachineLine(): void {
    const s = this.ctx.stats;
    const p = DIFF_REPORT ? this.prev : new Snapshot();
    const since = DIFF_REPORT && this.reported ? p : { sec: s.firstSec, ns: s.firstNs };
    const d = timeDiff(since.sec, since.ns, s.lastSec, s.lastNs);
    const duration = Math.fround(d.sec + d.frac / 1e9);
    const rawDelta = Math.fround(8 * (s.rawBytes - p.rawBytes));
    const bandwidth = duration === 0 ? 0 : Math.fround(rawDelta / duration);
    const rssKB = maxRssKB();
    const v = [
      DIFF_REPORT ? 'USR1MR_D' : 'USR1MR_A',
      String(this.ctx.sensorId),
      secondsText(s.lastSec >>> 0, s.lastNs),
      secondsText(d.sec, d.frac),
      String(rssKB - p.maxRssKB),
      String(s.flowsInMemory - p.flowsInMemory),
      String(s.totalAFlows + s.totalBFlows - p.aFlows - p.bFlows),
      String(s.totalAFlows - p.aFlows),
      String(s.totalBFlows - p.bFlows),
      String(s.numPackets - p.packets),
      String(s.numAPackets - p.aPackets),
      String(s.numBPackets - p.bPackets),
      String(s.numL2Packets - p.l2Packets),
      String(s.numV4Packets - p.v4Packets),
      String(s.numV6Packets - p.v6Packets),
      String(s.numVxPackets - p.vxPackets),
      String(s.bytesProcessed - p.bytes),
      String(s.numABytes - p.aBytes),
      String(s.numBBytes - p.bBytes),
      String(s.numFragV4Packets - p.fragV4),
      String(s.numFragV6Packets - p.fragV6),
      String(s.numAlarms - p.alarms),
      cFixed(bandwidth, 3),
      '0x' + (s.globalHi >>> 0).toString(16).padStart(8, '0') + (s.globalLo >>> 0).toString(16).padStart(8, '0'),
    ];
    MON_L2.forEach((t, i) => v.push(String(s.numPacketsL2[t] - p.l2Pkts[i]), String(s.numBytesL2[t] - p.l2Bytes[i])));
    MON_L3.forEach(([t], i) => v.push(String(s.numPacketsL3[t] - p.l3Pkts[i]), String(s.numBytesL3[t] - p.l3Bytes[i])));
    const plugins = this.pluginText(MonState.Values).replace(/\t$/, '');
    this.out(v.join('\t') + (plugins ? '\t' + plugins : '') + '\n');
  }

  private writeHuman(): void {
    const s = this.ctx.stats;
    const lines: string[] = [''];
    lines.push(...BANNER);
    const now = wallClockNow();
    const elapsed = process.hrtime.bigint() - this.ctx.startNs;
    const d = timeDiff(s.firstSec, s.firstNs, s.lastSec, s.lastNs);
    lines.push(`USR1 ${DIFF_REPORT ? 'D' : 'A'} type report: ${T2_VERSION_TEXT}. PID: ${process.pid}`);
    lines.push(`PCAP time: ${pcapTimeText(s.lastSec, s.lastNs)}`);
    lines.push(`PCAP duration: ${durationText(d.sec, d.frac)}`);
    lines.push(`Time: ${wallClockText(now.sec, now.usec)}`);
    lines.push(`Elapsed time: ${durationText(Number(elapsed / 1_000_000_000n), Number(elapsed % 1_000_000_000n))}`);
    lines.push(`Processing file: ${this.fileName || this.ctx.capName}`);
    if (this.linkTypeLine) lines.push(this.linkTypeLine, `Snapshot length: ${countHr(this.snaplen)}`);
    if (s.captureFileSize > 0) {
      const done = percentCompleted(s);
      lines.push(`Total bytes to process: ${countHr(s.captureFileSize)}`);
      lines.push(`Percentage completed: ${cFixed(done, 2)}%`);
      lines.push(`Total bytes processed so far: ${countHr(s.bytesProcessed)}`);
      const elapsedSec = Number(elapsed) / 1e9;
      const remaining = done > 0 ? Math.max(0, (elapsedSec * (100 - done)) / done) : 0;
      lines.push(`Remaining time: ${durationText(Math.trunc(remaining), Math.round((remaining % 1) * 1e9))}`);
      lines.push(`ETF: ${localDateText(Math.trunc(now.sec + remaining))}`);
    }
    this.out(lines.join('\n') + '\n');
    const w = new ReportWriter(this.out);
    writeReportCounters(
      w,
      {
        stats: s,
        unloadTime: { sec: 0, ns: 0 },
        flowCapacity: this.ctx.flowCapacity,
        pluginReports: (r) => this.ctx.host.monitoring(r, MonState.Report),
        memory: { maxRssBytes: maxRssKB() * 1024, totalRamBytes: 0 },
      },
      true,
    );
    this.out('='.repeat(80) + '\n\n');
  }

  /** DIFF_REPORT: the current counters become the base of the next report. */
  private remember(): void {
    const s = this.ctx.stats;
    const p = this.prev;
    p.sec = s.lastSec;
    p.ns = s.lastNs;
    p.maxRssKB = maxRssKB();
    p.flowsInMemory = s.flowsInMemory;
    p.aFlows = s.totalAFlows;
    p.bFlows = s.totalBFlows;
    p.packets = s.numPackets;
    p.aPackets = s.numAPackets;
    p.bPackets = s.numBPackets;
    p.l2Packets = s.numL2Packets;
    p.v4Packets = s.numV4Packets;
    p.v6Packets = s.numV6Packets;
    p.vxPackets = s.numVxPackets;
    p.bytes = s.bytesProcessed;
    p.aBytes = s.numABytes;
    p.bBytes = s.numBBytes;
    p.fragV4 = s.numFragV4Packets;
    p.fragV6 = s.numFragV6Packets;
    p.alarms = s.numAlarms;
    p.rawBytes = s.rawBytes;
    MON_L2.forEach((t, i) => {
      p.l2Pkts[i] = s.numPacketsL2[t];
      p.l2Bytes[i] = s.numBytesL2[t];
    });
    MON_L3.forEach(([t], i) => {
      p.l3Pkts[i] = s.numPacketsL3[t];
      p.l3Bytes[i] = s.numBytesL3[t];
    });
  }

  /**
   * QUIRK (core.md §9.2, DIFF_REPORT): the end report's `Number of L2 packets` counts only the L2
   * packets since the last monitoring report.
   */
  l2PacketsSinceLastReport(): number {
    return this.ctx.stats.numL2Packets - this.prev.l2Packets;
  }
}

function maxRssKB(): number {
  return process.resourceUsage().maxRSS;
}
