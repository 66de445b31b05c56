// Shared by the record micro-benchmarks: binary flow records of the tutorial schema with
// plausible values, built once into one OutputBuffer so that only the code under test is timed.

/** Deterministic linear congruential generator in [0, 1). */
function generator(seed) {
  let x = seed;
  return () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 4294967296;
}

/**
 * `count` records of dir, flowInd and the columns of basicFlow, basicStats and tcpStates. `m`
 * must export column, OutputBuffer and the three plugins. Record r is bytes [ends[r], ends[r + 1]).
 */
export function tutorialRecords(m, count, seed = 1) {
  const rand = generator(seed);
  const floats = [() => 0, () => Math.floor(rand() * 1500), () => Math.fround(rand() * 2), () => Math.fround(rand() * 1e5), () => Math.fround(rand() * 1e-3), () => Math.fround(rand() - 0.5)];
  const strings = ['eth:ipv4:tcp', 'eth:ipv4:udp', 'eth:vlan:ipv6:udp:dtls', '-'];
  const mac = new Uint8Array([0, 0x1b, 0x21, 0xaa, 0x3c, 0x9f]);
  const ip = new Uint8Array([10, 0, 3, 27, 0x20, 1, 0xd, 0xb8, 0, 0, 0, 0, 0, 0, 0, 1]);
  const columns = [m.column('dir', '', 'DIR'), m.column('flowInd', '', 'U64'), ...m.basicFlow.columns, ...m.basicStats.columns, ...m.tcpStates.columns];

  function value(out, type) {
    switch (type) {
      case 'U8': case 'H8': case 'DIR': return out.u8(Math.floor(rand() * 256));
      case 'U16': case 'H16': return out.u16(Math.floor(rand() * 65536));
      case 'U64': return out.u64(Math.floor(rand() * 1e6));
      case 'I64': return out.i64(Math.floor(rand() * 100));
      case 'H64': return out.u64HiLo(Math.floor(rand() * 4294967296), Math.floor(rand() * 4294967296));
      case 'TS': return out.time(1704067200 + Math.floor(rand() * 3600), Math.floor(rand() * 1e9));
      case 'DUR': return out.time(Math.floor(rand() * 100), Math.floor(rand() * 1e9));
      case 'F': return out.f32(floats[Math.floor(rand() * floats.length)]());
      case 'SC': case 'S': return out.str(strings[Math.floor(rand() * strings.length)]);
      case 'MAC': return out.bytesFrom(mac, 0, 6);
      case 'IPX': return rand() < 0.8 ? out.ipx(4, ip, 0) : out.ipx(6, ip, 0);
      default: throw new Error(`no generator for ${type}`);
    }
  }

  const buffer = new m.OutputBuffer();
  const ends = [0];
  for (let r = 0; r < count; r++) {
    for (const c of columns) {
      const reps = c.repeat ? 1 + Math.floor(rand() * 2) : 1;
      if (c.repeat) buffer.numRep(reps);
      for (let k = 0; k < reps; k++) for (const t of c.types) value(buffer, t);
    }
    ends.push(buffer.pos);
  }
  return { columns, buffer, ends };
}
