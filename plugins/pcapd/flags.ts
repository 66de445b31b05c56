import { defineFlags, flag } from '../../core/config/defineFlags.ts';

/** pcapd.h (spec/pcapd.md §1). */
export default defineFlags(
  'pcapd',
  {
    PD_MODE_PKT: flag.bool(0, 'Only packets numbered PD_STRTPKT..PD_ENDPKT are eligible'),
    PD_STRTPKT: flag.int(1, 'PD_MODE_PKT: first packet number', { min: 1 }),
    PD_ENDPKT: flag.int(10, 'PD_MODE_PKT: last packet number (0: no upper bound)', { min: 0 }),
    PD_MODE_IN: flag.bool(0, '0: select by -e file or FL_ALARM; 1: every packet of every flow'),
    PD_LBSRCH: flag.enum(1, [0, 1], 'Format of the -e file', ['text, linear search', 'binary, binary search']),
    PD_EQ: flag.bool(1, '1: write matching flows; 0: write the non-matching ones'),
    PD_OPP: flag.bool(0, 'Alarm mode: an alarmed packet also marks the opposite flow'),
    PD_DIRSEL: flag.enum(0, [0, 2, 3], '-e mode: directions written', ['both', 'A flows only', 'B flows only']),
    PD_MODE_OUT: flag.enum(0, [0, 1], 'Output files', ['one file', 'one file per flow index, appended to']),
    PD_MAX_FD: flag.int(128, 'PD_MODE_OUT: maximum number of simultaneously open files (env)', { min: 1 }),
    PD_SPLIT: flag.bool(0, 'Single-file mode: split the output by -W size'),
    PD_TSHFT: flag.bool(0, 'Shift the written timestamps'),
    PD_TTSFTS: flag.int(0, 'PD_TSHFT: seconds added'),
    PD_TTSFTNMS: flag.int(1, 'PD_TSHFT: nanoseconds added'),
    PD_SUFFIX: flag.string('_pcapd.pcap', 'Output file suffix (env)'),
  },
);
