import { defineFlags, flag } from '../../core/config/defineFlags.ts';

/** socketSink.h (spec/sinks.md §2.1). */
export default defineFlags(
  'socketSink',
  {
    SKS_SOCKTYPE: flag.enum(1, [0, 1], 'Socket type', ['UDP', 'TCP']),
    SKS_CONTENT_TYPE: flag.enum(1, [0, 1, 2], 'What is sent', ['binary records', 'text (txtSink format)', 'JSON (jsonSink format)']),
    SKS_HOST_INFO: flag.bool(0, 'Binary mode: send a host description first'),
    SKS_GZ_COMPRESS: flag.bool(0, 'TCP only: gzip the whole stream'),
    SKS_SERVADD: flag.string('127.0.0.1', 'Destination host (env)'),
    SKS_DPORT: flag.int(6666, 'Destination port (env)', { min: 0, max: 65535 }),
  },
  [
    {
      flags: ['SKS_GZ_COMPRESS', 'SKS_SOCKTYPE'],
      check: (v) => (v.SKS_GZ_COMPRESS && !v.SKS_SOCKTYPE ? 'SKS_GZ_COMPRESS needs a TCP socket (SKS_SOCKTYPE=1)' : undefined),
    },
  ],
);
