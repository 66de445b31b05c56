import { Packet } from '../dissect/packet.ts';
import { Dissector } from '../dissect/dissector.ts';
import { FlowManager } from '../flow/flowManager.ts';
import { NO_FLOW } from '../flow/flowTable.ts';
import { StatHi, StatLo } from '../flow/status.ts';
import type { Core, PluginDefinition, SplitOptions } from '../plugin/api.ts';
import { PluginHost } from '../plugin/host.ts';
import type { ReportWriter } from '../report/reportWriter.ts';
import { Stats } from '../stats.ts';
import { HdrDescTable } from './hdrDescTable.ts';

export interface AnalyzerOptions {
  /** Flow slots: HASHCHAINTABLE_BASE_SIZE × hash factor. */
  capacity: number;
  flowTimeout: number;
  alarmMode: boolean;
  alarmAnd: boolean;
  forceMode: boolean;
  outputPrefix: string;
  snaplen: number;
  /** Core.inputSize. */
  inputSize: number;
  sensorId: number;
  flowsToStdout?: boolean;
  split?: SplitOptions;
  flowIndexFile?: string;
  report: ReportWriter;
  plugins: readonly PluginDefinition[];
  headerPreamble: () => string;
  error: (text: string) => void;
  /** Called by the autopilot the first time the flow table is full, with the suggested factor. */
  autopilotWarning: () => void;
}

class FatalPluginError extends Error {}

/**
 * The per-packet pipeline (core.md §6.2): timeouts, dissection, flow lookup, fragment
 * bookkeeping, global counters, plugin callbacks, A/B counters.
 */
export class Analyzer {
  readonly stats = new Stats();
  readonly pkt = new Packet();
  readonly flows: FlowManager;
  readonly host: PluginHost;
  readonly dissector: Dissector;
  readonly hdrDescs = new HdrDescTable();
  readonly core: Core;
  /** FORCE_MODE: flows marked for removal at the next packet, last marked first. */
  private readonly forced: number[] = [];
  private readonly forceMode: boolean;

  constructor(opts: AnalyzerOptions) {
    this.host = new PluginHost(opts.plugins, opts.alarmMode, opts.alarmAnd);
    this.forceMode = opts.forceMode;
    this.flows = new FlowManager(opts.capacity, opts.flowTimeout, this.stats, {
      newFlow: (pkt, slot) => this.host.onNewFlow(pkt, slot),
      writeFlow: (slot, isB) => this.host.writeFlow(this.flows.flows, slot, isB),
      autopilotWarning: opts.autopilotWarning,
    });
    this.dissector = new Dissector(this.stats, opts.report);
    const exportsByName = new Map(opts.plugins.map((p) => [p.name, p.exports]));
    const stats = this.stats;
    const manager = this.flows;
    this.core = {
      capacity: opts.capacity,
      flows: manager.flows,
      stats,
      outputPrefix: opts.outputPrefix,
      snaplen: opts.snaplen,
      inputSize: opts.inputSize,
      sensorId: opts.sensorId,
      flowsToStdout: opts.flowsToStdout,
      split: opts.split,
      flowIndexFile: opts.flowIndexFile,
      report: opts.report,
      headerPreamble: opts.headerPreamble,
      schema: this.host.schema,
      addTimeout: (seconds) => manager.addTimeout(seconds),
      setFlowStatus: (slot, lo, hi) => manager.setStatus(slot, lo, hi),
      setGlobalStatus: (lo, hi) => {
        stats.globalLo |= lo;
        stats.globalHi |= hi;
      },
      reportAlarms: (n) => {
        stats.numAlarmFlows++;
        stats.numAlarms += n;
        this.host.alarmReported(n);
      },
      removeFlow: (slot) => {
        if (!this.forceMode) return;
        manager.setStatus(slot, 0, StatHi.RMFLOW);
        this.forced.push(slot);
      },
      hdrDescText: (id) => this.hdrDescs.text(id),
      dependency: <T>(name: string) => exportsByName.get(name) as T,
      error: opts.error,
      fatal: (text: string): never => {
        throw new FatalPluginError(text);
      },
    };
  }

  initPlugins(): void {
    for (const p of this.host.plugins) p.init?.(this.core);
  }

  /** Processes the packet the reader just put into `this.pkt`. */
  processPacket(): void {
    const pkt = this.pkt;
    const s = this.stats;
    const sec = pkt.tsSec;
    const ns = pkt.tsNs;
    s.numPackets++;
    pkt.number = s.numPackets;
    s.bytesProcessed += pkt.caplen;
    s.rawBytes += pkt.rawLen;
    if (s.numPackets === 1) {
      s.firstSec = sec;
      s.firstNs = ns;
    }
    s.lastSec = sec;
    s.lastNs = ns;

    if (this.forced.length > 0) this.removeForced();
    this.flows.processTimeouts(sec, ns);

    if (pkt.caplen === 0) return;
    this.dissector.dissect(pkt);
    pkt.hdrDescId = this.hdrDescs.intern(pkt.hdrDescWords, pkt.hdrDescLen);
    const hdrs = pkt.numHdrs;
    if (hdrs < s.minHdrs) s.minHdrs = hdrs;
    if (hdrs > s.maxHdrs) s.maxHdrs = hdrs;
    s.sumHdrs += hdrs;
    if (pkt.vlanHdrCnt > s.maxVlans) s.maxVlans = pkt.vlanHdrCnt;
    if (pkt.mplsCount > s.maxMpls) s.maxMpls = pkt.mplsCount;
    if ((pkt.statusLo & StatLo.L3_IPVX) !== 0) s.numVxPackets++;

    if (pkt.ipVer < 0) {
      s.globalLo |= pkt.statusLo;
      s.globalHi |= pkt.statusHi;
      return;
    }
    if (pkt.ipVer === 0) this.layer2Packet();
    else this.ipPacket();
  }

  private layer2Packet(): void {
    const pkt = this.pkt;
    const s = this.stats;
    pkt.statusLo |= StatLo.L2_FLOW;
    const slot = this.flows.lookup(pkt);
    if (slot === NO_FLOW) return this.dropped();
    s.numL2Packets++;
    s.numPacketsL2[pkt.ethType]++;
    s.numBytesL2[pkt.ethType] += pkt.caplen;
    s.padBytesOnWire += pkt.padLen;
    this.attribute(slot);
    this.host.onLayer2(pkt, slot);
    this.countAB(slot);
  }

  private ipPacket(): void {
    const pkt = this.pkt;
    const s = this.stats;
    const frags = this.flows.fragments;
    pkt.statusLo |= pkt.ipVer === 4 ? StatLo.L2_IPV4 : StatLo.L2_IPV6;
    const isFragment = pkt.fragOff !== 0 || pkt.moreFrags;
    let slot = NO_FLOW;
    let headerMissing = false;
    if (pkt.fragOff !== 0) {
      slot = frags.nonFirstLookup(pkt);
      headerMissing = slot === NO_FLOW;
    }
    if (slot === NO_FLOW) {
      slot = this.flows.lookup(pkt);
      if (slot === NO_FLOW) return this.dropped();
      if (headerMissing || (isFragment && pkt.fragOff === 0)) frags.register(pkt, slot, headerMissing);
      else if (!isFragment) frags.unfragmented(slot);
    }
    if (pkt.ipVer === 4) s.numV4Packets++;
    else s.numV6Packets++;
    const lo = pkt.statusLo;
    if ((lo & StatLo.L2_GRE) !== 0) s.numGREPackets++;
    if ((lo & StatLo.L3_TRDO) !== 0) s.numTeredoPackets++;
    if ((lo & StatLo.L3_AYIYA) !== 0) s.numAYIYAPackets++;
    s.numPacketsL2[pkt.ethType]++;
    s.numBytesL2[pkt.ethType] += pkt.caplen;
    s.numPacketsL3[pkt.l4Proto]++;
    s.numBytesL3[pkt.l4Proto] += pkt.caplen;
    s.padBytesOnWire += pkt.padLen;
    this.host.onLayer2(pkt, NO_FLOW);
    this.attribute(slot);
    this.host.onLayer4(pkt, slot);
    this.countAB(slot);
  }

  /** A packet of an unknown flow while no flows are created (after SIGINT). */
  private dropped(): void {
    this.stats.globalLo |= this.pkt.statusLo;
    this.stats.globalHi |= this.pkt.statusHi;
  }

  /** Flow status |= packet status (and the aggregate), lastSeen = packet time. */
  private attribute(slot: number): void {
    const pkt = this.pkt;
    const f = this.flows.flows;
    const s = this.stats;
    f.statusLo[slot] |= pkt.statusLo;
    f.statusHi[slot] |= pkt.statusHi;
    s.globalLo |= pkt.statusLo;
    s.globalHi |= pkt.statusHi;
    f.lastSec[slot] = pkt.tsSec;
    f.lastNs[slot] = pkt.tsNs;
    this.flows.lru.seen(slot, pkt.tsSec, pkt.tsNs);
  }

  private countAB(slot: number): void {
    const s = this.stats;
    if ((this.flows.flows.statusLo[slot] & StatLo.L3FLOWINVERT) !== 0) {
      s.numBPackets++;
      s.numBBytes += this.pkt.caplen;
    } else {
      s.numAPackets++;
      s.numABytes += this.pkt.caplen;
    }
  }

  /** FORCE_MODE: up to 10 marked flows, last marked first (core.md §4.8). */
  private removeForced(): void {
    const f = this.flows;
    for (let n = 0; n < 10 && this.forced.length > 0; n++) {
      const slot = this.forced.pop()!;
      if (!f.table.isLive(slot)) continue;
      f.printPair(slot);
      f.remove(slot);
      this.stats.totalForcedFlows++;
    }
    this.stats.globalHi |= StatHi.RMFLOW;
  }

  /** End of input: every flow still in memory is written (core.md §4.7). */
  flushAll(): void {
    this.flows.flushAll();
  }
}

export { FatalPluginError };
