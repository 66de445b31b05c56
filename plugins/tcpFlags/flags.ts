import { defineFlags, flag } from '../../core/config/defineFlags.ts';

/** tcpFlags.h (spec/tcpFlags.md §1); the packet-mode (-s) flags are left out with -s itself. */
export default defineFlags('tcpFlags', {
  IPTOS: flag.enum(0, [0, 1, 2], 'ToS column', ['ipToS hex', 'ipToSDscp_ecn', 'ipToSPrec_ecn']),
  RTT_ESTIMATE: flag.bool(1, 'RTT columns and an RTT-based retransmission threshold'),
  IPCHECKSUM: flag.enum(2, [0, 1, 2], 'Checksums verified', ['none', 'IPv4 header', 'IPv4 header and L4']),
  WINDOWSIZE: flag.bool(1, 'TCP window columns'),
  WINMIN: flag.int(1, 'Window threshold: packets with a smaller effective window are counted', { min: 0 }),
  SEQ_ACK_NUM: flag.bool(1, 'Sequence/acknowledgement columns and anomalies'),
  FRAG_ANALYZE: flag.bool(1, 'Fragment position checks'),
  NAT_BT_EST: flag.bool(1, 'TCP timestamp, up time and boot time columns'),
  SCAN_DETECTOR: flag.bool(1, 'Scan classification at flow end'),
  MPTCP: flag.bool(1, 'MPTCP columns and report lines'),
  TCPJA4T: flag.bool(1, 'tcpJA4T column'),
  JA4TOPTMX: flag.int(20, 'Maximum number of option kinds kept for JA4T', { min: 1, max: 255 }),
  TCPFLGCNT: flag.bool(0, 'Column counting each TCP flag and flag combination'),
});
