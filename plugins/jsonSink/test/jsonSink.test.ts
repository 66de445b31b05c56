import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { PCAP_DIR } from '../../../test/golden/corpus.ts';
import { runT2 } from '../../../test/golden/runT2.ts';
import { buildPlugins, runT2Async } from '../../../test/sinks/bundles.ts';
import { tcpListener } from '../../../test/sinks/listener.ts';

const PLUGINS = ['basicFlow', 'basicStats', 'tcpStates', 'txtSink', 'jsonSink'];
const CAPTURE = join(PCAP_DIR, 'many-protocols.pcap');

/** The flow file as rows of named text fields. */
function textRows(flows: string): Record<string, string>[] {
  const [head, ...lines] = flows.trimEnd().split('\n');
  const names = head!.slice(1).split('\t');
  return lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [names[i]!, v])));
}

/** The text txtSink prints for a JSON value (arrays of repetitions joined by ";", compounds by "_"). */
function asText(v: unknown): string {
  if (Array.isArray(v)) return v.map((x) => (Array.isArray(x) ? x.map(asText).join('_') : asText(x))).join(';');
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.fround(v));
  return String(v);
}

describe('jsonSink (default build)', () => {
  let folder = '';
  beforeAll(() => {
    folder = buildPlugins(PLUGINS);
  }, 60_000);

  it('writes one valid JSON object per flow line, same order, same values as the flow file', () => {
    const res = runT2(folder, ['-r', CAPTURE, '-w', 'OUT/', '-l']);
    expect(res.rc).toBe(0);
    const text = res.files.get('many-protocols_flows.json')!;
    const records = text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const rows = textRows(res.files.get('many-protocols_flows.txt')!);
    expect(records.length).toBe(rows.length);
    records.forEach((rec, k) => {
      const row = rows[k]!;
      // keys in column order; empty repeating columns (empty text field) left out
      expect(Object.keys(rec)).toEqual(Object.keys(row).filter((n) => row[n] !== ''));
      expect(typeof rec.flowInd).toBe('number');
      expect(rec.flowStat).toMatch(/^0x[0-9a-f]{16}$/);
      for (const name of ['dir', 'flowInd', 'flowStat', 'timeFirst', 'duration', 'srcIP', 'dstPort', 'l4Proto', 'vlanID', 'numHdrs']) {
        if (name in rec) expect(asText(rec[name]), `${name} of line ${k + 1}`).toBe(row[name]);
      }
      expect(`"${rec.srcIPOrg as string}"`).toBe(row.srcIPOrg);
      expect(asText(rec.avgIAT).slice(0, 6)).toBe(String(Number(row.avgIAT)).slice(0, 6));
    });
    expect(text).toMatch(/^\{"dir":"A","flowInd":1,"flowStat":"0x0400000000004100","timeFirst":"1277840495\.135052000",/);
    expect(text).toContain('"numHdrs":[5],"hdrDesc":["eth:vlan{2}:ipv4:icmp"],"srcMac":["00:13:c3:df:ae:18"]');
    expect(text).toContain('"avgL7PktSz":72.0,"stdL7PktSz":0.0,');
  });

  it('takes its suffix from $JSON_SUFFIX and names the file in an open error', () => {
    const out = mkdtempSync(join(tmpdir(), 'json-'));
    const saved = process.env.JSON_SUFFIX;
    process.env.JSON_SUFFIX = '_x.json';
    try {
      expect([...runT2(folder, ['-r', CAPTURE, '-w', `${out}/`], out).files.keys()]).toContain('many-protocols_x.json');
      process.env.JSON_SUFFIX = '/no/such/dir.json';
      const bad = runT2(folder, ['-r', CAPTURE, '-w', `${out}/`], out);
      expect(bad.rc).toBe(1);
      expect(bad.stderr).toContain(`jsonSink: Failed to open file '${out}/many-protocols/no/such/dir.json' for writing: No such file or directory`);
    } finally {
      if (saved === undefined) delete process.env.JSON_SUFFIX;
      else process.env.JSON_SUFFIX = saved;
    }
  });

  it('-W splits like txtSink: the number from the start, a new file when the size is reached', () => {
    const out = mkdtempSync(join(tmpdir(), 'json-'));
    const whole = runT2(folder, ['-r', CAPTURE, '-w', 'OUT/']).files.get('many-protocols_flows.json')!;
    const res = runT2(folder, ['-r', CAPTURE, '-W', `${out}/part:100000,3`], out);
    const parts = [...res.files.keys()].filter((f) => f.startsWith('part_flows.json')).sort();
    expect(parts).toEqual(['part_flows.json3', 'part_flows.json4', 'part_flows.json5', 'part_flows.json6']);
    expect(parts.map((p) => res.files.get(p)!).join('')).toBe(whole);
    for (const p of parts.slice(0, -1)) expect(res.files.get(p)!.length).toBeGreaterThanOrEqual(100000);
  });
});

describe('jsonSink rebuilt variants', () => {
  it('JSON_GZ_COMPRESS=1 and JSON_ROOT_NODE=1: a gzip file holding one JSON array', () => {
    const plain = runT2(buildPlugins(PLUGINS), ['-r', CAPTURE, '-w', 'OUT/']).files.get('many-protocols_flows.json')!;
    const folder = buildPlugins(PLUGINS, { jsonSink: { JSON_GZ_COMPRESS: 1, JSON_ROOT_NODE: 1 } });
    const res = runT2(folder, ['-r', CAPTURE, '-w', 'OUT/']);
    const text = gunzipSync(Buffer.from(res.files.get('many-protocols_flows.json.gz')!, 'latin1')).toString('latin1');
    const lines = plain.trimEnd().split('\n');
    expect(text).toBe(`[\n${lines[0]}\n${lines.slice(1).map((l) => `,${l}\n`).join('')}]\n`);
    expect((JSON.parse(text) as unknown[]).length).toBe(lines.length);
  }, 60_000);

  it('JSON_SELECT=1: only the columns of the select file (relative to the plugin folder)', () => {
    const folder = buildPlugins(PLUGINS, { jsonSink: { JSON_SELECT: 1 } });
    writeFileSync(join(folder, 'json-columns.txt'), '# wanted\nflowInd\nl4Proto\nvlanID\n');
    const res = runT2(folder, ['-r', CAPTURE, '-w', 'OUT/', '-l']);
    const first = res.files.get('many-protocols_flows.json')!.split('\n')[0];
    expect(first).toBe('{"flowInd":1,"vlanID":[118,10],"l4Proto":1}');
    expect(res.files.get('many-protocols_log.txt')).toContain(`only inserting 3 columns listed in '${join(folder, 'json-columns.txt')}'`);
  }, 60_000);

  it('JSON_SOCKET_ON=1: the same lines over TCP; a clear error when nobody listens', async () => {
    const plain = runT2(buildPlugins(PLUGINS), ['-r', CAPTURE, '-w', 'OUT/']).files.get('many-protocols_flows.json')!;
    const folder = buildPlugins(PLUGINS, { jsonSink: { JSON_SOCKET_ON: 1 } });
    const listener = await tcpListener();
    const out = mkdtempSync(join(tmpdir(), 'json-'));
    const res = await runT2Async(folder, ['-r', CAPTURE, '-w', `${out}/`], { JSON_SOCKET_PORT: String(listener.port) });
    expect(res.rc).toBe(0);
    expect((await listener.received()).toString('latin1')).toBe(plain);

    const refused = await runT2Async(folder, ['-r', CAPTURE, '-w', `${out}/`], { JSON_SOCKET_PORT: String(listener.port) });
    expect(refused.rc).toBe(1);
    expect(refused.stderr).toContain(`jsonSink: Could not connect to TCP socket at 127.0.0.1:${listener.port}: Connection refused`);
  }, 60_000);
});
