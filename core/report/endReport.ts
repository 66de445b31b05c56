/** T2's end report from `Finished unloading flow memory` to the flowStat decode (core.md §8.2). */
import { totalmem } from 'node:os';
import type { Stats } from '../stats.ts';
import { writeFlowStatDecode } from './flowStatDecode.ts';
import { cFixed, countHr, fixed2Hr, percent, speedHr } from './numberFormat.ts';
import type { ReportWriter } from './reportWriter.ts';
import type { Elapsed } from './startup.ts';
import { durationText, timeDiff } from './timeFormat.ts';

export const RULE_DASH = '-'.repeat(80);
export const RULE_TILDE = '~'.repeat(80);

const ETH_ARP = 0x0806;
const ETH_RARP = 0x8035;
const IP_ICMP = 1;
const IP_IGMP = 2;
const IP_TCP = 6;
const IP_UDP = 17;
const IP_ICMP6 = 58;
const IP_SCTP = 132;

/** Bits of the aggregate's upper word / lower word that some lines depend on. */
const HI_L2SNAPLENGTH = 0x1;
const HI_L3SNAPLENGTH = 0x2;
const LO_L2_VLAN = 0x100;
const LO_L2_MPLS = 0x600;
const LO_L4_SCTP = 0x01000000;

export interface MemoryUsage {
  /** Peak resident set size. */
  readonly maxRssBytes: number;
  readonly totalRamBytes: number;
}

/** The process's peak RSS and the machine's RAM (the line is not reproducible anyway). */
export function currentMemoryUsage(): MemoryUsage {
  return { maxRssBytes: process.resourceUsage().maxRSS * 1024, totalRamBytes: totalmem() };
}

export interface EndReportInput {
  /** Final counters: packets/bytes, per-protocol arrays, flows, header counts, times, aggregate. */
  readonly stats: Stats;
  /** Wall-clock time from start until every flow was written. */
  readonly unloadTime: Elapsed;
  /** Flow slots (262144 × hash factor): base of `Max number of flows in memory` percentage. */
  readonly flowCapacity: number;
  /** Prints each plugin's end-report lines in plugin order (between the dashed rules). */
  readonly pluginReports: (r: ReportWriter) => void;
  readonly memory: MemoryUsage;
}

/**
 * `Percentage completed`, a float computation in T2:
 * f32(100 · f32(24·files + processed bytes + 16·packets)) / file size.
 */
export function percentCompleted(stats: Stats): number {
  const done = Math.fround(24 * stats.numFiles + stats.bytesProcessed + 16 * stats.numPackets);
  return Math.fround(100 * done) / stats.captureFileSize;
}

/** Pcap duration in seconds: last − first packet time. */
function dumpSeconds(stats: Stats): number {
  const d = timeDiff(stats.firstSec, stats.firstNs, stats.lastSec, stats.lastNs);
  return d.sec + d.frac / 1e9;
}

/** Printed after all flows were written: everything from `Finished unloading flow memory` on. */
export function writeEndReport(r: ReportWriter, input: EndReportInput): void {
  const s = input.stats;
  r.line(`Finished unloading flow memory. Time: ${durationText(input.unloadTime.sec, input.unloadTime.ns)}`);
  if (s.captureFileSize > 0) r.line(`Percentage completed: ${cFixed(percentCompleted(s), 2)}%`);
  writeReportCounters(r, input, false);
}

/**
 * The counter part shared with human-readable monitoring reports (core.md §9.3), which leave out
 * `Number of pcap bytes`.
 */
export function writeReportCounters(r: ReportWriter, input: EndReportInput, monitoring: boolean): void {
  const s = input.stats;
  const num = (label: string, n: number): void => {
    if (n > 0) r.line(`${label}: ${countHr(n)}`);
  };
  const numP = (label: string, n: number, total: number): void => {
    if (n > 0) r.line(`${label}: ${countHr(n)} ${percent(n, total)}`);
  };

  num('Number of processed packets', s.numPackets);
  num('Number of processed bytes', s.bytesProcessed);
  num('Number of raw bytes', s.rawBytes);
  num('Number of pad bytes', s.padBytesOnWire);
  if (!monitoring) num('Number of pcap bytes', s.captureFileSize);
  numP('Number of L2 packets', s.numL2Packets, s.numPackets);
  numP('Number of IPv4 packets', s.numV4Packets, s.numPackets);
  numP('Number of IPv6 packets', s.numV6Packets, s.numPackets);
  numP('Number of IPvX packets', s.numVxPackets, s.numPackets);
  const abPackets = s.numAPackets + s.numBPackets;
  if (abPackets > 0 && abPackets !== s.numPackets) numP('Number of packets without flow', s.numPackets - abPackets, s.numPackets);
  numP('Number of A packets', s.numAPackets, abPackets);
  numP('Number of B packets', s.numBPackets, abPackets);
  const abBytes = s.numABytes + s.numBBytes;
  numP('Number of A bytes', s.numABytes, abBytes);
  numP('Number of B bytes', s.numBBytes, abBytes);
  r.line(`<A packet load>: ${fixed2Hr(s.numAPackets > 0 ? s.numABytes / s.numAPackets : 0)}`);
  r.line(`<B packet load>: ${fixed2Hr(s.numBPackets > 0 ? s.numBBytes / s.numBPackets : 0)}`);

  r.line(RULE_DASH);
  input.pluginReports(r);
  r.line(RULE_DASH);

  const avgHdrs = s.numPackets > 0 ? s.sumHdrs / s.numPackets : 0;
  r.line(`Headers count: min: ${s.minHdrs}, max: ${s.maxHdrs}, avg: ${cFixed(avgHdrs, 2)}`);
  if (s.globalLo & LO_L2_VLAN) r.line(`Max VLAN header count: ${s.maxVlans}`);
  if (s.globalLo & LO_L2_MPLS) r.line(`Max MPLS header count: ${s.maxMpls}`);
  const pkts = s.numPackets;
  numP('Number of LLC packets', s.numLLCPackets, pkts);
  numP('Number of ARP packets', s.numPacketsL2[ETH_ARP], pkts);
  numP('Number of RARP packets', s.numPacketsL2[ETH_RARP], pkts);
  numP('Number of GRE packets', s.numGREPackets, pkts);
  numP('Number of LAPD packets', s.numLAPDPackets, pkts);
  numP('Number of Teredo packets', s.numTeredoPackets, pkts);
  numP('Number of AYIYA packets', s.numAYIYAPackets, pkts);
  numP('Number of IGMP packets', s.numPacketsL3[IP_IGMP], pkts);
  numP('Number of ICMP packets', s.numPacketsL3[IP_ICMP], pkts);
  numP('Number of ICMPv6 packets', s.numPacketsL3[IP_ICMP6], pkts);
  numP('Number of TCP packets', s.numPacketsL3[IP_TCP], pkts);
  numP('Number of TCP bytes', s.numBytesL3[IP_TCP], s.bytesProcessed);
  numP('Number of UDP packets', s.numPacketsL3[IP_UDP], pkts);
  numP('Number of UDP bytes', s.numBytesL3[IP_UDP], s.bytesProcessed);
  if (s.globalLo & LO_L4_SCTP) {
    numP('Number of SCTP packets', s.numPacketsL3[IP_SCTP], pkts);
    numP('Number of SCTP bytes', s.numBytesL3[IP_SCTP], s.bytesProcessed);
  }
  numP('Number of DTLS packets', s.numDTLSPackets, pkts);
  numP('Number of IPv4 fragmented packets', s.numFragV4Packets, s.numV4Packets);
  numP('Number of IPv6 fragmented packets', s.numFragV6Packets, s.numV6Packets);
  r.line(RULE_TILDE);

  const aFlows = s.totalAFlows;
  const bFlows = s.totalBFlows;
  const flows = aFlows + bFlows;
  if (flows > 0) {
    const req = aFlows - s.corrReplFlws;
    const rply = bFlows + s.corrReplFlws;
    r.line(`Number of processed      flows: ${countHr(flows)}`);
    numP('Number of processed L2   flows', s.totalL2Flows, flows);
    numP('Number of processed IPv4 flows', s.totalIPv4Flows, flows);
    numP('Number of processed IPv6 flows', s.totalIPv6Flows, flows);
    numP('Number of processed A    flows', aFlows, flows);
    numP('Number of processed B    flows', bFlows, flows);
    numP('Number of request        flows', req, flows);
    numP('Number of reply          flows', rply, flows);
    r.line(`Total   A/B    flow asymmetry: ${cFixed((aFlows - bFlows) / flows, 2)}`);
    r.line(`Total req/rply flow asymmetry: ${cFixed((req - rply) / flows, 2)}`);
    if (abPackets > 0) r.line(`Number of processed A+B packets/A+B flows: ${fixed2Hr(abPackets / flows)}`);
    if (aFlows > 0) r.line(`Number of processed A   packets/A   flows: ${fixed2Hr(s.numAPackets / aFlows)}`);
    if (bFlows > 0) r.line(`Number of processed   B packets/  B flows: ${fixed2Hr(s.numBPackets / bFlows)}`);
  }
  const d = dumpSeconds(s);
  if (d > 0) {
    r.line(`Number of processed total packets/s: ${fixed2Hr(pkts / d)}`);
    if (abPackets > 0) {
      r.line(`Number of processed A+B   packets/s: ${fixed2Hr(abPackets / d)}`);
      if (s.numAPackets > 0) r.line(`Number of processed A     packets/s: ${fixed2Hr(s.numAPackets / d)}`);
      if (s.numBPackets > 0) r.line(`Number of processed   B   packets/s: ${fixed2Hr(s.numBPackets / d)}`);
    }
  }
  r.line(RULE_TILDE);

  if (d > 0) {
    r.line(`<Number of processed flows/s>: ${fixed2Hr(flows / d)}`);
    r.line(`<Bandwidth>: ${speedHr((8 * s.bytesOnWire) / d)}`);
    if (s.globalHi & (HI_L2SNAPLENGTH | HI_L3SNAPLENGTH)) r.line(`<Snapped bandwidth>: ${speedHr((8 * s.bytesProcessed) / d)}`);
    r.line(`<Raw bandwidth>: ${speedHr((8 * s.rawBytes) / d)}`);
  }
  if (monitoring) r.line(`Fill size of main hash map: ${countHr(s.flowsInMemory)} ${percent(s.flowsInMemory, input.flowCapacity)}`);
  numP('Max number of flows in memory', s.maxFlowsInMemory, input.flowCapacity);
  numP('Number of flows terminated by autopilot', s.totalRmFlows, flows);
  const m = input.memory;
  r.line(`Memory usage: ${cFixed(m.maxRssBytes / 1e9, 2)} GB ${percent(m.maxRssBytes, m.totalRamBytes)}`);
  r.line(`Aggregated flowStat=0x${hex8(s.globalHi)}${hex8(s.globalLo)}`);
  if (s.numAlarms > 0) r.wrn(`${countHr(s.numAlarms)} alarms in ${countHr(s.numAlarmFlows)} flows ${percent(s.numAlarmFlows, flows)}`);
  if (s.totalForcedFlows > 0) r.wrn(`Number of flows terminated by force mode: ${countHr(s.totalForcedFlows)} ${percent(s.totalForcedFlows, flows)}`);
  writeFlowStatDecode(r, s.globalLo, s.globalHi);
}

function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}
