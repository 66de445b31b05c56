import { defineFlags, flag } from '../../core/config/defineFlags.ts';

/** basicStats.h configuration (spec/basicStats.md §6). */
export default defineFlags(
  'basicStats',
  {
    BS_AGGR_CNT: flag.bool(0, 'pktsRTAggr/l7BytesRTAggr columns (sums of both directions)'),
    BS_REV_CNT: flag.bool(1, 'pktsRcvd/l7BytesRcvd columns'),
    BS_MOD: flag.int(0, 'Packet length modulo (> 1)', { min: 0 }),
    BS_PAD: flag.bool(1, 'padBytesSnt column'),
    BS_STATS: flag.bool(1, 'Statistics columns (0: only the counts)'),
    BS_PL_STATS: flag.bool(1, 'Packet length statistics'),
    BS_IAT_STATS: flag.bool(1, 'Inter-arrival time statistics'),
    BS_VAR: flag.bool(0, 'Variance columns'),
    BS_STDDEV: flag.bool(1, 'Standard deviation columns'),
    BS_SK: flag.bool(1, 'Skewness/kurtosis columns (with BS_VAR)'),
    BS_XCLD: flag.enum(0, [0, 1, 2, 3, 4], 'Exclude packet lengths from the statistics', [
      'include all',
      'L > BS_XMIN',
      'L < BS_XMAX',
      'BS_XMIN <= L <= BS_XMAX',
      'exclude all',
    ]),
    BS_XMIN: flag.int(1, 'Lower packet length bound for BS_XCLD', { min: 0, max: 65535 }),
    BS_XMAX: flag.int(65535, 'Upper packet length bound for BS_XCLD', { min: 0, max: 65535 }),
  },
  [
    {
      flags: ['BS_XMIN', 'BS_XMAX'],
      check: (v) => (v.BS_XMIN > v.BS_XMAX ? `BS_XMIN (${v.BS_XMIN}) must not exceed BS_XMAX (${v.BS_XMAX})` : undefined),
    },
  ],
);
