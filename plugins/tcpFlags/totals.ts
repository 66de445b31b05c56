/** Run-wide counters and aggregates of tcpFlags (end report and monitoring, spec §7). */
export class Totals {
  /** ORs over the written flows (spec §5.0); aggStat also feeds tcpWS and tcpJA4T. */
  ipFlags = 0;
  tos = 0;
  stat = 0;
  flags = 0;
  anomaly = 0;
  mptbf = 0;
  mpf = 0;
  scans = 0;
  succScans = 0;
  synRetries = 0;
  seqRetries = 0;
  winBelow = 0;
  winPkts = 0;
  mptcpOptions = 0;

  reset(): void {
    this.ipFlags = this.tos = this.stat = this.flags = this.anomaly = this.mptbf = this.mpf = 0;
    this.scans = this.succScans = this.synRetries = this.seqRetries = 0;
    this.winBelow = this.winPkts = this.mptcpOptions = 0;
  }
}
