import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import basicFlow from '../index.ts';
import basicStats from '../../basicStats/index.ts';
import tcpStates from '../../tcpStates/index.ts';
import { FakeAnalyzer } from './harness/fakeAnalyzer.ts';
import { plainReport } from './harness/fakeCore.ts';
import { pcapPackets } from './harness/pcapPackets.ts';

const SHARED = '/work/shared';
/** Subnet labels need the reference subnet tables, which we do not have. */
const UNCOMPARED = new Set(['srcIPCC', 'srcIPOrg', 'dstIPCC', 'dstIPOrg']);

function goldenRows(capture: string): Map<string, string[]> {
  const dir = `${SHARED}/golden/tutorial/${capture}`;
  let text: string;
  try {
    text = readFileSync(`${dir}/flows.txt`, 'utf8');
  } catch {
    text = gunzipSync(readFileSync(`${dir}/flows.txt.gz`)).toString('utf8');
  }
  const rows = new Map<string, string[]>();
  for (const line of text.split('\n').slice(1)) {
    if (line === '') continue;
    const fields = line.split('\t');
    rows.set(`${fields[0]} ${fields[1]}`, fields);
  }
  return rows;
}

function goldenPluginLines(capture: string): string[] {
  return readFileSync(`${SHARED}/golden/tutorial/${capture}/log.txt`, 'utf8')
    .split('\n')
    .filter((l) => /^(basicStats|tcpStates): /.test(l));
}

/**
 * The three plugins on real captures (plain Ethernet/IP traffic read by a test-side dissector and
 * driven by the fake analyzer), compared with the real T2 output of the tutorial set.
 */
describe.each([
  'DnsPackets.pcap',
  'nanosecs_big_endian.pcap',
  'v6-mixed.pcap',
  'nmap-tcp-connect-scan.pcap',
  'evidence04-lan-scan.pcap',
])('golden %s', (capture) => {
  it('reproduces every compared column of every flow and the plugin report lines', { timeout: 60_000 }, () => {
    const an = new FakeAnalyzer([basicFlow, basicStats, tcpStates], 1 << 15);
    an.run(pcapPackets(an.core, `${SHARED}/pcaps/${capture}`));
    const golden = goldenRows(capture);
    expect(an.records.length).toBe(golden.size);
    const names = an.columns.map((c) => c.name);
    const mismatches: string[] = [];
    for (const rec of an.records) {
      const id = `${rec.dir} ${rec.flowInd}`;
      const want = golden.get(id);
      if (want === undefined) {
        mismatches.push(`${id}: not in the golden output`);
        continue;
      }
      names.forEach((name, k) => {
        if (!UNCOMPARED.has(name) && rec[name] !== want[k]) mismatches.push(`${id} ${name}: ${rec[name]} != ${want[k]}`);
      });
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
    basicStats.report?.(an.core.report);
    tcpStates.report?.(an.core.report);
    expect(plainReport(an.core)).toEqual(goldenPluginLines(capture));
  });
});
