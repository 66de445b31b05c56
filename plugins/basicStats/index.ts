import { column, definePlugin, MonState, NO_FLOW, StatLo } from '../../core/plugin/api.ts';
import type { Core, OutputBuffer, Packet, ReportWriter } from '../../core/plugin/api.ts';
import { FlowStats } from './flowStats.ts';
import { Talkers } from './talkers.ts';

const f32 = Math.fround;
const NS_PER_SEC = 1e9;

let core: Core;
let stats: FlowStats;
let talkers: Talkers;

function onPacket(pkt: Packet, i: number): void {
  const flows = core.flows;
  stats.add(i, pkt.len, pkt.padLen, flows.lastSec[i], flows.lastNs[i]);
}

/** (a − b) / (a + b) in C float, 0 when both are 0; `dir` flips the sign of the difference. */
function asymmetry(a: number, b: number, dir: number): number {
  if (a + b === 0) return 0;
  return f32(f32(dir * f32(f32(a) - f32(b))) / f32(a + b));
}

function writeReport(r: ReportWriter): void {
  const s = core.stats;
  talkers.report(r, s.numPackets, s.numABytes + s.numBBytes);
}

export default definePlugin({
  name: 'basicStats',
  number: 120,
  version: '0.9.3',
  t2Version: [0, 9],
  columns: [
    column('pktsSnt', 'Number of transmitted packets', 'U64'),
    column('pktsRcvd', 'Number of received packets', 'U64'),
    column('padBytesSnt', 'Number of transmitted padding bytes', 'I64'),
    column('l7BytesSnt', 'Number of transmitted layer 7 bytes', 'U64'),
    column('l7BytesRcvd', 'Number of received layer 7 bytes', 'U64'),
    column('minL7PktSz', 'Minimum layer 7 packet size', 'U16'),
    column('maxL7PktSz', 'Maximum layer 7 packet size', 'U16'),
    column('avgL7PktSz', 'Average layer 7 packet size', 'F'),
    column('stdL7PktSz', 'Standard deviation layer 7 packet size', 'F'),
    column('minIAT', 'Minimum IAT', 'F'),
    column('maxIAT', 'Maximum IAT', 'F'),
    column('avgIAT', 'Average IAT', 'F'),
    column('stdIAT', 'Standard deviation IAT', 'F'),
    column('pktps', 'Sent packets per second', 'F'),
    column('bytps', 'Sent bytes per second', 'F'),
    column('pktAsm', 'Packet stream asymmetry', 'F'),
    column('bytAsm', 'Byte stream asymmetry', 'F'),
  ],

  init(c: Core): void {
    core = c;
    stats = new FlowStats(c.capacity);
    talkers = new Talkers();
  },

  onNewFlow(pkt: Packet, i: number): void {
    stats.reset(i, pkt.len, core.flows.lastSec[i], core.flows.lastNs[i]);
  },

  onLayer2(pkt: Packet, i: number): void {
    // IP packets come here with NO_FLOW and are counted in onLayer4.
    if (i !== NO_FLOW) onPacket(pkt, i);
  },

  onLayer4(pkt: Packet, i: number): void {
    onPacket(pkt, i);
  },

  onFlowTerminate(i: number, out: OutputBuffer): void {
    const flows = core.flows;
    const pkts = stats.numTPkts(i);
    const bytes = stats.numTBytes(i);
    const opp = flows.opposite[i];
    const oppPkts = opp === NO_FLOW ? 0 : stats.numTPkts(opp);
    const oppBytes = opp === NO_FLOW ? 0 : stats.numTBytes(opp);

    const avgPktSz = pkts === 0 ? 0 : f32(f32(bytes) / f32(pkts));
    let durSec = flows.lastSec[i] - flows.firstSec[i];
    let durNs = flows.lastNs[i] - flows.firstNs[i];
    if (durNs < 0) {
      durNs += NS_PER_SEC;
      durSec -= 1;
    }
    const dur = f32((durSec >>> 0) + durNs / NS_PER_SEC);
    const hasDuration = durSec !== 0 || durNs !== 0;
    const pktps = hasDuration ? f32(f32(pkts) / dur) : 0;
    const bytps = hasDuration ? f32(f32(bytes) / dur) : 0;
    // A lone reply (B bit, no opposite) counts its packets as received: negative asymmetry.
    const dir = opp === NO_FLOW && flows.isB(i) ? -1 : 1;

    out.u64(pkts);
    out.u64(oppPkts);
    out.i64(stats.padBytes(i));
    out.u64(bytes);
    out.u64(oppBytes);
    out.u16(stats.minPktSz(i));
    out.u16(stats.maxPktSz(i));
    out.f32(avgPktSz);
    out.f32(f32(Math.sqrt(stats.varPktSz(i))));
    out.f32(stats.minIAT(i));
    out.f32(stats.maxIAT(i));
    out.f32(stats.avgIAT(i));
    out.f32(f32(Math.sqrt(stats.varIAT(i))));
    out.f32(pktps);
    out.f32(bytps);
    out.f32(asymmetry(pkts, oppPkts, dir));
    out.f32(asymmetry(bytes, oppBytes, 1));

    talkers.offerRates(bytps, pkts, avgPktSz);
    if ((flows.statusLo[i] & StatLo.L2_FLOW) !== 0) talkers.offerL2(pkts, bytes, flows.srcMac, i * 6);
    else talkers.offerL3(pkts, bytes, flows.ipVer[i], flows.srcIP, i * 16);
  },

  report(r: ReportWriter): void {
    writeReport(r);
  },

  monitoring(r: ReportWriter, state: MonState): void {
    // Only the human report carries basicStats lines; it adds no machine-report columns.
    if (state === MonState.Report) writeReport(r);
  },
});
