/**
 * T2's default plugin set (t2build without names; t2conf --reset without names lacks
 * portClassifier in T2, a quirk not worth copying). Plugins missing from this installation are
 * skipped where the set is used.
 */
export const DEFAULT_PLUGINS = [
  'basicFlow',
  'basicStats',
  'connStat',
  'icmpDecode',
  'macRecorder',
  'portClassifier',
  'protoStats',
  'tcpFlags',
  'tcpStates',
  'txtSink',
] as const;
