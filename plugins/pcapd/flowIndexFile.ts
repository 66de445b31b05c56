import { readFileSync } from 'node:fs';

/** The flows named by `-e FILE` (pcapd.md §3). */
export interface FlowIndexList {
  /** The count as T2 prints it in `[INF] pcapd: N flow indices`. */
  readonly count: number;
  has(flowInd: number): boolean;
}

export type IndexFileProblem = { kind: 'warning' | 'fatal'; text: string };

/**
 * PD_LBSRCH=1: uint64 count, then uint64 indexes (host order), searched by bisection as T2 does,
 * so an unsorted file misses entries. Only the low 32 bits of the count are used.
 */
export function binaryIndexList(file: string, data: Uint8Array, problems: IndexFileProblem[]): FlowIndexList {
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const declared = data.length >= 8 ? v.getUint32(0, true) : 0;
  const available = Math.max(0, Math.floor((data.length - 8) / 8));
  const n = Math.min(declared, available);
  if (n < declared) {
    problems.push({ kind: 'warning', text: `Expected ${declared | 0} records in file '${file}', but found ${n}` });
  }
  const indexes = new Float64Array(n);
  for (let i = 0; i < n; i++) indexes[i] = Number(v.getBigUint64(8 + 8 * i, true));
  return {
    count: declared,
    has(flowInd: number): boolean {
      let lo = 0;
      let hi = n - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const x = indexes[mid]!;
        if (x === flowInd) return true;
        if (x < flowInd) lo = mid + 1;
        else hi = mid - 1;
      }
      return false;
    },
  };
}

/** PD_LBSRCH=0: lines starting with a digit hold a decimal index (the rest of the line is ignored). */
export function textIndexList(file: string, data: Uint8Array, problems: IndexFileProblem[]): FlowIndexList {
  const set = new Set<number>();
  let count = 0;
  for (const line of Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1').split('\n')) {
    const m = /^\d+/.exec(line);
    if (!m) continue;
    set.add(Number(m[0]));
    count++;
  }
  if (count === 0) problems.push({ kind: 'fatal', text: `pcapd: No usable information in file '${file}'` });
  return { count, has: (flowInd: number) => flowInd !== 0 && set.has(flowInd) };
}

/** Reads `-e FILE` in the format PD_LBSRCH selects; throws the fs error when it cannot be read. */
export function readFlowIndexFile(file: string, binary: boolean, problems: IndexFileProblem[]): FlowIndexList {
  const data = readFileSync(file);
  return binary ? binaryIndexList(file, data, problems) : textIndexList(file, data, problems);
}
