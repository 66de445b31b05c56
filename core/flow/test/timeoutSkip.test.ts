import { describe, expect, it } from 'vitest';
import { Packet } from '../../dissect/packet.ts';
import { Stats } from '../../stats.ts';
import { FlowManager } from '../flowManager.ts';

/** Deterministic xorshift, so a failing sequence can be replayed. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

/**
 * Runs one packet sequence through a FlowManager and returns the written flows in order, with
 * the packet number at which each was written. `alwaysWalk` forces the full timeout walk before
 * every packet, which is what the walk does without its skip.
 */
function run(seed: number, packets: number, alwaysWalk: boolean): string[] {
  const rnd = random(seed);
  const stats = new Stats();
  const written: string[] = [];
  let n = 0;
  const fm: FlowManager = new FlowManager(64, 5, stats, {
    newFlow: () => {},
    writeFlow: (slot, isB) => written.push(`${n}:${fm.flows.flowInd[slot]}${isB ? 'B' : 'A'}`),
    autopilotWarning: () => {},
  });
  // tcpStates' handlers: 0.1 s among them, smaller than any whole-second margin.
  for (const t of [0.1, 120, 610, 10]) fm.addTimeout(t);
  const pkt = new Packet();
  const seen: number[] = [];
  let t = 1_700_000_000;
  for (n = 1; n <= packets; n++) {
    // Mostly small steps, sometimes long gaps, sometimes a step back in time.
    const r = rnd();
    t += r < 0.9 ? rnd() * 0.05 : r < 0.96 ? rnd() * 20 : r < 0.98 ? rnd() * 700 : -rnd() * 3;
    const sec = Math.floor(t);
    const ns = Math.floor((t - sec) * 1e9);
    if (alwaysWalk) fm.lru.frontsChanged = true;
    fm.processTimeouts(sec, ns);
    if (seen.length > 0 && rnd() < 0.1) {
      // A later fragment: the analyzer updates its flow's lastSeen without a lookup (no move).
      const slot = seen[Math.floor(rnd() * seen.length)];
      if (fm.table.isLive(slot)) {
        fm.flows.lastSec[slot] = sec;
        fm.flows.lastNs[slot] = ns;
        fm.lru.seen(slot, sec, ns);
        continue;
      }
    }
    pkt.reset();
    pkt.tsSec = sec;
    pkt.tsNs = ns;
    pkt.ipVer = 4;
    pkt.l4Proto = 17;
    const a = 1 + Math.floor(rnd() * 6);
    const b = 1 + Math.floor(rnd() * 6);
    const reply = rnd() < 0.5;
    pkt.srcIP.set([10, 0, 0, reply ? b : a]);
    pkt.dstIP.set([10, 0, 0, reply ? a : b]);
    pkt.srcPort = reply ? 53 : 40000 + a;
    pkt.dstPort = reply ? 40000 + a : 53;
    const slot = fm.lookup(pkt);
    seen.push(slot);
    // As the analyzer attributes a packet to its flow; some flows get their own timeout.
    fm.flows.lastSec[slot] = sec;
    fm.flows.lastNs[slot] = ns;
    fm.lru.seen(slot, sec, ns);
    if (rnd() < 0.05) fm.flows.timeout[slot] = Math.fround(rnd() < 0.5 ? 0.1 : 10);
  }
  fm.flushAll();
  return written;
}

describe('timeout walk skip', () => {
  it('writes the same flows at the same packets as walking before every packet', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const skipped = run(seed, 20_000, false);
      const walked = run(seed, 20_000, true);
      expect(skipped.length).toBeGreaterThan(1000);
      expect(skipped).toEqual(walked);
    }
  });

  it('ends a flow 0.1 s after its last packet under a 0.1 s handler, not before', () => {
    const stats = new Stats();
    const ended: number[] = [];
    const fm: FlowManager = new FlowManager(8, 0.1, stats, {
      newFlow: () => {},
      writeFlow: (slot) => ended.push(fm.flows.flowInd[slot]),
      autopilotWarning: () => {},
    });
    const pkt = new Packet();
    pkt.ipVer = 4;
    pkt.l4Proto = 17;
    pkt.srcIP.set([10, 0, 0, 1]);
    pkt.dstIP.set([10, 0, 0, 2]);
    pkt.tsSec = 100;
    pkt.tsNs = 0;
    fm.processTimeouts(100, 0);
    fm.lookup(pkt);
    fm.processTimeouts(100, 99_000_000);
    expect(ended).toEqual([]);
    fm.processTimeouts(100, 100_000_001);
    expect(ended).toEqual([1]);
  });
});
