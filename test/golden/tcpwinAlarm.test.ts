import { goldenSetSuite } from './goldenSet.ts';

// ALARM_MODE=1 with tcpWin's alarms and pcapd: only flows with alarms are written.
goldenSetSuite('tcpwin-alarm');
