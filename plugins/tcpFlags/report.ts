import { MonState } from '../../core/plugin/api.ts';
import type { ReportWriter } from '../../core/plugin/api.ts';
import { countHr, percent } from '../../core/report/numberFormat.ts';
import type { Totals } from './totals.ts';

const PLUGIN = 'tcpFlags';

function aggregates(r: ReportWriter, t: Totals): void {
  r.aggrHex(PLUGIN, 'ipFlags', t.ipFlags, 4);
  r.aggrHex(PLUGIN, 'tcpFStat', t.stat, 4);
  r.aggrHex(PLUGIN, 'tcpFlags', t.flags, 4);
  r.aggrHex(PLUGIN, 'tcpAnomaly', t.anomaly, 4);
  r.aggrHex(PLUGIN, 'ipToS', t.tos, 2);
}

function scans(r: ReportWriter, attempted: number, successful: number): void {
  r.plog(PLUGIN, `Number of TCP scans attempted, successful: ${countHr(attempted)}, ${countHr(successful)} ${percent(successful, attempted)}`);
}

function retries(r: ReportWriter, syn: number, seq: number): void {
  r.plog(PLUGIN, `Number of TCP SYN retries, seq retries: ${countHr(syn)}, ${countHr(seq)}`);
}

/** End report (spec §7.1); `numPackets` is the number of packets read. */
export function endReport(r: ReportWriter, t: Totals, numPackets: number): void {
  aggregates(r, t);
  if (t.scans > 0 || t.succScans > 0) scans(r, t.scans, t.succScans);
  if (t.synRetries > 0 || t.seqRetries > 0) retries(r, t.synRetries, t.seqRetries);
  if (WINDOWSIZE) r.numP(PLUGIN, `Number WinSz below ${WINMIN}`, t.winBelow, t.winPkts);
  if (MPTCP && t.mptcpOptions > 0) {
    r.plog(PLUGIN, `Aggregated MPTCP subtypes: tcpMPTBF=0x${t.mptbf.toString(16).padStart(4, '0')}`);
    r.plog(PLUGIN, `Aggregated MPTCP flags: tcpMPF=0x${t.mpf.toString(16).padStart(2, '0')}`);
    r.numP(PLUGIN, 'Number of MPTCP packets', t.mptcpOptions, numPackets);
  }
}

/** Counter values at the previous monitoring output (DIFF_REPORT). */
const base = { scans: 0, succScans: 0, synRetries: 0, seqRetries: 0 };

export function resetMonitoring(): void {
  base.scans = base.succScans = base.synRetries = base.seqRetries = 0;
}

/** Monitoring (spec §7.2): machine header/values or the human USR1 report. */
export function monitoring(r: ReportWriter, state: MonState, t: Totals): void {
  const scanCnt = t.scans - base.scans;
  const succ = t.succScans - base.succScans;
  const syn = t.synRetries - base.synRetries;
  const seq = t.seqRetries - base.seqRetries;
  switch (state) {
    case MonState.Header:
      r.raw('ipFlags\ttcpFStat\ttcpFlags\ttcpAnomaly\ttcpScan\ttcpSuccScan\ttcpSynRetries\ttcpSeqRetries\t');
      break;
    case MonState.Values: {
      const hex = (v: number): string => `0x${v.toString(16)}\t`;
      r.raw(`${hex(t.ipFlags)}${hex(t.stat)}${hex(t.flags)}${hex(t.anomaly)}${scanCnt}\t${succ}\t${syn}\t${seq}\t`);
      break;
    }
    case MonState.Report:
      aggregates(r, t);
      if (succ > 0) scans(r, scanCnt, succ);
      if (syn > 0) retries(r, syn, seq);
      break;
  }
  if (DIFF_REPORT) {
    base.scans = t.scans;
    base.succScans = t.succScans;
    base.synRetries = t.synRetries;
    base.seqRetries = t.seqRetries;
  }
}
