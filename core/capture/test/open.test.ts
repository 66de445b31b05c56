import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { CaptureOpenError } from '../errors.ts';
import { readCaptureList, type ListMessages } from '../list.ts';
import { checkCaptureFile, openCapture, openCaptureReader, PCAPNG_WARNING } from '../open.ts';
import { Bytes, epb, idb, payload, pcapHeader, pcapRecord, readAll, shb, tmpFile } from './build.ts';

function openResult(name: string): { warnings: string[]; error?: string; size?: number } {
  const warnings: string[] = [];
  try {
    const { reader, captureFileSize } = openCapture(name, (w) => warnings.push(w));
    reader.close();
    return { warnings, size: captureFileSize };
  } catch (e) {
    expect(e).toBeInstanceOf(CaptureOpenError);
    return { warnings, error: (e as Error).message };
  }
}

const onePacketPcap = () => pcapRecord(pcapHeader(), 1, 2, payload(30));
const onePacketPcapng = () => epb(idb(shb(new Bytes()), 1, 0), 0, 5n, payload(30));

describe('T2 file check (-r)', () => {
  it('reports files it cannot open and empty files', () => {
    const missing = join(tmpdir(), 'no-such-t2ts-capture.pcap');
    expect(openResult(missing)).toEqual({ warnings: [], error: `Failed to open file '${missing}' for reading: No such file or directory` });
    const empty = tmpFile('empty0.pcap', new Uint8Array(0));
    expect(openResult(empty)).toEqual({ warnings: [], error: `PCAP file '${empty}' is empty` });
  });

  it('detects the format by content, not by extension', () => {
    const ng = tmpFile('named.pcap', onePacketPcapng());
    const res = openResult(ng);
    expect(res).toEqual({ warnings: [PCAPNG_WARNING], size: onePacketPcapng().length });
    const p = tmpFile('named.pcapng', onePacketPcap());
    expect(openResult(p)).toEqual({ warnings: [], size: 24 + 16 + 30 });
  });

  it('accepts the four pcap magics and rejects anything else, including Kuznetzov', () => {
    for (const [magic, le] of [
      [0xa1b2c3d4, true],
      [0xa1b2c3d4, false],
      [0xa1b23c4d, true],
      [0xa1b23c4d, false],
    ] as const) {
      const f = tmpFile(`magic-${magic}-${le}.pcap`, pcapHeader({ magic, le }));
      expect(checkCaptureFile(f, () => {})).toBe(24);
    }
    for (const [name, data] of [
      ['kuz.pcap', pcapHeader({ magic: 0xa1b2cd34 }).build()],
      ['text.pcap', new TextEncoder().encode('hello world, not a capture')],
      ['tiny.pcap', Uint8Array.from([0xd4, 0xc3])],
    ] as const) {
      const f = tmpFile(name, data);
      expect(openResult(f)).toEqual({ warnings: [], error: `File '${f}' is not a valid PCAP/PCAP-NG file` });
    }
  });

  it('warns about pcapng before rejecting a bad byte-order magic', () => {
    const f = tmpFile('badbom.pcapng', new Bytes().u32(0x0a0d0d0a).u32(28).u32(0x11223344).u32(0));
    expect(openResult(f)).toEqual({ warnings: [PCAPNG_WARNING], error: `File '${f}' is not a valid PCAP/PCAP-NG file` });
  });

  it('turns libpcap open failures into pcap_open_offline errors', () => {
    const f = tmpFile('ten.pcap', pcapHeader().build().subarray(0, 10));
    expect(openResult(f)).toEqual({
      warnings: [],
      error: `pcap_open_offline failed for '${f}': truncated dump file; tried to read 24 file header bytes, only got 6`,
    });
    const g = tmpFile('noidb.pcapng', shb(new Bytes()));
    expect(openResult(g)).toEqual({
      warnings: [PCAPNG_WARNING],
      error: `pcap_open_offline failed for '${g}': the capture file has no Interface Description Blocks`,
    });
  });

  it('lets libpcap report unknown formats and short magics (reachable through stdin)', () => {
    expect(() => openCaptureReader(tmpFile('unknown.bin', new Uint8Array(8).fill(1)))).toThrow(/: unknown file format$/);
    expect(() => openCaptureReader(tmpFile('two.bin', Uint8Array.from([1, 2])))).toThrow(
      /: truncated dump file; tried to read 4 file header bytes, only got 2$/,
    );
    expect(() => openCaptureReader(tmpFile('shb-only.bin', Uint8Array.from([10, 13, 13, 10, 1])))).toThrow(/: unknown file format$/);
  });

  it('reads a capture through a pipe', async () => {
    const dir = mkdtempSync(join(tmpdir(), 't2ts-fifo-'));
    const fifo = join(dir, 'cap.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const many = pcapHeader();
    for (let i = 0; i < 2000; i++) pcapRecord(many, i, 0, payload(100, i));
    const src = tmpFile('fifo-src.pcap', many);
    const writer = spawn('sh', ['-c', `cat '${src}' > '${fifo}'`]);
    const recs = readAll(openCaptureReader(fifo, { chunkSize: 4096 }));
    await new Promise((resolve) => writer.on('close', resolve));
    expect(recs).toHaveLength(2000);
    expect(recs[1999]).toEqual({ sec: 1999, ns: 0, caplen: 100, len: 100, linkType: 1, data: payload(100, 1999) });
  });

  it('reads `-` from stdin with captureFileSize 0 and no file check', () => {
    const dir = mkdtempSync(join(tmpdir(), 't2ts-stdin-'));
    const script = join(dir, 'main.ts');
    writeFileSync(
      script,
      `import { openCapture } from ${JSON.stringify(join(import.meta.dirname, '..', 'open.ts'))};
import { readAll } from ${JSON.stringify(join(import.meta.dirname, 'build.ts'))};
const warnings: string[] = [];
const { reader, captureFileSize } = openCapture('-', (w) => warnings.push(w));
const recs = readAll(reader);
console.log(JSON.stringify({ format: reader.format, captureFileSize, warnings, n: recs.length, last: recs[recs.length - 1] }));
`,
    );
    const out = join(dir, 'out');
    mkdirSync(out);
    buildSync({ entryPoints: [script], bundle: true, platform: 'node', format: 'esm', outfile: join(out, 'main.mjs'), logLevel: 'error' });
    const input = onePacketPcapng();
    epb(input, 0, 6n, payload(1000, 4));
    const res = spawnSync(process.execPath, [join(out, 'main.mjs')], { input: input.build(), encoding: 'utf8' });
    expect(res.stderr).toBe('');
    expect(JSON.parse(res.stdout)).toEqual({
      format: 'pcapng',
      captureFileSize: 0,
      warnings: [],
      n: 2,
      last: { sec: 0, ns: 6000, caplen: 1000, len: 1000, linkType: 1, data: payload(1000, 4) },
    });
  });
});

describe('-R list files', () => {
  function run(lines: string[]): { out: string[]; result?: { files: string[]; totalSize: number }; fatal?: string } {
    const out: string[] = [];
    const msgs: ListMessages = {
      line: (t) => out.push(t),
      warn: (t) => out.push(`[WRN] ${t}`),
      error: (t) => out.push(`[ERR] ${t}`),
    };
    const list = tmpFile('list.txt', new TextEncoder().encode(lines.join('\r\n') + '\n'));
    try {
      return { out, result: readCaptureList(list, msgs) };
    } catch (e) {
      expect(e).toBeInstanceOf(CaptureOpenError);
      return { out, fatal: (e as Error).message.replace(list, '<LIST>') };
    }
  }

  it('checks every non-comment line and sums the sizes of the valid files', () => {
    const a = tmpFile('la.pcap', onePacketPcap());
    const b = tmpFile('lb.pcapng', onePacketPcapng());
    const bad = tmpFile('lbad.pcap', new TextEncoder().encode('garbage!'));
    const missing = join(tmpdir(), 'missing-t2ts.pcap');
    const { out, result } = run(['# comment', a, bad, missing, b]);
    expect(out).toEqual([
      'Checking list file',
      `    checking file '${a}'`,
      `    checking file '${bad}'`,
      `[ERR] File '${bad}' is not a valid PCAP/PCAP-NG file`,
      `    checking file '${missing}'`,
      `[ERR] Failed to open file '${missing}' for reading: No such file or directory`,
      `    checking file '${b}'`,
      `[WRN] ${PCAPNG_WARNING}`,
    ]);
    expect(result).toEqual({ files: [a, b], totalSize: 70 + onePacketPcapng().length });
  });

  it('fails without valid files, and on binary garbage names', () => {
    expect(run(['# only a comment']).fatal).toBe('No valid files found in <LIST>');
    expect(run(['nope\u00e9\u00e9']).fatal).toBe("'<LIST>' is not a valid list of PCAP files");
  });
});
