import { createHash } from 'node:crypto';
import type { FlagValue } from './defineFlags.ts';

/**
 * Fingerprint of the core flag values a bundle was built with (T2_CORE_CONFIG_HASH): a plugin
 * bundle whose fingerprint differs from the running core's was built for another core.
 */
export function coreConfigHash(values: Readonly<Record<string, FlagValue>>): string {
  const canonical = JSON.stringify(Object.keys(values).sort().map((k) => [k, values[k]]));
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}
