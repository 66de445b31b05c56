import { NO_FLOW } from '../../../../core/flow/flowTable.ts';
import { StatLo } from '../../../../core/flow/status.ts';
import { column, type Column } from '../../../../core/output/columns.ts';
import { OutputBuffer } from '../../../../core/output/outputBuffer.ts';
import type { Packet, PluginDefinition } from '../../../../core/plugin/api.ts';
import { FakeCore } from './fakeCore.ts';
import { recordFields } from './recordText.ts';

const CORE_COLUMNS: readonly Column[] = [column('dir', 'Flow direction', 'DIR'), column('flowInd', 'Flow index', 'U64')];
const FLOW_TIMEOUT = 182;
const TCP = 6;

function hex(a: Uint8Array): string {
  return Buffer.from(a).toString('hex');
}

/**
 * Drives plugins as the core does (core.md §4.2, §6.2): flow lookup/creation with A/B pairing,
 * flowInd and the direction heuristic, plugin callbacks in order, pair printing and, optionally,
 * the timeout rule (a pair ends when both members idled for their own timeouts).
 */
export class FakeAnalyzer {
  readonly core: FakeCore;
  readonly plugins: readonly PluginDefinition[];
  readonly columns: readonly Column[];
  /** Written records as text fields, in output order. */
  readonly records: Record<string, string>[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly keyOfSlot: (string | undefined)[];
  private readonly free: number[];
  private readonly out = new OutputBuffer();
  /** Lower bound of the next time a flow can expire. */
  private nextExpiry = Infinity;

  constructor(plugins: readonly PluginDefinition[], capacity = 64) {
    this.core = new FakeCore(capacity);
    this.plugins = plugins;
    this.columns = [...CORE_COLUMNS, ...plugins.flatMap((p) => p.columns ?? [])];
    this.keyOfSlot = new Array<string | undefined>(capacity);
    this.free = Array.from({ length: capacity }, (_, k) => capacity - 1 - k);
    for (const p of plugins) p.init?.(this.core);
  }

  private key(pkt: Packet, reverse: boolean): string {
    const [a, b] = reverse ? [pkt.dstIP, pkt.srcIP] : [pkt.srcIP, pkt.dstIP];
    const [pa, pb] = reverse ? [pkt.dstPort, pkt.srcPort] : [pkt.srcPort, pkt.dstPort];
    let macs = '';
    if (pkt.ipVer === 0) {
      const dst = hex(pkt.buf.subarray(pkt.macOff, pkt.macOff + 6));
      const src = hex(pkt.buf.subarray(pkt.macOff + 6, pkt.macOff + 12));
      macs = reverse ? `${dst}>${src}` : `${src}>${dst}`;
    }
    return `${pkt.ipVer}|${hex(a)}|${hex(b)}|${pa}|${pb}|${pkt.l4Proto}|${pkt.ethType}|${pkt.vlanId}|${macs}`;
  }

  private create(pkt: Packet): number {
    const f = this.core.flows;
    const s = this.core.stats;
    const i = this.free.pop();
    if (i === undefined) throw new Error('flow table full');
    const key = this.key(pkt, false);
    this.byKey.set(key, i);
    this.keyOfSlot[i] = key;
    f.srcIP.set(pkt.srcIP, i * 16);
    f.dstIP.set(pkt.dstIP, i * 16);
    f.srcMac.fill(0, i * 6, i * 6 + 6);
    f.dstMac.fill(0, i * 6, i * 6 + 6);
    if (pkt.ipVer === 0) {
      f.dstMac.set(pkt.buf.subarray(pkt.macOff, pkt.macOff + 6), i * 6);
      f.srcMac.set(pkt.buf.subarray(pkt.macOff + 6, pkt.macOff + 12), i * 6);
    }
    f.srcPort[i] = pkt.srcPort;
    f.dstPort[i] = pkt.dstPort;
    f.l4Proto[i] = pkt.l4Proto;
    f.ethType[i] = pkt.ethType;
    f.vlanId[i] = pkt.vlanId;
    f.ipVer[i] = pkt.ipVer;
    f.firstSec[i] = f.lastSec[i] = pkt.tsSec;
    f.firstNs[i] = f.lastNs[i] = pkt.tsNs;
    f.timeout[i] = FLOW_TIMEOUT;
    f.statusHi[i] = 0;
    f.statusLo[i] = pkt.ipVer === 4 ? StatLo.L2_IPV4 : pkt.ipVer === 6 ? StatLo.L2_IPV6 : StatLo.L2_FLOW;
    const r = this.byKey.get(this.key(pkt, true));
    if (r !== undefined && r !== i) {
      f.opposite[i] = r;
      f.opposite[r] = i;
      f.flowInd[i] = f.flowInd[r];
      if (!f.isB(r)) f.statusLo[i] |= StatLo.L3FLOWINVERT;
    } else {
      f.opposite[i] = NO_FLOW;
      f.flowInd[i] = ++s.totalfIndex;
      const sp = pkt.srcPort;
      const synAck = pkt.l4Proto === TCP && (pkt.buf[pkt.l4Off + 13] & 0x12) === 0x12;
      if (pkt.ipVer !== 0 && ((sp < 1024 && sp < pkt.dstPort) || (sp & 0xfff6) === 8080 || synAck)) {
        f.statusLo[i] |= StatLo.L3FLOWINVERT;
      }
    }
    for (const p of this.plugins) p.onNewFlow?.(pkt, i);
    return i;
  }

  /** One packet: lookup or create its flow, then the per-packet callbacks. Returns the slot. */
  packet(pkt: Packet): number {
    const f = this.core.flows;
    const s = this.core.stats;
    s.numPackets++;
    let i = this.byKey.get(this.key(pkt, false));
    if (i === undefined) i = this.create(pkt);
    const ip = pkt.ipVer !== 0;
    if (ip) for (const p of this.plugins) p.onLayer2?.(pkt, NO_FLOW);
    f.statusLo[i] |= pkt.statusLo;
    f.statusHi[i] |= pkt.statusHi;
    s.globalLo |= pkt.statusLo;
    s.globalHi |= pkt.statusHi;
    f.lastSec[i] = pkt.tsSec;
    f.lastNs[i] = pkt.tsNs;
    for (const p of this.plugins) (ip ? p.onLayer4 : p.onLayer2)?.call(p, pkt, i);
    if (f.isB(i)) {
      s.numBPackets++;
      s.numBBytes += pkt.caplen;
    } else {
      s.numAPackets++;
      s.numABytes += pkt.caplen;
    }
    // Plugins may have shortened the timeouts of this flow and its opposite.
    this.noteExpiry(i);
    if (f.opposite[i] !== NO_FLOW) this.noteExpiry(f.opposite[i]);
    return i;
  }

  /** Builds one record: dir, flowInd, then every plugin's columns. */
  terminate(i: number, isB: boolean): Record<string, string> {
    const out = this.out;
    out.reset();
    out.u8(isB ? 1 : 0);
    out.u64(this.core.flows.flowInd[i]);
    for (const p of this.plugins) p.onFlowTerminate?.(i, out);
    const rec = recordFields(this.columns, out.bytes.slice(0, out.pos));
    this.records.push(rec);
    return rec;
  }

  /** printPair + remove (core.md §4.7). */
  endPair(i: number): void {
    const f = this.core.flows;
    const o = f.opposite[i];
    if (o === NO_FLOW) {
      this.terminate(i, false);
    } else {
      const [a, b] = f.isB(i) ? [o, i] : [i, o];
      this.terminate(a, false);
      this.terminate(b, true);
      this.release(o);
    }
    this.release(i);
  }

  private release(i: number): void {
    this.byKey.delete(this.keyOfSlot[i] as string);
    this.keyOfSlot[i] = undefined;
    this.core.flows.opposite[i] = NO_FLOW;
    this.free.push(i);
  }

  private age(i: number, sec: number, ns: number): number {
    const f = this.core.flows;
    return Math.fround(Math.fround(sec - f.lastSec[i]) + (ns - f.lastNs[i]) / 1e9);
  }

  private expired(i: number, sec: number, ns: number): boolean {
    return this.age(i, sec, ns) >= this.core.flows.timeout[i];
  }

  /** Ends every pair whose members all idled for their own timeout at time (sec, ns). */
  expire(sec: number, ns: number): void {
    // Nothing can expire before the earliest lastSeen + timeout of any live flow (+1 s of slack for the ns part).
    if (sec + 1 < this.nextExpiry) return;
    const f = this.core.flows;
    const live = [...this.byKey.values()].sort((a, b) => f.lastSec[a] - f.lastSec[b] || f.lastNs[a] - f.lastNs[b]);
    this.nextExpiry = Infinity;
    for (const i of live) {
      if (this.keyOfSlot[i] === undefined) continue;
      const o = f.opposite[i];
      if (this.expired(i, sec, ns) && (o === NO_FLOW || this.expired(o, sec, ns))) this.endPair(i);
      else this.noteExpiry(i);
    }
  }

  private noteExpiry(i: number): void {
    this.nextExpiry = Math.min(this.nextExpiry, this.core.flows.lastSec[i] + this.core.flows.timeout[i]);
  }

  /** End of input: every remaining pair, oldest first. */
  finish(): void {
    this.expire(Infinity, 0);
  }

  /** Runs the packets with the timeout rule before each, then ends everything. */
  run(packets: Iterable<Packet>): Record<string, string>[] {
    for (const pkt of packets) {
      this.expire(pkt.tsSec, pkt.tsNs);
      this.packet(pkt);
    }
    this.finish();
    return this.records;
  }

  /** The records of a flowInd as [A, B?]. */
  flow(flowInd: number): Record<string, string>[] {
    return this.records.filter((r) => r.flowInd === String(flowInd));
  }
}
