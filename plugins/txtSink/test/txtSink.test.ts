import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { column } from '../../../core/output/columns.ts';
import { OutputBuffer } from '../../../core/output/outputBuffer.ts';
import type { Core } from '../../../core/plugin/api.ts';
import txtSink from '../index.ts';

const COLUMNS = [
  column('dir', 'Flow direction', 'DIR'),
  column('flowInd', 'Flow index', 'U64'),
  column('hdrDesc', 'Headers description', 'SC', true),
  column('srcIPOrg', 'Source IP organization', 'S'),
];
const PREAMBLE = '# Date: x\n#\n';

function fakeCore(prefix: string, options: Pick<Core, 'flowsToStdout' | 'split'> = {}): Core {
  const core = {
    outputPrefix: prefix,
    schema: { columns: COLUMNS },
    headerPreamble: () => PREAMBLE,
    fatal: (text: string): never => {
      throw new Error(text);
    },
    ...options,
  };
  return core as unknown as Core;
}

function record(buf: OutputBuffer, dir: number, index: number): OutputBuffer {
  buf.reset();
  buf.u8(dir);
  buf.u64(index);
  buf.numRep(1);
  buf.str('eth:ipv4:udp');
  buf.str('Private network');
  return buf;
}

const lineOf = (dir: string, i: number) => `${dir}\t${i}\teth:ipv4:udp\t"Private network"\n`;
const NAME_LINE = '%dir\tflowInd\thdrDesc\tsrcIPOrg\n';

afterEach(() => {
  txtSink.finalize!();
  delete process.env.TFS_FLOWS_TXT_SUFFIX;
});

describe('txtSink', () => {
  it('is plugin 901, version 0.9.3, without columns', () => {
    expect([txtSink.name, txtSink.number, txtSink.version]).toEqual(['txtSink', 901, '0.9.3']);
    expect('columns' in txtSink).toBe(false);
  });

  it('writes the header file and the name line in init, one line per record until finalize', () => {
    const dir = mkdtempSync(join(tmpdir(), 'txtsink-'));
    const core = fakeCore(join(dir, 'cap'));
    txtSink.init!(core);
    expect(readFileSync(join(dir, 'cap_headers.txt'), 'utf8')).toBe(
      PREAMBLE +
        '# Col No.\tType\tName\tDescription\n1\tC\tdir\tFlow direction\n2\tU64\tflowInd\tFlow index\n' +
        '3\tSC:R\thdrDesc\tHeaders description\n4\tS\tsrcIPOrg\tSource IP organization\n',
    );
    expect(readFileSync(join(dir, 'cap_flows.txt'), 'utf8')).toBe(NAME_LINE);
    const buf = new OutputBuffer();
    txtSink.bufferToSink!(record(buf, 0, 1), core.schema);
    txtSink.bufferToSink!(record(buf, 1, 1), core.schema);
    txtSink.finalize!();
    expect(readFileSync(join(dir, 'cap_flows.txt'), 'utf8')).toBe(NAME_LINE + lineOf('A', 1) + lineOf('B', 1));
  });

  it('takes the flow file suffix from the environment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'txtsink-'));
    process.env.TFS_FLOWS_TXT_SUFFIX = '_zz.tsv';
    txtSink.init!(fakeCore(join(dir, 'X')));
    txtSink.finalize!();
    expect(readdirSync(dir).sort()).toEqual(['X_headers.txt', 'X_zz.tsv']);
  });

  it('splits by flow count (-W o/b:3f,5): name line only in the first file, empty last file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'txtsink-'));
    const core = fakeCore(join(dir, 'b'), { split: { size: 3, byFlows: true, start: 5 } });
    txtSink.init!(core);
    const buf = new OutputBuffer();
    for (let i = 1; i <= 6; i++) txtSink.bufferToSink!(record(buf, 0, i), core.schema);
    txtSink.finalize!();
    expect(readFileSync(join(dir, 'b_flows.txt5'), 'utf8')).toBe(NAME_LINE + lineOf('A', 1) + lineOf('A', 2) + lineOf('A', 3));
    expect(readFileSync(join(dir, 'b_flows.txt6'), 'utf8')).toBe(lineOf('A', 4) + lineOf('A', 5) + lineOf('A', 6));
    expect(readFileSync(join(dir, 'b_flows.txt7'), 'utf8')).toBe('');
    expect(existsSync(join(dir, 'b_flows.txt8'))).toBe(false);
  });

  it('splits by size after the record that reached it, counting the name line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'txtsink-'));
    const core = fakeCore(join(dir, 'a'), { split: { size: 100, byFlows: false, start: 0 } });
    txtSink.init!(core);
    const buf = new OutputBuffer();
    // Name line 30 bytes, records 35 bytes: 30 + 35 + 35 = 100 reaches the limit at the second record.
    for (let i = 1; i <= 4; i++) txtSink.bufferToSink!(record(buf, 0, i), core.schema);
    txtSink.finalize!();
    expect(readFileSync(join(dir, 'a_flows.txt0'), 'utf8')).toBe(NAME_LINE + lineOf('A', 1) + lineOf('A', 2));
    expect(readFileSync(join(dir, 'a_flows.txt1'), 'utf8')).toBe(lineOf('A', 3) + lineOf('A', 4));
  });

  it('fails with T2 message when the flow file cannot be opened', () => {
    const prefix = join(mkdtempSync(join(tmpdir(), 'txtsink-')), 'missing', 'x');
    expect(() => txtSink.init!(fakeCore(prefix))).toThrow(
      `txtSink: Failed to open file '${prefix}_flows.txt' for writing: No such file or directory`,
    );
  });

  it('writes big runs in chunks without losing or reordering lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'txtsink-'));
    const core = fakeCore(join(dir, 'big'));
    txtSink.init!(core);
    const buf = new OutputBuffer();
    const n = 60000;
    for (let i = 0; i < n; i++) txtSink.bufferToSink!(record(buf, i & 1, i), core.schema);
    txtSink.finalize!();
    const lines = readFileSync(join(dir, 'big_flows.txt'), 'utf8').split('\n');
    expect(lines.length).toBe(n + 2);
    expect(lines[n]).toBe(lineOf('B', n - 1).slice(0, -1));
  });
});
