/**
 * Global counters the core keeps for the end report and monitoring (core.md §3.9, §4.5, §8).
 * Plain numbers: every count stays below 2^53.
 */
export class Stats {
  numPackets = 0;
  /** Sum of caplen, sum of wire length, IP bytes on the wire (§3.4 step 9), padding bytes. */
  bytesProcessed = 0;
  rawBytes = 0;
  bytesOnWire = 0;
  padBytesOnWire = 0;
  captureFileSize = 0;
  numFiles = 0;

  numL2Packets = 0;
  numV4Packets = 0;
  numV6Packets = 0;
  numVxPackets = 0;
  numAPackets = 0;
  numBPackets = 0;
  numABytes = 0;
  numBBytes = 0;
  numLLCPackets = 0;
  numGREPackets = 0;
  numTeredoPackets = 0;
  numAYIYAPackets = 0;
  numLAPDPackets = 0;
  numDTLSPackets = 0;
  numFragV4Packets = 0;
  numFragV6Packets = 0;
  /** Per final L4 protocol and per EtherType: packets and caplen bytes. */
  readonly numPacketsL3 = new Float64Array(256);
  readonly numBytesL3 = new Float64Array(256);
  readonly numPacketsL2 = new Float64Array(65536);
  readonly numBytesL2 = new Float64Array(65536);

  minHdrs = 65535;
  maxHdrs = 0;
  sumHdrs = 0;
  maxVlans = 0;
  maxMpls = 0;

  firstSec = 0;
  firstNs = 0;
  lastSec = 0;
  lastNs = 0;

  totalFlows = 0;
  totalAFlows = 0;
  totalBFlows = 0;
  totalIPv4Flows = 0;
  totalIPv6Flows = 0;
  totalL2Flows = 0;
  corrReplFlws = 0;
  totalRmFlows = 0;
  totalForcedFlows = 0;
  flowsInMemory = 0;
  maxFlowsInMemory = 0;
  /** flowInd counter (T2's totalfIndex). */
  totalfIndex = 0;

  numAlarms = 0;
  numAlarmFlows = 0;

  /** Aggregated flowStat (T2's globalWarn). */
  globalLo = 0;
  globalHi = 0;
}
