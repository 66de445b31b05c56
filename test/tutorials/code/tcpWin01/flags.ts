import { defineFlags, flag } from 't2ts/flags';

/** tcpWin.h of tcpWin01: the USER CONFIGURATION FLAGS block. */
export default defineFlags('tcpWin', {
  TCPWIN_THRES: flag.int(1, 'TCP window size threshold undershoot flag', { min: 0, max: 65535 }),
});
