import { goldenSetSuite } from './goldenSet.ts';

goldenSetSuite('default');
