import { goldenSetSuite } from './goldenSet.ts';

goldenSetSuite('tutorial');
