import { defineFlags, flag } from '../../core/config/defineFlags.ts';

/** tcpWinSink.h of the sink tutorial. */
export default defineFlags('tcpWinSink', {
  TWS_SERVADD: flag.string('127.0.0.1', 'Destination address'),
  TWS_DPORT: flag.int(5555, 'Destination port', { min: 0, max: 65535 }),
  TWS_SOCKTYPE: flag.enum(1, [0, 1], 'Socket type', ['UDP', 'TCP']),
  TWS_TMINTVL: flag.int(5, 'Seconds of capture time between two reports', { min: 0 }),
});
