import { defineFlags, flag } from '../../core/config/defineFlags.ts';

/** jsonSink.h (spec/sinks.md §3.1). */
export default defineFlags('jsonSink', {
  JSON_SOCKET_ON: flag.bool(0, 'Send the records to a TCP socket instead of a file'),
  JSON_GZ_COMPRESS: flag.bool(0, 'Gzip the output file (.gz appended to its name)'),
  JSON_SPLIT: flag.bool(1, 'Honour -W (split the output file)'),
  JSON_ROOT_NODE: flag.bool(0, 'Wrap all records in one JSON array'),
  JSON_SUPPRESS_EMPTY_ARRAY: flag.bool(1, 'Omit repeating columns without repetitions (0: print [])'),
  JSON_NO_SPACES: flag.bool(1, 'No space after , and : (0: ", " and ": ")'),
  JSON_SELECT: flag.bool(0, 'Only output the columns listed in JSON_SELECT_FILE'),
  JSON_SOCKET_ADDR: flag.string('127.0.0.1', 'JSON_SOCKET_ON: destination address (env)'),
  JSON_SOCKET_PORT: flag.int(5000, 'JSON_SOCKET_ON: destination port (env)', { min: 0, max: 65535 }),
  JSON_SUFFIX: flag.string('_flows.json', 'Output file suffix (env)'),
  JSON_SELECT_FILE: flag.string('json-columns.txt', 'JSON_SELECT: column list, relative to the plugin folder unless absolute (env)'),
});
