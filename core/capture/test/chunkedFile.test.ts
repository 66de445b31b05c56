import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { constants, mkdtempSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChunkedInput } from '../chunkedFile.ts';
import { payload, tmpFile } from './build.ts';

describe('ChunkedInput', () => {
  it('keeps records contiguous across chunk ends and grows for records bigger than the chunk', () => {
    const data = Uint8Array.from(payload(1000));
    const input = new ChunkedInput(openSync(tmpFile('chunk.bin', data), 'r'), 64);
    const seen: number[] = [];
    for (const n of [10, 50, 30, 200, 700, 20]) {
      const got = input.ensure(n);
      seen.push(...input.buf.subarray(input.pos, input.pos + got));
      input.pos += got;
    }
    expect(seen).toEqual(Array.from(data));
    expect(input.ensure(1)).toBe(0);
    input.close();
  });

  it('waits out EAGAIN on a non-blocking pipe instead of taking it for EOF', async () => {
    const dir = mkdtempSync(join(tmpdir(), 't2ts-nb-'));
    const fifo = join(dir, 'nb.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const fd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const writer = spawn('sh', ['-c', `exec 3>'${fifo}'; echo opened; sleep 0.3; printf 'abcdef' >&3; sleep 0.2; printf 'gh' >&3`]);
    await once(writer.stdout, 'data');
    const input = new ChunkedInput(fd, 16);
    expect(input.ensure(8)).toBe(8);
    expect(new TextDecoder().decode(input.buf.subarray(input.pos, input.pos + 8))).toBe('abcdefgh');
    input.pos += 8;
    expect(input.ensure(1)).toBe(0);
    input.close();
  });
});
