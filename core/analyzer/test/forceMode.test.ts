import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Analyzer } from '../analyzer.ts';
import { openCapture } from '../../capture/open.ts';
import { ReadStatus } from '../../capture/reader.ts';
import { StatHi } from '../../flow/status.ts';
import { definePlugin, type Core, type OutputBuffer } from '../../plugin/api.ts';
import { ReportWriter } from '../../report/reportWriter.ts';
import { PCAP_DIR } from '../../../test/golden/corpus.ts';

interface Record {
  flowInd: number;
  statusHi: number;
  srcPort: number;
}

/** Runs a capture through the analyzer with a plugin that forces every flow out at its 5th packet. */
function run(forceMode: boolean): { records: Record[]; forced: number; globalHi: number } {
  let core: Core;
  let packets = new Uint32Array(0);
  const records: Record[] = [];
  const forcer = definePlugin({
    name: 'forcer',
    number: 500,
    version: '0.9.3',
    init(c: Core) {
      core = c;
      packets = new Uint32Array(c.capacity);
    },
    onNewFlow(_pkt, flowIndex) {
      packets[flowIndex] = 0;
    },
    onLayer4(_pkt, flowIndex) {
      if (++packets[flowIndex] === 5) core.removeFlow(flowIndex);
    },
    onFlowTerminate(flowIndex: number, out: OutputBuffer) {
      out.u32(core.flows.statusHi[flowIndex]);
      out.u16(core.flows.srcPort[flowIndex]);
    },
    bufferToSink(buf: OutputBuffer) {
      const v = buf.view;
      records.push({ flowInd: Number(v.getBigUint64(1, true)), statusHi: v.getUint32(9, true), srcPort: v.getUint16(13, true) });
    },
  });
  const analyzer = new Analyzer({
    capacity: 1024,
    flowTimeout: 182,
    alarmMode: false,
    alarmAnd: false,
    forceMode,
    outputPrefix: '/nonexistent/x',
    snaplen: 65535,
    inputSize: 0,
    sensorId: 666,
    report: new ReportWriter(() => {}),
    plugins: [forcer],
    headerPreamble: () => '',
    error: () => {},
    autopilotWarning: () => {},
  });
  analyzer.initPlugins();
  const { reader } = openCapture(join(PCAP_DIR, 'DnsPackets.pcap'), () => {});
  while (reader.next(analyzer.pkt) !== ReadStatus.Eof) analyzer.processPacket();
  analyzer.flushAll();
  return { records, forced: analyzer.stats.totalForcedFlows, globalHi: analyzer.stats.globalHi };
}

describe('FORCE_MODE', () => {
  it('writes a forced flow at the next packet and lets it continue as a new flow', () => {
    const forced = run(true);
    const normal = run(false);
    expect(forced.forced).toBeGreaterThan(0);
    expect(forced.records.length).toBeGreaterThan(normal.records.length);
    const rm = forced.records.filter((r) => (r.statusHi & StatHi.RMFLOW) !== 0);
    expect(rm.length).toBeGreaterThanOrEqual(forced.forced);
    expect(forced.globalHi & StatHi.RMFLOW).toBe(StatHi.RMFLOW);
    const continued = rm.filter((r) => forced.records.some((o) => o.srcPort === r.srcPort && o.flowInd > r.flowInd));
    expect(continued.length).toBeGreaterThan(0);
  });

  it('ignores removal requests when the core is built without it', () => {
    const normal = run(false);
    expect(normal.forced).toBe(0);
    expect(normal.records.every((r) => (r.statusHi & StatHi.RMFLOW) === 0)).toBe(true);
  });
});
