import type { OutputBuffer } from '../../core/plugin/api.ts';
import type { FlowState } from './flowState.ts';

const UNDERSCORE = 0x5f;
const DASH = 0x2d;
const ZERO = 0x30;
/** T2's string buffer for the fingerprint, NUL included. */
const MAX_LEN = 80;

const text = new Uint8Array(MAX_LEN + 16);
let len = 0;

function put(c: number): void {
  text[len++] = c;
}

function putDec(v: number): void {
  if (v >= 10) putDec(Math.floor(v / 10));
  put(ZERO + (v % 10));
}

/** `00` for an empty part, followed by `sep` unless it is -1. */
function putNone(sep: number): void {
  put(ZERO);
  put(ZERO);
  if (sep >= 0) put(sep);
}

/**
 * tcpJA4T (spec §5.6): `win_kinds-joined` + MSS (`%02u`, no `_` before it when options exist)
 * + `_` + window shift, or `00_`/`00` for none. The shift depends on the run-wide status OR.
 */
export function writeJa4t(out: OutputBuffer, st: FlowState, i: number, wsActive: boolean): void {
  len = 0;
  putDec(st.winInit[i]);
  put(UNDERSCORE);
  const n = st.ja4Count[i];
  if (n === 0) putNone(UNDERSCORE);
  for (let k = 0; k < n; k++) {
    if (k > 0) put(DASH);
    putDec(st.ja4Kinds[i * JA4TOPTMX + k]);
  }
  const mss = st.mss[i];
  if (mss < 10) put(ZERO);
  putDec(mss);
  put(UNDERSCORE);
  if (wsActive) putDec(st.wsShift[i]);
  else putNone(-1);
  out.strBytes(text, 0, Math.min(len, MAX_LEN - 1));
}
