/**
 * Test helper: rebuilds the Stats a golden end report was printed from, using the numbers the
 * report shows (every printed count is exact; the rest are searched or derived).
 */
import { Stats } from '../../stats.ts';
import { ReportWriter } from '../reportWriter.ts';
import { speedHr } from '../numberFormat.ts';

type NumericKey = { [K in keyof Stats]: Stats[K] extends number ? K : never }[keyof Stats];

const COUNTS: Record<string, NumericKey> = {
  'Number of processed packets': 'numPackets',
  'Number of processed bytes': 'bytesProcessed',
  'Number of raw bytes': 'rawBytes',
  'Number of pad bytes': 'padBytesOnWire',
  'Number of pcap bytes': 'captureFileSize',
  'Number of L2 packets': 'numL2Packets',
  'Number of IPv4 packets': 'numV4Packets',
  'Number of IPv6 packets': 'numV6Packets',
  'Number of IPvX packets': 'numVxPackets',
  'Number of A packets': 'numAPackets',
  'Number of B packets': 'numBPackets',
  'Number of A bytes': 'numABytes',
  'Number of B bytes': 'numBBytes',
  'Number of LLC packets': 'numLLCPackets',
  'Number of GRE packets': 'numGREPackets',
  'Number of LAPD packets': 'numLAPDPackets',
  'Number of Teredo packets': 'numTeredoPackets',
  'Number of AYIYA packets': 'numAYIYAPackets',
  'Number of DTLS packets': 'numDTLSPackets',
  'Number of IPv4 fragmented packets': 'numFragV4Packets',
  'Number of IPv6 fragmented packets': 'numFragV6Packets',
  'Number of processed L2   flows': 'totalL2Flows',
  'Number of processed IPv4 flows': 'totalIPv4Flows',
  'Number of processed IPv6 flows': 'totalIPv6Flows',
  'Number of processed A    flows': 'totalAFlows',
  'Number of processed B    flows': 'totalBFlows',
  'Max number of flows in memory': 'maxFlowsInMemory',
  'Number of flows terminated by autopilot': 'totalRmFlows',
  'Max VLAN header count': 'maxVlans',
  'Max MPLS header count': 'maxMpls',
};

const L3: Record<string, [number, 'numPacketsL3' | 'numBytesL3']> = {
  'Number of IGMP packets': [2, 'numPacketsL3'],
  'Number of ICMP packets': [1, 'numPacketsL3'],
  'Number of ICMPv6 packets': [58, 'numPacketsL3'],
  'Number of TCP packets': [6, 'numPacketsL3'],
  'Number of TCP bytes': [6, 'numBytesL3'],
  'Number of UDP packets': [17, 'numPacketsL3'],
  'Number of UDP bytes': [17, 'numBytesL3'],
  'Number of SCTP packets': [132, 'numPacketsL3'],
  'Number of SCTP bytes': [132, 'numBytesL3'],
};

export interface ParsedLog {
  stats: Stats;
  /** Lines between the two dashed rules. */
  pluginLines: string[];
  /** From `Dump stop` to `Finished processing` (three lines). */
  dumpEnd: string[];
  /** From `Finished unloading flow memory` to the end. */
  endReport: string[];
}

function timeOf(line: string | undefined): [number, number] {
  const m = line && /: (\d+)\.(\d+) sec/.exec(line);
  return m ? [Number(m[1]), Number(m[2])] : [0, 0];
}

export function parseLog(log: string): ParsedLog {
  const lines = log.split('\n').slice(0, -1);
  const s = new Stats();
  s.numFiles = 1;
  let request = 0;
  for (const l of lines) {
    const m = /^([^:]+): (\d+)/.exec(l);
    if (m && m[1] in COUNTS) s[COUNTS[m[1]]] = Number(m[2]);
    if (m && m[1] in L3) s[L3[m[1]][1]][L3[m[1]][0]] = Number(m[2]);
    if (m && m[1] === 'Number of ARP packets') s.numPacketsL2[0x0806] = Number(m[2]);
    if (m && m[1] === 'Number of RARP packets') s.numPacketsL2[0x8035] = Number(m[2]);
    if (m && m[1] === 'Number of request        flows') request = Number(m[2]);
    const h = /^Headers count: min: (\d+), max: (\d+), avg: ([\d.]+)/.exec(l);
    if (h) {
      s.minHdrs = Number(h[1]);
      s.maxHdrs = Number(h[2]);
      s.sumHdrs = Math.round(Number(h[3]) * s.numPackets);
    }
    const a = /^Aggregated flowStat=0x([0-9a-f]{8})([0-9a-f]{8})$/.exec(l);
    if (a) {
      s.globalHi = parseInt(a[1], 16);
      s.globalLo = parseInt(a[2], 16);
    }
    const al = /^\[WRN\] (\d+) alarms in (\d+) flows/.exec(l);
    if (al) {
      s.numAlarms = Number(al[1]);
      s.numAlarmFlows = Number(al[2]);
    }
  }
  s.corrReplFlws = s.totalAFlows - request;
  [s.firstSec, s.firstNs] = timeOf(lines.find((l) => l.startsWith('Dump start:')));
  [s.lastSec, s.lastNs] = timeOf(lines.find((l) => l.startsWith('Dump stop :')));
  const bw = lines.find((l) => l.startsWith('<Bandwidth>: '));
  if (bw) s.bytesOnWire = searchBytesOnWire(s, bw.slice('<Bandwidth>: '.length));

  const dash = lines.flatMap((l, i) => (l === '-'.repeat(80) ? [i] : []));
  const stop = lines.findIndex((l) => l.startsWith('Dump stop :'));
  const unload = lines.findIndex((l) => l.startsWith('Finished unloading flow memory'));
  return {
    stats: s,
    pluginLines: lines.slice(dash[0] + 1, dash[1]),
    dumpEnd: lines.slice(stop, stop + 3),
    endReport: lines.slice(unload),
  };
}

/** The IP byte count whose `<Bandwidth>` text is `text` (the rate only shows it rounded). */
function searchBytesOnWire(s: Stats, text: string): number {
  const d = s.lastSec - s.firstSec + (s.lastNs - s.firstNs) / 1e9;
  const guess = Math.round((Number(text.split(' ')[0]) * d) / 8);
  for (let delta = 0; delta < 1000; delta++) {
    for (const n of [guess - delta, guess + delta]) {
      if (n >= 0 && speedHr((8 * n) / d) === text) return n;
    }
  }
  throw new Error(`no byte count gives <Bandwidth>: ${text}`);
}

/** A ReportWriter collecting lines with the ANSI codes removed (golden NORMALIZE.md rule A). */
export function collectingWriter(): { writer: ReportWriter; lines: () => string[] } {
  let text = '';
  const writer = new ReportWriter((t) => {
    text += t;
  });
  return { writer, lines: () => text.replace(/\x1b\[[0-9;]*m/g, '').split('\n').slice(0, -1) };
}
