import { goldenSetSuite } from './goldenSet.ts';

// MONINTTMPCP=1, DIFF_REPORT=1, MACHINE_REPORT=1 and `-m`: machine monitoring lines in pcap time.
goldenSetSuite('tcpwin-mon');
