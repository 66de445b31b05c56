import { defineFlags, flag } from '../../core/config/defineFlags.ts';

/** tcpWin.h of the tutorial. */
export default defineFlags('tcpWin', {
  TCPWIN_THRES: flag.int(1, 'TCP window size threshold: packets with a smaller window are counted', {
    min: 0,
    max: 65535,
  }),
  TCPWIN_MINPKTS: flag.int(50, 'Minimum number of packets a flow needs to raise an alarm (ALARM_MODE) and to enter the per-IP summary', {
    min: 0,
  }),
  TCPWIN_MAXWSCNT: flag.int(100, 'Maximal number of IPs in the per-IP window size summary', { min: 1 }),
});
