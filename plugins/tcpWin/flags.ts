import { defineFlags, flag } from '../../core/config/defineFlags.ts';

/** tcpWin.h of the tutorial. */
export default defineFlags('tcpWin', {
  TCPWIN_THRES: flag.int(1, 'TCP window size threshold: packets with a smaller window are counted', {
    min: 0,
    max: 65535,
  }),
  TCPWIN_MINPKTS: flag.int(50, 'ALARM_MODE: minimum number of packets a flow needs to raise an alarm', {
    min: 0,
  }),
});
