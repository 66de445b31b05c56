import { describe, expect, it } from 'vitest';
import { Packet } from '../../dissect/packet.ts';
import { Stats } from '../../stats.ts';
import { FlowManager } from '../flowManager.ts';
import { StatHi, StatLo } from '../status.ts';

interface Written {
  flowInd: number;
  dir: 'A' | 'B';
  srcPort: number;
}

function setup(capacity = 16) {
  const stats = new Stats();
  const written: Written[] = [];
  let warned = 0;
  const fm: FlowManager = new FlowManager(capacity, 182, stats, {
    newFlow: () => {},
    writeFlow: (slot, isB) => written.push({ flowInd: fm.flows.flowInd[slot], dir: isB ? 'B' : 'A', srcPort: fm.flows.srcPort[slot] }),
    autopilotWarning: () => warned++,
  });
  const pkt = new Packet();
  /** Sends one UDP/IPv4 packet a→b at time t (seconds, fractional allowed). */
  const send = (src: number, sport: number, dst: number, dport: number, t: number, proto = 17) => {
    const sec = Math.floor(t);
    const ns = Math.round((t - sec) * 1e9);
    fm.processTimeouts(sec, ns);
    pkt.reset();
    pkt.tsSec = sec;
    pkt.tsNs = ns;
    pkt.ipVer = 4;
    pkt.ethType = 0x0800;
    pkt.l4Proto = proto;
    pkt.srcIP.set([10, 0, 0, src]);
    pkt.dstIP.set([10, 0, 0, dst]);
    pkt.srcPort = sport;
    pkt.dstPort = dport;
    pkt.ipId = 0;
    const slot = fm.lookup(pkt);
    fm.flows.lastSec[slot] = sec;
    fm.flows.lastNs[slot] = ns;
    return slot;
  };
  return { fm, stats, written, send, warned: () => warned };
}

describe('FlowManager', () => {
  it('pairs a reply with its request: same flowInd, B carries L3FLOWINVERT, A written first', () => {
    const { fm, stats, written, send } = setup();
    const a = send(1, 40000, 2, 5000, 0);
    const b = send(2, 5000, 1, 40000, 1);
    expect(fm.flows.flowInd[a]).toBe(1);
    expect(fm.flows.flowInd[b]).toBe(1);
    expect(fm.flows.statusLo[a] & StatLo.L3FLOWINVERT).toBe(0);
    expect(fm.flows.statusLo[b] & StatLo.L3FLOWINVERT).toBe(1);
    expect(stats.totalAFlows).toBe(1);
    expect(stats.totalBFlows).toBe(1);
    fm.flushAll();
    expect(written).toEqual([
      { flowInd: 1, dir: 'A', srcPort: 40000 },
      { flowInd: 1, dir: 'B', srcPort: 5000 },
    ]);
  });

  it('flags a lone server-side packet by the direction heuristic and still writes it as A', () => {
    const { fm, stats, written, send } = setup();
    const s = send(1, 53, 2, 52327, 0);
    expect(fm.flows.statusLo[s] & StatLo.L3FLOWINVERT).toBe(1);
    fm.flushAll();
    expect(written).toEqual([{ flowInd: 1, dir: 'A', srcPort: 53 }]);
    expect(stats.corrReplFlws).toBe(1);
  });

  it('treats 8080-style source ports as servers', () => {
    const { fm, send } = setup();
    expect(fm.flows.statusLo[send(1, 8089, 2, 1000, 0)] & 1).toBe(1);
    expect(fm.flows.statusLo[send(1, 8082, 2, 1000, 0)] & 1).toBe(0);
  });

  it('times out a flow idle for 181.999999999 s (float age) but not for 181.99999 s', () => {
    const { written, send } = setup();
    send(1, 40000, 2, 5000, 0);
    send(3, 40000, 4, 5000, 181.99999);
    expect(written.map((w) => w.flowInd)).toEqual([]);
    send(7, 40000, 8, 5000, 181.999999999);
    expect(written.map((w) => w.flowInd)).toEqual([1]);
  });

  it('keeps an idle flow while its opposite is still active', () => {
    const { fm, written, send } = setup();
    send(1, 40000, 2, 5000, 0);
    send(2, 5000, 1, 40000, 100);
    const again = send(1, 40000, 2, 5000, 250);
    expect(written).toEqual([]);
    expect(fm.flows.flowInd[again]).toBe(1);
  });

  it('writes flows at the end from the least recently used to the most recently used', () => {
    const { written, send, fm } = setup();
    send(1, 40000, 2, 5000, 0);
    send(3, 40000, 4, 5000, 1);
    send(1, 40000, 2, 5000, 2);
    fm.flushAll();
    expect(written.map((w) => w.flowInd)).toEqual([2, 1]);
  });

  it('marks a TCP flow whose reverse key is itself as a land attack', () => {
    const { fm, stats, send } = setup();
    const s = send(1, 80, 1, 80, 0, 6);
    expect(fm.flows.statusHi[s] & StatHi.LANDATTACK).toBe(StatHi.LANDATTACK);
    expect(stats.globalHi & StatHi.LANDATTACK).toBe(StatHi.LANDATTACK);
  });

  it('evicts the least recently used pair when the table is full and warns once', () => {
    const { fm, stats, written, send, warned } = setup(2);
    send(1, 40000, 2, 5000, 0);
    send(3, 40000, 4, 5000, 1);
    send(5, 40000, 6, 5000, 2);
    send(7, 40000, 8, 5000, 3);
    expect(written.map((w) => w.flowInd)).toEqual([1, 2]);
    expect(stats.totalRmFlows).toBe(2);
    expect(warned()).toBe(1);
    expect(stats.globalHi & StatHi.RMFLOW_HFULL).toBe(StatHi.RMFLOW_HFULL);
    expect(fm.table.size).toBe(2);
  });

  it('honours shorter timeouts registered by plugins', () => {
    const { fm, written, send } = setup();
    fm.addTimeout(0.1);
    const s = send(1, 40000, 2, 5000, 0);
    fm.flows.timeout[s] = Math.fround(0.1);
    send(3, 40000, 4, 5000, 0.05);
    expect(written).toEqual([]);
    send(3, 40000, 4, 5000, 0.2);
    expect(written.map((w) => w.flowInd)).toEqual([1]);
  });
});
