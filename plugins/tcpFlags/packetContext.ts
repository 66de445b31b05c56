/** Values of the packet being processed that the later steps need; one instance is reused. */
export class PacketContext {
  /** tcpFStat bits of this packet (spec §4.1 `S`). */
  S = 0;
  /** tcpAnomaly bits of this packet (spec §4.11 `a`). */
  anomaly = 0;
  /** Effective TCP window and the scale factor applied (0: unscaled). */
  win = 0;
  scale = 0;
  /** ipFlags bits of this packet. */
  ipF = 0;
  /** Inter-packet distance in the flow (C float). */
  gap = 0;
  /** u16(l3Len − l3HdrLen). */
  l4Len = 0;
  /** The packet carries the start of the L4 header (tcpFlags' own first-fragment test). */
  first = true;
  /** More fragments follow. */
  more = false;
  /** IPv6 fragment header field (offset·8 | M) or -1; IPv6 HBH / last DestOpts header offsets or -1. */
  ip6Frag = -1;
  ip6HH = -1;
  ip6D = -1;
}

/** Extension headers of the innermost IPv6 header up to the L4 header (core.md §3.5). */
const HOPOPTS = 0;
const ROUTING = 43;
const FRAGMENT = 44;
const AH = 51;
const DSTOPTS = 60;

/** Finds the fragment, Hop-by-Hop and Destination Options headers of an IPv6 packet. */
export function findIp6Headers(c: PacketContext, b: Uint8Array, l3: number, l4: number): void {
  c.ip6Frag = c.ip6HH = c.ip6D = -1;
  let type = b[l3 + 6];
  let h = l3 + 40;
  while (h < l4) {
    let len: number;
    if (type === HOPOPTS || type === DSTOPTS || type === ROUTING) {
      if (type === HOPOPTS) c.ip6HH = h;
      else if (type === DSTOPTS) c.ip6D = h;
      len = (b[h + 1] + 1) * 8;
    } else if (type === FRAGMENT) {
      c.ip6Frag = (b[h + 2] << 8) | b[h + 3];
      len = 8;
    } else if (type === AH) len = (b[h + 1] + 2) * 4;
    else return;
    type = b[h];
    h += len;
  }
}
