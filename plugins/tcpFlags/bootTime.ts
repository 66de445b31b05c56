import type { OutputBuffer } from '../../core/plugin/api.ts';
import type { FlowState } from './flowState.ts';

const f32 = Math.fround;
/** tcpOptions bit of the timestamp option. */
const TS_SEEN = 0x100;

/** Tick length bucket of a measured seconds-per-tick value (compared as double, stored as float). */
function bucket(f: number): number {
  if (f < 0.002) return f32(0.001);
  if (f < 0.005) return f32(0.004);
  if (f < 0.02) return f32(0.01);
  if (f < 0.7) return f32(0.1);
  return 1;
}

/** Tick length guessed from the OS's initial TTL when the timestamp never moved. */
function tickByTtl(minTTL: number): number {
  if (minTTL >= 128) return f32(0.1);
  if (minTTL >= 64) return f32(0.004);
  if (minTTL > 32) return f32(0.01);
  return f32(0.001);
}

/**
 * tcpTmS tcpTmER tcpEcI tcpUtm tcpBtm (spec §5.8). T2 borrows 10^6 instead of 10^9 when a
 * nanosecond difference is negative; kept, so some boot times have 10-digit fractions.
 */
export function writeTimestamps(out: OutputBuffer, st: FlowState, i: number): void {
  const val = st.tsVal[i];
  out.u32(val);
  out.u32(st.tsEcr[i]);
  if (!(st.options[i] & TS_SEEN)) {
    out.f32(0);
    out.f64(0);
    out.time(0, 0);
    return;
  }
  let sec = st.tsLastSec[i] - st.tsFirstSec[i];
  let ns = st.tsLastNs[i] - st.tsFirstNs[i];
  if (ns < 0) {
    sec -= 1;
    ns += 1e6;
  }
  const ticks = (val - st.tsFirst[i]) >>> 0;
  const f = ticks !== 0 ? bucket(f32(f32(sec + ns / 1e9) / f32(ticks))) : tickByTtl(st.minTTL[i]);
  const up = val * f;
  const upSec = Math.trunc(up);
  const upNs = Math.trunc((up - upSec) * 1e9);
  let bootSec = st.tsLastSec[i] - upSec;
  let bootNs = st.tsLastNs[i] - upNs;
  if (bootNs < 0) {
    bootSec -= 1;
    bootNs += 1e6;
  }
  out.f32(f);
  out.f64(up);
  out.time(bootSec, bootNs);
}
