/**
 * Corpus comparison: dissect every packet of a capture and compare what the dissector
 * determines per packet with the flows and end report real T2 wrote (golden/tutorial).
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { openCaptureReader } from '../../capture/open.ts';
import { ReadStatus } from '../../capture/reader.ts';
import { StatHi, StatLo } from '../../flow/status.ts';
import { ReportWriter } from '../../report/reportWriter.ts';
import { Stats } from '../../stats.ts';
import { Dissector } from '../dissector.ts';
import { Packet } from '../packet.ts';

export const PCAPS = '/work/shared/pcaps';
export const GOLDEN = '/work/shared/golden/tutorial';

/** flowStat bits the core (not the dissector) sets on flows or in the aggregate. */
export const CORE_LO = StatLo.L3FLOWINVERT;
export const CORE_HI = StatHi.IPV4_FRAG | StatHi.IPV4_FRAG_ERR | StatHi.IPV4_FRAG_HDSEQ_ERR | StatHi.IPV4_FRAG_PENDING
  | StatHi.DUPIPID | StatHi.HDOVRN | StatHi.LANDATTACK | StatHi.TORADD | StatHi.RMFLOW | StatHi.RMFLOW_HFULL;

export interface FlowAgg {
  descs: Set<string>;
  lo: number;
  hi: number;
  pkts: number;
  l7: number;
  pad: number;
  ethType: number;
}

export interface CorpusResult {
  flows: Map<string, FlowAgg>;
  globalLo: number;
  globalHi: number;
  minHdrs: number;
  maxHdrs: number;
  packets: number;
  stats: Stats;
  report: string[];
}

function hex2(b: number): string {
  return b.toString(16).padStart(2, '0');
}

function mac(buf: Uint8Array, off: number): string {
  const a: string[] = [];
  for (let i = 0; i < 6; i++) a.push(hex2(buf[off + i]));
  return a.join(':');
}

/** inet_ntop() text of an IPv6 address. */
export function ip6Text(b: Uint8Array): string {
  const g: number[] = [];
  for (let i = 0; i < 16; i += 2) g.push((b[i] << 8) | b[i + 1]);
  if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || (g[5] === 0 && (g[6] !== 0 || g[7] > 1)))) {
    return (g[5] ? '::ffff:' : '::') + `${b[12]}.${b[13]}.${b[14]}.${b[15]}`;
  }
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const h = g.map((x) => x.toString(16));
  if (best < 0) return h.join(':');
  return h.slice(0, best).join(':') + '::' + h.slice(best + bestLen).join(':');
}

function ipText(p: Packet, a: Uint8Array): string {
  return p.ipVer === 4 ? `${a[0]}.${a[1]}.${a[2]}.${a[3]}` : ip6Text(a);
}

export function hdrDescText(p: Packet): string {
  return new TextDecoder().decode(p.hdrDesc.subarray(0, p.hdrDescLen));
}

export function flowKey(p: Packet): string {
  if (p.ipVer === 0) return `L2 ${mac(p.buf, p.macOff + 6)} ${mac(p.buf, p.macOff)} ${p.ethType}`;
  return `IP ${ipText(p, p.srcIP)} ${p.srcPort} ${ipText(p, p.dstIP)} ${p.dstPort} ${p.l4Proto}`;
}

export function runCapture(file: string): CorpusResult {
  const stats = new Stats();
  const report: string[] = [];
  const rw = new ReportWriter((s) => report.push(s.replace(/\x1b\[[0-9;]*m/g, '')));
  const d = new Dissector(stats, rw);
  const p = new Packet();
  const reader = openCaptureReader(`${PCAPS}/${file}`);
  const flows = new Map<string, FlowAgg>();
  /** IPv4 fragment id → flow of the first fragment (the core's fragment table, simplified). */
  const frags = new Map<string, string>();
  let minHdrs = 65535;
  let maxHdrs = 0;
  let packets = 0;
  for (;;) {
    const r = reader.next(p);
    if (r === ReadStatus.Eof) break;
    if (r === ReadStatus.Error) continue;
    packets++;
    if (p.caplen === 0) {
      minHdrs = Math.min(minHdrs, 0);
      continue;
    }
    d.dissect(p);
    stats.globalLo |= p.statusLo;
    stats.globalHi |= p.statusHi;
    minHdrs = Math.min(minHdrs, p.numHdrs);
    maxHdrs = Math.max(maxHdrs, p.numHdrs);
    if (p.ipVer < 0) continue;
    let key = flowKey(p);
    if (p.ipVer === 4 && (p.fragOff !== 0 || p.moreFrags)) {
      const fk = `${ipText(p, p.srcIP)} ${ipText(p, p.dstIP)} ${p.ipId} ${p.l4Proto}`;
      const first = frags.get(fk);
      if (p.fragOff !== 0 && first !== undefined) {
        key = first;
        if (!p.moreFrags) frags.delete(fk);
      } else frags.set(fk, key);
    }
    let f = flows.get(key);
    if (!f) {
      f = { descs: new Set(), lo: 0, hi: 0, pkts: 0, l7: 0, pad: 0, ethType: p.ethType };
      flows.set(key, f);
    }
    f.descs.add(`${p.numHdrs} ${hdrDescText(p)}`);
    f.lo |= p.statusLo;
    f.hi |= p.statusHi;
    f.pkts++;
    f.l7 += p.len;
    f.pad += p.padLen;
  }
  reader.close();
  return { flows, globalLo: stats.globalLo, globalHi: stats.globalHi, minHdrs, maxHdrs, packets, stats, report };
}

export interface GoldenFlows {
  flows: Map<string, FlowAgg>;
}

export function goldenFlows(capture: string): Map<string, FlowAgg> | null {
  const dir = `${GOLDEN}/${capture}`;
  let text: string;
  if (existsSync(`${dir}/flows.txt`)) text = readFileSync(`${dir}/flows.txt`, 'utf8');
  else if (existsSync(`${dir}/flows.txt.gz`)) text = gunzipSync(readFileSync(`${dir}/flows.txt.gz`)).toString('utf8');
  else return null;
  const lines = text.split('\n').filter((l) => l.length > 0);
  const cols = lines[0].replace(/^%/, '').split('\t');
  const ix = (n: string): number => cols.indexOf(n);
  const out = new Map<string, FlowAgg>();
  for (const line of lines.slice(1)) {
    const c = line.split('\t');
    const st = BigInt(c[ix('flowStat')]);
    const ethType = parseInt(c[ix('ethType')], 16);
    const l2 = c[ix('srcIP')] === '-';
    const key = l2
      ? `L2 ${c[ix('srcMac')]} ${c[ix('dstMac')]} ${ethType}`
      : `IP ${c[ix('srcIP')]} ${c[ix('srcPort')]} ${c[ix('dstIP')]} ${c[ix('dstPort')]} ${c[ix('l4Proto')]}`;
    let f = out.get(key);
    if (!f) {
      f = { descs: new Set(), lo: 0, hi: 0, pkts: 0, l7: 0, pad: 0, ethType };
      out.set(key, f);
    }
    const nums = c[ix('numHdrs')].split(';');
    c[ix('hdrDesc')].split(';').forEach((h, i) => f.descs.add(`${nums[i]} ${h}`));
    f.lo |= Number(st & 0xffffffffn);
    f.hi |= Number(st >> 32n);
    f.pkts += Number(c[ix('pktsSnt')]);
    f.l7 += Number(c[ix('l7BytesSnt')]);
    f.pad += Number(c[ix('padBytesSnt')]);
  }
  return out;
}

export function goldenLog(capture: string): string {
  return readFileSync(`${GOLDEN}/${capture}/log.txt`, 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
}

/** Differences between our per-flow aggregation and the golden flows, as readable lines. */
export function compareFlows(ours: Map<string, FlowAgg>, gold: Map<string, FlowAgg>): string[] {
  const diffs: string[] = [];
  const show = (s: Set<string>): string => [...s].sort().join(' | ');
  for (const [k, g] of gold) {
    const o = ours.get(k);
    if (!o) {
      diffs.push(`missing flow ${k}`);
      continue;
    }
    if (show(o.descs) !== show(g.descs)) diffs.push(`${k}: hdrDesc ${show(o.descs)} != ${show(g.descs)}`);
    const olo = (o.lo & ~CORE_LO) >>> 0;
    const glo = (g.lo & ~CORE_LO) >>> 0;
    const ohi = (o.hi & ~CORE_HI) >>> 0;
    const ghi = (g.hi & ~CORE_HI) >>> 0;
    if (olo !== glo || ohi !== ghi) diffs.push(`${k}: status ${ohi.toString(16)}:${olo.toString(16)} != ${ghi.toString(16)}:${glo.toString(16)}`);
    if (o.pkts !== g.pkts) diffs.push(`${k}: packets ${o.pkts} != ${g.pkts}`);
    if (o.l7 !== g.l7) diffs.push(`${k}: l7 bytes ${o.l7} != ${g.l7}`);
    if (o.pad !== g.pad) diffs.push(`${k}: pad ${o.pad} != ${g.pad}`);
    if (o.ethType !== g.ethType) diffs.push(`${k}: ethType ${o.ethType} != ${g.ethType}`);
  }
  for (const k of ours.keys()) if (!gold.has(k)) diffs.push(`extra flow ${k}`);
  return diffs;
}
