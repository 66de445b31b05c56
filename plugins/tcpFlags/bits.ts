/** tcpFStat bits (spec §6.1). */
export const enum Stat {
  SEEN = 0x0001,
  TS_INIT = 0x0002,
  TS_DECREASE = 0x0004,
  OPT_CORRUPT = 0x0008,
  WIN_INIT = 0x0010,
  WIN_UPDATE = 0x0020,
  ZWIN_PROBE = 0x0040,
  ZWIN_PROBE_ACK = 0x0080,
  WIN_BELOW = 0x0100,
  WIN_SCALE = 0x0200,
  WIN_FULL = 0x0400,
  WIN_UP = 0x0800,
  L4_CHECKSUM_OPEN = 0x1000,
  SACK = 0x4000,
  MPTCP = 0x8000,
  /** Bits that carry over from the flow's earlier packets into a packet's status. */
  CARRY = 0x8a13,
}

/** ipFlags bits (spec §6.2). */
export const enum IpF {
  OPT_CORRUPT = 0x0001,
  ID_DECREASE = 0x0004,
  FRAG_SHORT = 0x0008,
  FRAG_OVERFLOW = 0x0010,
  FRAG_POSITION = 0x0100,
  FRAG_SEQ_ERR = 0x0200,
  IP_CHECKSUM = 0x0400,
  L4_CHECKSUM = 0x0800,
  SNAPPED = 0x1000,
  UDP_LENGTH = 0x2000,
  SAME_TIME = 0x4000,
  TIME_BACK = 0x8000,
}

/** tcpFlags synthetic bits (spec §6.3). */
export const enum Flag {
  FIN_ACK = 0x0100,
  SYN_ACK = 0x0200,
  RST_ACK = 0x0400,
  NULL = 0x0800,
  SYN_FIN = 0x1000,
  SYN_FIN_RST = 0x2000,
  RST_FIN = 0x4000,
  XMAS = 0x8000,
}

/** tcpAnomaly bits (spec §6.4). */
export const enum Anom {
  SYN_RETRY = 0x0001,
  RETRANSMIT = 0x0002,
  FAST_RETRANSMIT = 0x0004,
  DUP_ACK = 0x0008,
  KEEP_ALIVE = 0x0010,
  KEEP_ALIVE_ACK = 0x0020,
  OUT_OF_ORDER = 0x0040,
  SPURIOUS = 0x0080,
  ACK_UNSEEN = 0x0100,
  GAP = 0x0200,
  SCAN = 0x1000,
  SUCC_SCAN = 0x2000,
  SYN_PAYLOAD = 0x4000,
  /** Low bits dropped once the flow is a scan. */
  LOW = 0x003f,
}

/** rttFlag states (spec §4.9–4.11). */
export const enum Rtt {
  SYN = 0x01,
  SYN_ACK = 0x02,
  ACK = 0x04,
  STOP = 0x80,
}
