import { hostname, machine, networkInterfaces, release, type as osType, version } from 'node:os';

/**
 * socketSink's host description (SKS_HOST_INFO, sinks.md §2.2): uint32 sensor id, uint64 seconds
 * and uint32 microseconds of the wall clock, then `nodename;sysname;release;version;machine;`
 * and the interface addresses as getifaddrs() lists them on Linux (link-layer entries first,
 * then IPv4, then IPv6): `name(mac);`, `name(addr/prefixlen);`; zero-padded to whole words.
 */
export function hostInfoMessage(sensorId: number, nowMs: number): Uint8Array {
  const ifaces = Object.entries(networkInterfaces());
  const links = ifaces.map(([name, addrs]) => `${name}(${addrs?.[0]?.mac ?? '00:00:00:00:00:00'});`);
  const byFamily = (family: string) =>
    ifaces.flatMap(([name, addrs]) => (addrs ?? []).filter((a) => a.family === family).map((a) => `${name}(${a.cidr!.replace(/%[^/]*/, '')});`));
  const text = `${hostname()};${osType()};${release()};${version()};${machine()};` + [...links, ...byFamily('IPv4'), ...byFamily('IPv6')].join('');
  const body = Buffer.from(text, 'utf8');
  const out = Buffer.alloc(16 + Math.ceil(body.length / 4) * 4);
  out.writeUInt32LE(sensorId >>> 0, 0);
  out.writeBigUInt64LE(BigInt(Math.floor(nowMs / 1000)), 4);
  out.writeUInt32LE(Math.floor(nowMs % 1000) * 1000, 12);
  body.copy(out, 16);
  return out;
}

