import type { BuildOptions } from 'esbuild';

/** esbuild options every in-memory bundle for Node 20 shares: one ESM file, errors thrown, not logged. */
export const NODE_BUNDLE = {
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'silent',
} as const satisfies BuildOptions;
