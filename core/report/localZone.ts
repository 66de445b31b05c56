/**
 * Local time as the C library computes it for T2's `ctime`/`strftime` (`%Z`): the zone named by
 * TZ (a TZif file under TZDIR or /usr/share/zoneinfo, an absolute path, or a POSIX TZ string),
 * else /etc/localtime, else UTC. Intl names zones its own way (`GMT+1` where libc prints `CET`)
 * and costs 30–70 ms to start, which is why this reads the zone data itself.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePosixTz } from './zone/posixTz.ts';
import { parseTzif } from './zone/tzif.ts';
import { UTC_ZONE, type Zone } from './zone/zone.ts';

function readZoneFile(path: string): Zone | undefined {
  try {
    return parseTzif(readFileSync(path));
  } catch {
    return undefined;
  }
}

/** The zone of `env` (TZ, TZDIR) as glibc's tzset chooses it. */
export function zoneOf(env: NodeJS.ProcessEnv): Zone {
  const tz = env.TZ;
  if (tz === undefined) return readZoneFile('/etc/localtime') ?? UTC_ZONE;
  if (tz === '') return UTC_ZONE;
  const name = tz.startsWith(':') ? tz.slice(1) : tz;
  const file = readZoneFile(name.startsWith('/') ? name : join(env.TZDIR || '/usr/share/zoneinfo', name));
  return file ?? parsePosixTz(name);
}

let processZone: Zone | undefined;

/** The process's local zone, read once. */
export function localZone(): Zone {
  processZone ??= zoneOf(process.env);
  return processZone;
}
