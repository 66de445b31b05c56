import { column, definePlugin, NO_FLOW, StatHi, StatLo } from '../../core/plugin/api.ts';
import type { Core, OutputBuffer, Packet } from '../../core/plugin/api.ts';
import { BasicFlowState, DST_MACS, RECORD, SRC_MACS } from './flowState.ts';
import { subnets } from './subnet.ts';

const MAC_LEN = 6;
const NS_PER_SEC = 1e9;

let core: Core;
let state: BasicFlowState;

/** hdrDesc list and MACs: the per-packet part shared by L2 and IP flows (basicFlow.md §2). */
function onPacket(pkt: Packet, i: number): void {
  const flows = core.flows;
  if (!state.addHdrDesc(i, pkt.hdrDescId, pkt.numHdrs)) {
    // The 5th distinct description marks the flow only, not the aggregate.
    flows.statusHi[i] |= StatHi.HDOVRN;
  }
  const off = pkt.macOff;
  if (off < 0 || ((flows.statusLo[i] | pkt.statusLo) & StatLo.L2_NO_ETH) !== 0) return;
  state.addMac(i, false, pkt.buf, off + MAC_LEN);
  state.addMac(i, true, pkt.buf, off);
}

function writeMacs(out: OutputBuffer, n: number, list: number): void {
  out.numRep(n);
  for (let k = 0; k < n; k++) out.bytesFrom(state.bytes, list + k * MAC_LEN, MAC_LEN);
}

export default definePlugin({
  name: 'basicFlow',
  number: 100,
  version: '0.9.3',
  t2Version: [0, 9],
  columns: [
    column('flowStat', 'Flow status and warnings', 'H64'),
    column('timeFirst', 'Date time of first packet', 'TS'),
    column('timeLast', 'Date time of last packet', 'TS'),
    column('duration', 'Flow duration', 'DUR'),
    column('numHdrDesc', 'Number of different headers descriptions', 'U8'),
    column('numHdrs', 'Number of headers (depth) in hdrDesc', 'U16', true),
    column('hdrDesc', 'Headers description', 'SC', true),
    column('srcMac', 'Mac source', 'MAC', true),
    column('dstMac', 'Mac destination', 'MAC', true),
    column('ethType', 'Ethernet type', 'H16'),
    column('vlanID', 'VLAN IDs', 'U16', true),
    column('srcIP', 'Source IP address', 'IPX'),
    column('srcIPCC', 'Source IP country', 'SC'),
    column('srcIPOrg', 'Source IP organization', 'S'),
    column('srcPort', 'Source port', 'U16'),
    column('dstIP', 'Destination IP address', 'IPX'),
    column('dstIPCC', 'Destination IP country', 'SC'),
    column('dstIPOrg', 'Destination IP organization', 'S'),
    column('dstPort', 'Destination port', 'U16'),
    column('l4Proto', 'Layer 4 protocol', 'U8'),
  ],

  init(c: Core): void {
    core = c;
    state = new BasicFlowState(c.capacity);
  },

  onNewFlow(pkt: Packet, i: number): void {
    state.reset(i);
    state.setVlans(i, pkt);
    const flows = core.flows;
    const ipVer = flows.ipVer[i];
    if (ipVer === 4 || ipVer === 6) {
      state.srcSubnet[i] = subnets.lookup(ipVer, flows.srcIP, i * 16);
      state.dstSubnet[i] = subnets.lookup(ipVer, flows.dstIP, i * 16);
    }
  },

  onLayer2(pkt: Packet, i: number): void {
    // IP packets come here with NO_FLOW and are handled in onLayer4.
    if (i !== NO_FLOW) onPacket(pkt, i);
  },

  onLayer4(pkt: Packet, i: number): void {
    onPacket(pkt, i);
  },

  onFlowTerminate(i: number, out: OutputBuffer): void {
    const flows = core.flows;
    out.u64HiLo(flows.statusHi[i], flows.statusLo[i]);
    // Seconds are uint32 in T2's text output; a negative duration wraps (4294967291.000000500).
    out.time(flows.firstSec[i] >>> 0, flows.firstNs[i]);
    out.time(flows.lastSec[i] >>> 0, flows.lastNs[i]);
    let durSec = flows.lastSec[i] - flows.firstSec[i];
    let durNs = flows.lastNs[i] - flows.firstNs[i];
    if (durNs < 0) {
      durNs += NS_PER_SEC;
      durSec -= 1;
    }
    out.time(durSec >>> 0, durNs);

    const nDesc = state.hdrDescCount(i);
    out.u8(nDesc);
    out.numRep(nDesc);
    for (let k = 0; k < nDesc; k++) out.u16(state.numHdrs(i, k));
    out.numRep(nDesc);
    for (let k = 0; k < nDesc; k++) out.str(core.hdrDescText(state.hdrDescId(i, k)));

    writeMacs(out, state.srcMacCount(i), i * RECORD + SRC_MACS);
    writeMacs(out, state.dstMacCount(i), i * RECORD + DST_MACS);
    out.u16(flows.ethType[i]);
    const nVlan = state.vlanCount(i);
    out.numRep(nVlan);
    for (let k = 0; k < nVlan; k++) out.u16(state.vlan(i, k));

    const ipVer = flows.ipVer[i];
    out.ipx(ipVer, flows.srcIP, i * 16);
    out.str(subnets.country(state.srcSubnet[i]));
    out.str(subnets.org(state.srcSubnet[i]));
    out.u16(flows.srcPort[i]);
    out.ipx(ipVer, flows.dstIP, i * 16);
    out.str(subnets.country(state.dstSubnet[i]));
    out.str(subnets.org(state.dstSubnet[i]));
    out.u16(flows.dstPort[i]);
    out.u8(flows.l4Proto[i]);
  },
});
