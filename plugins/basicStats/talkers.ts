import { countHr, hrSuffix, percent } from '../../core/report/numberFormat.ts';
import type { ReportWriter } from '../../core/plugin/api.ts';
import { subnets } from '../basicFlow/subnet.ts';
import { ipText, macText } from './addressText.ts';

const PLUGIN = 'basicStats';

/** The flow with the strictly greatest count so far (ties keep the first flow written). */
class Talker {
  count = 0;
  ipVer = 0;
  readonly addr = new Uint8Array(16);

  offer(count: number, ipVer: number, addr: Uint8Array, off: number, len: number): void {
    if (count <= this.count) return;
    this.count = count;
    this.ipVer = ipVer;
    this.addr.set(addr.subarray(off, off + len));
  }
}

/** ` (CC)` after a talker's address when its subnet code is a country (starts with a letter). */
function location(t: Talker): string {
  const cc = subnets.country(subnets.lookup(t.ipVer, t.addr, 0));
  return /^[A-Za-z]/.test(cc) ? ` (${cc.toUpperCase()})` : '';
}

/** Run-wide maxima for the end report (basicStats.md §4). */
export class Talkers {
  /** Greatest bytps (float) and the packet count of that flow. */
  mxBytsps = 0;
  mxPkts = 0;
  /** Greatest avgL7PktSz, truncated to an integer. */
  mxByts = 0;
  private readonly l2Pkts = new Talker();
  private readonly l2Bytes = new Talker();
  private readonly l3Pkts = new Talker();
  private readonly l3Bytes = new Talker();

  offerRates(bytps: number, pkts: number, avgPktSz: number): void {
    if (bytps > this.mxBytsps) {
      this.mxBytsps = bytps;
      this.mxPkts = pkts;
    }
    if (avgPktSz > this.mxByts) this.mxByts = Math.trunc(avgPktSz);
  }

  offerL2(pkts: number, bytes: number, srcMac: Uint8Array, off: number): void {
    this.l2Pkts.offer(pkts, 0, srcMac, off, 6);
    this.l2Bytes.offer(bytes, 0, srcMac, off, 6);
  }

  offerL3(pkts: number, bytes: number, ipVer: number, srcIP: Uint8Array, off: number): void {
    this.l3Pkts.offer(pkts, ipVer, srcIP, off, 16);
    this.l3Bytes.offer(bytes, ipVer, srcIP, off, 16);
  }

  /** `numPackets`: all processed packets; `flowBytes`: captured bytes of all flow packets (A + B). */
  report(r: ReportWriter, numPackets: number, flowBytes: number): void {
    r.plog(PLUGIN, `Flow max(pktload): ${countHr(this.mxByts)}`);
    // T2 converts the float product to uint64.
    const bps = Math.trunc(Math.fround(this.mxBytsps * 8));
    r.plog(PLUGIN, `Flow max(b/s), pkts: ${bps}${hrSuffix(bps, 'b/s')}, ${countHr(this.mxPkts)}`);
    if (this.l2Pkts.count > 0) {
      this.line(r, 'L2', macText(this.l2Pkts.addr, 0), this.l2Pkts.count, numPackets, 'packets');
      this.line(r, 'L2', macText(this.l2Bytes.addr, 0), this.l2Bytes.count, flowBytes, 'bytes');
    }
    if (this.l3Pkts.count > 0) {
      const pktsAddr = ipText(this.l3Pkts.ipVer, this.l3Pkts.addr, 0) + location(this.l3Pkts);
      this.line(r, 'L3', pktsAddr, this.l3Pkts.count, numPackets, 'packets');
      const bytesAddr = ipText(this.l3Bytes.ipVer, this.l3Bytes.addr, 0) + location(this.l3Bytes);
      this.line(r, 'L3', bytesAddr, this.l3Bytes.count, flowBytes, 'bytes');
    }
  }

  private line(r: ReportWriter, layer: string, addr: string, n: number, total: number, unit: string): void {
    r.plog(PLUGIN, `Biggest ${layer} flow talker: ${addr}: ${countHr(n)} ${percent(n, total)} ${unit}`);
  }
}
