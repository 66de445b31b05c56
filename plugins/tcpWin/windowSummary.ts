/**
 * The tutorials' per-IP window-threshold summary (tcpWin's `gwz_t`): for each IPv4 source with
 * an alarmed flow, the packet count and below-threshold ratio of its worst flow so far. Exported
 * to dependants (tcpWinSink) as is; only `count` entries are valid.
 */
export interface WindowSummary {
  /** Valid entries (gwz.wzi). */
  count: number;
  /** IPv4 source addresses, 4 bytes each (gwz.wzip). */
  readonly ip: Uint8Array;
  /** The flow's packet count (basicStats numTPkts) when the entry was last updated (gwz.tcpCnt). */
  readonly tcpCnt: Uint32Array;
  /** Below-threshold packets / counted TCP packets of that flow, a C float (gwz.wzCnt). */
  readonly ratio: Float32Array;
}

export function newWindowSummary(capacity: number): WindowSummary {
  return { count: 0, ip: new Uint8Array(capacity * 4), tcpCnt: new Uint32Array(capacity), ratio: new Float32Array(capacity) };
}

/**
 * The tutorial's update: the entry of `src` (or a new one while there is room) takes the flow's
 * values when its ratio is greater than the stored one.
 */
export function updateWindowSummary(s: WindowSummary, src: Uint8Array, srcOff: number, tcpCnt: number, ratio: number): void {
  const capacity = s.tcpCnt.length;
  const n = s.count;
  if (n >= capacity) return; // full: the tutorial stops saving
  let i = 0;
  for (; i < n; i++) {
    const o = i * 4;
    if (s.ip[o] === src[srcOff] && s.ip[o + 1] === src[srcOff + 1] && s.ip[o + 2] === src[srcOff + 2] && s.ip[o + 3] === src[srcOff + 3]) break;
  }
  if (!(ratio > s.ratio[i]!)) return;
  s.tcpCnt[i] = tcpCnt;
  s.ratio[i] = ratio;
  if (i === n) {
    s.ip.set(src.subarray(srcOff, srcOff + 4), i * 4);
    s.count++;
  }
}
