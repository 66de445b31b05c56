import { column } from '../../core/plugin/api.ts';
import type { Column } from '../../core/plugin/api.ts';

const TOS: Column = [
  column('ipToS', 'IP Type of Service hex', 'H8'),
  column('ipToSDscp_ecn', 'IP Type of Service: DSCP and ECN decimal', ['U8', 'U8']),
  column('ipToSPrec_ecn', 'IP Type of Service: Precedence and ECN', ['U8', 'U8']),
][IPTOS];

const FLAG_COUNT_TYPES = Array<'U16'>(16).fill('U16');

/** The plugin's columns in output order (spec §2); configuration flags remove groups. */
export const COLUMNS: readonly Column[] = [
  column('tcpFStat', 'tcpFlags status', 'H16'),
  column('ipMindIPID', 'IP minimum delta IP ID', 'U16'),
  column('ipMaxdIPID', 'IP maximum delta IP ID', 'U16'),
  column('ipMinTTL', 'IP minimum TTL', 'U8'),
  column('ipMaxTTL', 'IP maximum TTL', 'U8'),
  column('ipTTLChg', 'IP TTL change count', 'U8'),
  TOS,
  column('ipFlags', 'IP aggregated flags', 'H16'),
  ...(IPV6_ACTIVATE !== 1
    ? [
        column('ipOptCnt', 'IP options count', 'U16'),
        column('ipOptCpCl_Num', 'IP aggregated options, copy-class and number', ['H8', 'H32']),
      ]
    : []),
  ...(IPV6_ACTIVATE > 0
    ? [
        column('ip6OptCntHH_D', 'IPv6 Hop-by-Hop destination option counts', ['U16', 'U16']),
        column('ip6OptHH_D', 'IPv6 aggregated Hop-by-Hop destination options', ['H32', 'H32']),
      ]
    : []),
  ...(SEQ_ACK_NUM
    ? [
        column('tcpISeqN', 'TCP initial sequence number', 'U32'),
        column('tcpPSeqCnt', 'TCP packet seq count', 'U16'),
        column('tcpSeqSntBytes', 'TCP sent seq diff bytes', 'U64'),
        column('tcpSeqFaultCnt', 'TCP sequence number fault count', 'U16'),
        column('tcpPAckCnt', 'TCP packet ACK count', 'U16'),
        column('tcpFlwLssAckRcvdBytes', 'TCP flawless ACK received bytes', 'U64'),
        column('tcpAckFaultCnt', 'TCP ACK number fault count', 'U16'),
        column('tcpBFlgtMx', 'TCP Bytes in Flight MAX', 'U32'),
      ]
    : []),
  ...(WINDOWSIZE
    ? [
        column('tcpInitWinSz', 'TCP initial effective window size', 'U32'),
        column('tcpAvgWinSz', 'TCP average effective window size', 'F'),
        column('tcpMinWinSz', 'TCP minimum effective window size', 'U32'),
        column('tcpMaxWinSz', 'TCP maximum effective window size', 'U32'),
        column('tcpWinSzDwnCnt', 'TCP effective window size change down count', 'U16'),
        column('tcpWinSzUpCnt', 'TCP effective window size change up count', 'U16'),
        column('tcpWinSzChgDirCnt', 'TCP effective window size direction change count', 'U16'),
        column('tcpWinSzThRt', 'TCP packet count ratio below window size WINMIN threshold', 'F'),
      ]
    : []),
  column('tcpFlags', 'TCP aggregated protocol flags (FIN-ACK, SYN-ACK, RST-ACK, CWR, ECE, URG, ACK, PSH, RST, SYN, FIN)', 'H16'),
  column('tcpAnomaly', 'TCP aggregated header anomaly flags', 'H16'),
  ...(TCPFLGCNT ? [column('tcpCntF_S_R_P_A_U_E_C_FA_SA_RA_N_SF_SFR_RF_X', 'TCP flags counts', FLAG_COUNT_TYPES)] : []),
  ...(TCPJA4T ? [column('tcpJA4T', 'TCP JA4T/JA4TS fingerprint', 'SC')] : []),
  column('tcpOptPktCnt', 'TCP options packet count', 'U16'),
  column('tcpOptCnt', 'TCP options count', 'U16'),
  column('tcpOptions', 'TCP aggregated options', 'H32'),
  column('tcpMSS', 'TCP maximum segment size', 'U16'),
  column('tcpWS', 'TCP window scale', 'U16'),
  ...(MPTCP
    ? [
        column('tcpMPTBF', 'TCP MPTCP type bitfield', 'H16'),
        column('tcpMPF', 'TCP MPTCP flags', 'H8'),
        column('tcpMPAID', 'TCP MPTCP address ID', 'U8'),
        column('tcpMPDSSF', 'TCP MPTCP DSS flags', 'H8'),
      ]
    : []),
  ...(NAT_BT_EST
    ? [
        column('tcpTmS', 'TCP time stamp', 'U32'),
        column('tcpTmER', 'TCP time echo reply', 'U32'),
        column('tcpEcI', 'TCP estimated counter increment', 'F'),
        column('tcpUtm', 'TCP estimated up time', 'D'),
        column('tcpBtm', 'TCP estimated boot time', 'TS'),
      ]
    : []),
  ...(RTT_ESTIMATE
    ? [
        column('tcpSSASAATrip', 'TCP trip time (A: SYN, SYN-ACK, B: SYN-ACK, ACK)', 'F'),
        column('tcpRTTAckTripMin', 'TCP ACK trip min', 'F'),
        column('tcpRTTAckTripMax', 'TCP ACK trip max', 'F'),
        column('tcpRTTAckTripAvg', 'TCP ACK trip average', 'F'),
        column('tcpRTTAckTripJitAvg', 'TCP ACK trip jitter average', 'F'),
        column('tcpRTTSseqAA', 'TCP round trip time (A: SYN, SYN-ACK, ACK, B: ACK-ACK)', 'F'),
        column('tcpRTTAckJitAvg', 'TCP ACK round trip average jitter', 'F'),
      ]
    : []),
];
