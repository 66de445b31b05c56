import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostname } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { column, compound, type Column, type ColumnType, type ValueType } from '../../../core/output/columns.ts';
import { RecordFormatter } from '../../../core/output/recordText.ts';
import { TextBuffer } from '../../../core/output/textBuffer.ts';
import { PCAP_DIR } from '../../../test/golden/corpus.ts';
import { runT2 } from '../../../test/golden/runT2.ts';
import { buildPlugins, runT2Async, type FlagOverrides } from '../../../test/sinks/bundles.ts';
import { tcpListener, udpListener } from '../../../test/sinks/listener.ts';
import { binaryHeader } from '../binaryHeader.ts';

const PLUGINS = ['basicFlow', 'basicStats', 'tcpStates', 'txtSink', 'socketSink'];
const CAPTURE = join(PCAP_DIR, 'many-protocols.pcap');
const out = () => mkdtempSync(join(tmpdir(), 'sks-'));

const TYPES: Record<number, ValueType> = {
  1: 'I8', 2: 'I16', 3: 'I32', 4: 'I64', 7: 'U8', 8: 'U16', 9: 'U32', 10: 'U64', 13: 'H8', 14: 'H16', 15: 'H32', 16: 'H64',
  19: 'F', 20: 'D', 22: 'C', 23: 'S', 24: 'DIR', 25: 'TS', 26: 'DUR', 27: 'MAC', 28: 'IP4', 29: 'IP6', 30: 'IPX', 31: 'SC',
};

/** Reads a binary header (sinks.md §1.4) back into columns; returns them and the header length. */
function parseBinaryHeader(b: Buffer): { columns: Column[]; length: number } {
  let p = 0;
  const word = () => {
    const w = b.readUInt32LE(p);
    p += 4;
    return w;
  };
  const text = () => {
    const end = b.indexOf(0, p);
    const s = b.toString('utf8', p, end);
    p += Math.ceil((end - p + 1) / 4) * 4;
    return s;
  };
  const types = (n: number): ColumnType[] =>
    Array.from({ length: n }, () => {
      const t = word();
      if (t !== 0) return TYPES[t]!;
      const inner = types(word());
      return compound(inner, word() === 1);
    });
  expect([word(), word(), word()]).toEqual([0x45544e41, 0x52455441, 1]);
  const columns: Column[] = [];
  while (b.readUInt32LE(p) !== 0xffffffff) {
    const name = text();
    const desc = text();
    const ts = types(word());
    columns.push(column(name, desc, ts, word() === 1));
  }
  return { columns, length: p + 4 };
}

describe('socketSink binary header', () => {
  it('starts as observed with T2 and round-trips nested compounds', () => {
    const cols = [column('dir', 'Flow direction', 'DIR'), column('flowInd', 'Flow index', 'U64'), column('x', 'nest', ['U8', compound(['U16', 'F'], true)], true)];
    const h = Buffer.from(binaryHeader(cols));
    // sinks.md §1.4: ANTEATER, 1, "dir\0", "Flow direction\0\0", 1 value, type 24, not repeating, "flow…"
    expect(h.toString('hex', 0, 48)).toBe(
      '414e544541544552' + '01000000' + '64697200' + '466c6f7720646972656374696f6e0000' + '01000000' + '18000000' + '00000000' + '666c6f77',
    );
    expect(parseBinaryHeader(h)).toEqual({ columns: cols, length: h.length });
  });
});

describe('socketSink over TCP (text, the default)', () => {
  let folder = '';
  let flowsTxt = '';
  beforeAll(() => {
    folder = buildPlugins(PLUGINS);
    flowsTxt = runT2(buildPlugins(['basicFlow', 'basicStats', 'tcpStates', 'txtSink']), ['-r', CAPTURE, '-w', 'OUT/']).files.get('many-protocols_flows.txt')!;
  }, 60_000);

  it('sends a byte stream identical to _flows.txt (column-name line included); $SKS_DPORT picks the port', async () => {
    const listener = await tcpListener();
    const res = await runT2Async(folder, ['-r', CAPTURE, '-w', `${out()}/`], { SKS_DPORT: String(listener.port) });
    expect(res.rc).toBe(0);
    expect((await listener.received()).toString('latin1')).toBe(flowsTxt);
  });

  it('fails with exit status 1 and T2 message when nobody listens', async () => {
    const listener = await tcpListener();
    listener.server.close();
    const res = await runT2Async(folder, ['-r', CAPTURE, '-w', `${out()}/`], { SKS_DPORT: String(listener.port) });
    expect(res.rc).toBe(1);
    expect(res.stderr.replace(/\x1b\[[0-9;]*m/g, '')).toBe(
      `[ERR] socketSink: Could not connect to TCP socket at 127.0.0.1:${listener.port}: Connection refused\n`,
    );
  });

  it('fails clearly for a host name that does not resolve', async () => {
    const res = await runT2Async(folder, ['-r', CAPTURE, '-w', `${out()}/`], { SKS_SERVADD: 'no-such-host.invalid' });
    expect(res.rc).toBe(1);
    expect(res.stderr).toContain("socketSink: gethostbyname() failed for 'no-such-host.invalid'");
  });

  it('a receiver that reads slowly gets every byte (back-pressure, nothing dropped)', async () => {
    const capture = join(PCAP_DIR, 'synflood-spoofed.pcap');
    const expected = runT2(buildPlugins(['basicFlow', 'txtSink']), ['-r', capture, '-w', 'OUT/']).files.get('synflood-spoofed_flows.txt')!;
    const slowFolder = buildPlugins(['basicFlow', 'txtSink', 'socketSink']);
    const listener = await tcpListener({ pauseMs: 500 });
    const res = await runT2Async(slowFolder, ['-r', capture, '-w', `${out()}/`], { SKS_DPORT: String(listener.port) });
    expect(res.rc).toBe(0);
    const got = (await listener.received()).toString('latin1');
    expect(got.length).toBe(expected.length);
    expect(got === expected).toBe(true);
  }, 60_000);
});

async function sendAndReceive(flags: FlagOverrides, plugins = PLUGINS): Promise<Buffer> {
  const folder = buildPlugins(plugins, { socketSink: flags.socketSink ?? {} });
  const listener = await tcpListener();
  const res = await runT2Async(folder, ['-r', CAPTURE, '-w', `${out()}/`], { SKS_DPORT: String(listener.port) });
  expect(res.rc, res.stderr).toBe(0);
  return listener.received();
}

describe('socketSink rebuilt variants', () => {
  it('SKS_CONTENT_TYPE=0: the binary header, then the raw records (decoded, they are the flow lines)', async () => {
    const flows = runT2(buildPlugins(['basicFlow', 'basicStats', 'tcpStates', 'txtSink']), ['-r', CAPTURE, '-w', 'OUT/']).files.get('many-protocols_flows.txt')!;
    const got = await sendAndReceive({ socketSink: { SKS_CONTENT_TYPE: 0 } });
    const { columns, length } = parseBinaryHeader(got);
    expect(columns.map((c) => c.name).join('\t')).toBe(flows.split('\n')[0]!.slice(1));
    const f = new RecordFormatter(columns);
    const text = new TextBuffer();
    const view = new DataView(got.buffer, got.byteOffset, got.byteLength);
    for (let p = length; p < got.length; ) p = f.write(text, got, view, p);
    expect(Buffer.from(text.view()).toString('latin1')).toBe(flows.slice(flows.indexOf('\n') + 1));
  }, 60_000);

  it('SKS_HOST_INFO=1: the host description (sensor id of -x, wall clock, uname, interfaces) before the header', async () => {
    const folder = buildPlugins(PLUGINS, { socketSink: { SKS_CONTENT_TYPE: 0, SKS_HOST_INFO: 1 } });
    const listener = await tcpListener();
    const before = Math.floor(Date.now() / 1000);
    const res = await runT2Async(folder, ['-r', CAPTURE, '-w', `${out()}/`, '-x', '42'], { SKS_DPORT: String(listener.port) });
    expect(res.rc, res.stderr).toBe(0);
    const got = await listener.received();
    const magic = got.indexOf('ANTEATER');
    expect(magic % 4).toBe(0);
    expect(got.readUInt32LE(0)).toBe(42);
    const sec = Number(got.readBigUInt64LE(4));
    expect(sec).toBeGreaterThanOrEqual(before);
    expect(sec).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
    expect(got.readUInt32LE(12)).toBeLessThan(1_000_000);
    const text = got.toString('utf8', 16, magic).replace(/\0+$/, '');
    expect(text).toMatch(new RegExp(`^${hostname()};Linux;[^;]+;[^;]+;[^;]+;`));
    expect(text).toContain('lo(00:00:00:00:00:00);');
    expect(text).toContain('lo(127.0.0.1/8);');
    expect(text.indexOf('lo(00:00:00:00:00:00);')).toBeLessThan(text.indexOf('lo(127.0.0.1/8);'));
    expect(parseBinaryHeader(got.subarray(magic)).columns[0]!.name).toBe('dir');
  }, 60_000);

  it('SKS_CONTENT_TYPE=2: the lines of _flows.json', async () => {
    const json = runT2(buildPlugins(['basicFlow', 'basicStats', 'tcpStates', 'jsonSink']), ['-r', CAPTURE, '-w', 'OUT/']).files.get('many-protocols_flows.json')!;
    expect((await sendAndReceive({ socketSink: { SKS_CONTENT_TYPE: 2 } })).toString('latin1')).toBe(json);
  }, 60_000);

  it('SKS_GZ_COMPRESS=1: one gzip stream of the text', async () => {
    const flows = runT2(buildPlugins(['basicFlow', 'basicStats', 'tcpStates', 'txtSink']), ['-r', CAPTURE, '-w', 'OUT/']).files.get('many-protocols_flows.txt')!;
    const got = await sendAndReceive({ socketSink: { SKS_GZ_COMPRESS: 1 } });
    expect(got.subarray(0, 2).toString('hex')).toBe('1f8b');
    expect(gunzipSync(got).toString('latin1')).toBe(flows);
  }, 60_000);

  it('SKS_SOCKTYPE=0 (UDP): one datagram per line, header line first', async () => {
    const plugins = ['basicFlow', 'txtSink', 'socketSink'];
    const capture = join(PCAP_DIR, 'DnsPackets.pcap');
    const flows = runT2(buildPlugins(['basicFlow', 'txtSink']), ['-r', capture, '-w', 'OUT/']).files.get('DnsPackets_flows.txt')!;
    const folder = buildPlugins(plugins, { socketSink: { SKS_SOCKTYPE: 0 } });
    const udp = await udpListener();
    try {
      const res = await runT2Async(folder, ['-r', capture, '-w', `${out()}/`], { SKS_DPORT: String(udp.port) });
      expect(res.rc).toBe(0);
      // datagrams sent before t2 exited are already queued locally: one loop turn reads them
      await new Promise((r) => setTimeout(r, 100));
      expect(udp.datagrams.map((d) => d.toString('latin1'))).toEqual(flows.split(/(?<=\n)/));
    } finally {
      udp.socket.close();
    }
  }, 60_000);

  it('UDP: no error when nobody listens', async () => {
    const folder = buildPlugins(['basicFlow', 'txtSink', 'socketSink'], { socketSink: { SKS_SOCKTYPE: 0 } });
    const udp = await udpListener();
    udp.socket.close();
    const res = await runT2Async(folder, ['-r', CAPTURE, '-w', `${out()}/`], { SKS_DPORT: String(udp.port) });
    expect([res.rc, res.stderr]).toEqual([0, '']);
  }, 60_000);
});
