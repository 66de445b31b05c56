import { vi } from 'vitest';
import { goldenSetSuite } from './goldenSet.ts';

// The default set writes the most columns; the big scan captures need more than 5 s on a loaded host.
vi.setConfig({ testTimeout: 60_000 });

goldenSetSuite('default');
