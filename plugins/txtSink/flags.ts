import { defineFlags, flag } from '../../core/config/defineFlags.ts';

/** txtSink.h and bin2txt.h configuration (spec/txtSink.md §5). */
export default defineFlags('txtSink', {
  TFS_SPLIT: flag.bool(1, 'Honour -W (split the flow file)'),
  TFS_PRI_HDR: flag.bool(1, 'Write the column-name line'),
  TFS_HDR_FILE: flag.bool(1, 'Write the _headers.txt file'),
  TFS_PRI_HDR_FW: flag.bool(0, 'Repeat the column-name line in every -W fragment'),
  TFS_GZ_COMPRESS: flag.bool(0, 'Gzip the flow file'),
  TFS_FLOWS_TXT_SUFFIX: flag.string('_flows.txt', 'Suffix of the flow file'),
  TFS_HEADER_SUFFIX: flag.string('_headers.txt', 'Suffix of the header file'),
  TFS_EXTENDED_HEADER: flag.bool(0, 'Extended header lines (counts and type codes)'),
  TFS_NC_TYPE: flag.enum(2, [0, 1, 2], 'Type column of the header file', ['none', 'numeric codes', 'names']),
  TFS_SAN_UTF8: flag.bool(1, 'Sanitise strings as UTF-8'),
  HEX_CAPITAL: flag.bool(0, 'Upper-case hex digits'),
  IP4_FORMAT: flag.int(0, 'IPv4 address format (0: dotted quad)', { min: 0, max: 3 }),
  IP6_FORMAT: flag.int(0, 'IPv6 address format (0: compressed)', { min: 0, max: 3 }),
  MAC_FORMAT: flag.int(0, 'MAC address format (0: colon separated)', { min: 0, max: 2 }),
  B2T_TIMESTR: flag.bool(0, 'Timestamps as date strings'),
  HDR_CHR: flag.string('%', 'Comment character of the header line'),
  SEP_CHR: flag.string('\t', 'Column separator'),
  B2T_NON_IP_STR: flag.string('-', 'Placeholder for non-IP addresses'),
  MAC_SEP: flag.string(':', 'MAC address separator'),
});
