import { definePlugin, NO_FLOW, StatHi } from '../../core/plugin/api.ts';
import type { Core, Packet, ReportWriter } from '../../core/plugin/api.ts';
import { strerror } from '../../core/plugin/api.ts';
import { FlowFiles } from './flowFiles.ts';
import { readFlowIndexFile, type FlowIndexList, type IndexFileProblem } from './flowIndexFile.ts';
import { rewritePacket } from './packetRewrite.ts';
import { PcapWriter } from './pcapWriter.ts';

/** pcapd (spec/pcapd.md): copies the packets of selected flows, unmodified, into a pcap file. */

const PLUGIN = 'pcapd';
const NS_PER_SEC = 1e9;

let core: Core;
/** The single output file (PD_MODE_OUT=0). */
let writer: PcapWriter | undefined;
/** PD_MODE_OUT=1: the per-flow files. */
let flowFiles: FlowFiles | undefined;
/**
 * Number of the last packet the hooks saw: a flow that ends while it equals the core's packet
 * count ends after the last packet, in the end-of-input flush, not in a timeout before a packet.
 */
let lastPacket = 0;
let endFlushed = false;
/** `-e FILE` (flow-index mode); undefined in alarm mode. */
let indexList: FlowIndexList | undefined;
/** Per-flow "dump" mark, cleared at flow creation. */
let dump: Uint8Array;
let extracted = 0;
let snaplen = 0;
/** PD_SPLIT: base name and number of the next file. */
let baseName = '';
let nextPart = 0;

function loadIndexList(c: Core, file: string): FlowIndexList {
  const problems: IndexFileProblem[] = [];
  let list: FlowIndexList;
  try {
    list = readFlowIndexFile(file, PD_LBSRCH === 1, problems);
  } catch (e) {
    return c.fatal(`Failed to open file '${file}': ${strerror(e)}`);
  }
  for (const p of problems) {
    if (p.kind === 'fatal') c.fatal(p.text);
    c.report.wrn(p.text);
  }
  c.report.pinf(PLUGIN, `${list.count} flow indices`);
  return list;
}

function openFailed(name: string, e: unknown): never {
  const reason = (e as NodeJS.ErrnoException).code ? strerror(e) : (e as Error).message;
  return core.fatal(`${PLUGIN}: Failed to open file '${name}' for writing: ${reason}`);
}

function open(name: string): PcapWriter {
  try {
    return new PcapWriter(name, snaplen);
  } catch (e) {
    return openFailed(name, e);
  }
}

/** The selection of pcapd.md §2 for a packet of flow `i`; writes it when selected. */
function onPacket(pkt: Packet, i: number): void {
  lastPacket = pkt.number;
  if (i === NO_FLOW) return;
  if (PD_MODE_PKT) {
    const n = pkt.number;
    if (n < PD_STRTPKT || (PD_ENDPKT !== 0 && n > PD_ENDPKT)) return;
  }
  if (!PD_MODE_IN) {
    if (indexList === undefined) {
      const flows = core.flows;
      if (((flows.statusHi[i]! & StatHi.FL_ALARM) !== 0) === (PD_EQ === 1)) {
        dump[i] = 1;
        if (PD_OPP && flows.opposite[i] !== NO_FLOW) dump[flows.opposite[i]!] = 1;
      }
    }
    if (dump[i] === 0) return;
  }
  write(pkt, i);
}

function write(pkt: Packet, i: number): void {
  let sec = pkt.tsSec;
  let ns = pkt.tsNs;
  if (PD_TSHFT) {
    sec += PD_TTSFTS;
    ns += PD_TTSFTNMS;
    if (ns >= NS_PER_SEC) {
      sec += Math.floor(ns / NS_PER_SEC);
      ns %= NS_PER_SEC;
    }
  }
  if (PD_MACSHFT || PD_VLNSHFT || PD_IPSHFT || PD_TTLSHFT || PD_CHKSUML3) rewritePacket(pkt);
  extracted++;
  if (flowFiles) {
    flowFiles.write(i, core.flows.flowInd[i]!, pkt, sec, ns);
    return;
  }
  const w = writer!;
  w.packet(pkt, sec, ns);
  const split = core.split;
  if (PD_SPLIT && split && w.position >= split.size) {
    w.close();
    writer = open(baseName + nextPart++);
  }
}

export default definePlugin({
  name: PLUGIN,
  number: 960,
  version: '0.9.3',
  t2Version: [0, 9],

  init(c: Core): void {
    core = c;
    extracted = 0;
    dump = new Uint8Array(c.capacity);
    indexList = c.flowIndexFile === undefined ? undefined : loadIndexList(c, c.flowIndexFile);
    // ENVCNTRL=2: the environment overrides the suffix at run time.
    baseName = (c.flowIndexFile ?? c.outputPrefix) + (process.env.PD_SUFFIX ?? PD_SUFFIX);
    nextPart = (c.split?.start ?? 0) + 1;
    snaplen = c.snaplen;
    lastPacket = 0;
    endFlushed = false;
    if (PD_MODE_OUT) {
      const maxOpen = Number(process.env.PD_MAX_FD ?? PD_MAX_FD);
      flowFiles = new FlowFiles(c.capacity, baseName, snaplen, maxOpen, openFailed);
    } else {
      writer = open(baseName);
    }
  },

  onNewFlow(_pkt: Packet, i: number): void {
    dump[i] = 0;
    const list = indexList;
    if (list === undefined || PD_MODE_IN) return;
    if (PD_DIRSEL !== 0 && core.flows.isB(i) !== (PD_DIRSEL === 3)) return;
    if (list.has(core.flows.flowInd[i]!) === (PD_EQ === 1)) dump[i] = 1;
  },

  onLayer2: onPacket,
  onLayer4: onPacket,

  onFlowTerminate(i: number): void {
    const files = flowFiles;
    if (!files) return;
    if (!endFlushed && core.stats.numPackets === lastPacket) {
      endFlushed = true;
      files.flushAll();
    }
    files.close(i);
  },

  report(r: ReportWriter): void {
    r.numP(PLUGIN, 'number of packets extracted', extracted, core.stats.numPackets);
  },

  finalize(): void {
    writer?.close();
    writer = undefined;
    flowFiles?.closeAll();
    flowFiles = undefined;
  },
});
