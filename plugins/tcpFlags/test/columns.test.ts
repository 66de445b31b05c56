import { describe, expect, it } from 'vitest';
import { headerTypeName } from '../../../core/output/columns.ts';
import tcpFlags from '../index.ts';
import { Session } from './session.ts';

describe('tcpFlags columns', () => {
  it('declares the 52 default columns with T2 names and types (golden default headers, 40–91)', () => {
    expect(tcpFlags.columns.map((c) => `${c.name}:${headerTypeName(c)}`)).toEqual([
      'tcpFStat:H16', 'ipMindIPID:U16', 'ipMaxdIPID:U16', 'ipMinTTL:U8', 'ipMaxTTL:U8', 'ipTTLChg:U8',
      'ipToS:H8', 'ipFlags:H16', 'ipOptCnt:U16', 'ipOptCpCl_Num:H8_H32', 'ip6OptCntHH_D:U16_U16',
      'ip6OptHH_D:H32_H32', 'tcpISeqN:U32', 'tcpPSeqCnt:U16', 'tcpSeqSntBytes:U64', 'tcpSeqFaultCnt:U16',
      'tcpPAckCnt:U16', 'tcpFlwLssAckRcvdBytes:U64', 'tcpAckFaultCnt:U16', 'tcpBFlgtMx:U32',
      'tcpInitWinSz:U32', 'tcpAvgWinSz:F', 'tcpMinWinSz:U32', 'tcpMaxWinSz:U32', 'tcpWinSzDwnCnt:U16',
      'tcpWinSzUpCnt:U16', 'tcpWinSzChgDirCnt:U16', 'tcpWinSzThRt:F', 'tcpFlags:H16', 'tcpAnomaly:H16',
      'tcpJA4T:SC', 'tcpOptPktCnt:U16', 'tcpOptCnt:U16', 'tcpOptions:H32', 'tcpMSS:U16', 'tcpWS:U16',
      'tcpMPTBF:H16', 'tcpMPF:H8', 'tcpMPAID:U8', 'tcpMPDSSF:H8', 'tcpTmS:U32', 'tcpTmER:U32', 'tcpEcI:F',
      'tcpUtm:D', 'tcpBtm:U64.U32', 'tcpSSASAATrip:F', 'tcpRTTAckTripMin:F', 'tcpRTTAckTripMax:F',
      'tcpRTTAckTripAvg:F', 'tcpRTTAckTripJitAvg:F', 'tcpRTTSseqAA:F', 'tcpRTTAckJitAvg:F',
    ]);
    expect(tcpFlags.columns[28].description).toBe('TCP aggregated protocol flags (FIN-ACK, SYN-ACK, RST-ACK, CWR, ECE, URG, ACK, PSH, RST, SYN, FIN)');
  });

  it('prints the L2-flow defaults (no IP packet)', () => {
    const s = new Session();
    s.a({ sec: 1, ethType: 0x0806 });
    const [r] = s.records();
    expect(r).toMatchObject({
      tcpFStat: '0x0000', ipMindIPID: '65535', ipMaxdIPID: '0', ipMinTTL: '0', ipFlags: '0x0000',
      ipOptCpCl_Num: '0x00_0x00000000', ip6OptHH_D: '0x00000000_0x00000000', tcpAvgWinSz: '0',
      tcpJA4T: '0_00_00_00', tcpWS: '0', tcpUtm: '0.000000', tcpBtm: '0.000000000',
      tcpSSASAATrip: '0', tcpRTTAckTripMin: '65535', tcpRTTAckTripMax: '0', tcpRTTSseqAA: '0',
    });
  });
});
