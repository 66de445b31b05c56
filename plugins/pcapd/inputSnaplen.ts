import { readFileSync } from 'node:fs';
import { openCaptureReader } from '../../core/capture/open.ts';
import { parseArgs } from '../../core/cli/args.ts';
import type { Core } from '../../core/plugin/api.ts';

/** libpcap's default when nothing better is known (stdin cannot be read twice). */
const DEFAULT_SNAPLEN = 65535;

/**
 * The snapshot length libpcap reports for the input, which pcapd writes into its file header.
 * The Core API does not carry it yet (requested as `Core.snaplen`); until it does, the first
 * input named on the command line is opened once more to read it.
 */
export function inputSnaplen(core: Core): number {
  const given = (core as Core & { readonly snaplen?: number }).snaplen;
  if (given !== undefined) return given;
  try {
    const args = parseArgs(process.argv.slice(2));
    const name = args.readFile ?? firstListed(args.listFile);
    if (name === undefined || name === '-') return DEFAULT_SNAPLEN;
    const reader = openCaptureReader(name);
    const snaplen = reader.snaplen;
    reader.close();
    return snaplen;
  } catch {
    return DEFAULT_SNAPLEN;
  }
}

function firstListed(list: string | undefined): string | undefined {
  if (list === undefined) return undefined;
  return readFileSync(list, 'latin1')
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .find((l) => l && !l.startsWith('#'));
}
