import { goldenSetSuite } from '../../../test/golden/goldenSet.ts';

// The tutorial set plus tcpWin (150), against golden/tcpwin (every capture).
goldenSetSuite('tcpwin');
