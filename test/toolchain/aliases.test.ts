import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, Scratch } from './scratch.ts';

describe('t2_aliases', () => {
  it('defines t2, the tools, .tran, tranpl and a cd alias per plugin source folder', () => {
    const p = new Scratch();
    mkdirSync(join(p.dir, 'plugins', 'myPlug'), { recursive: true });
    writeFileSync(join(p.dir, 'plugins', 'myPlug', 'index.ts'), '');
    const out = execFileSync('bash', ['-c', `source '${join(ROOT, 'tools/t2_aliases')}' && alias`], {
      cwd: p.dir,
      env: { ...process.env, HOME: p.dir },
      encoding: 'utf8',
    });
    expect(out).toContain(`alias t2=''\\''${ROOT}/bin/t2.js'\\'''`);
    expect(out).toContain(`alias t2build=`);
    expect(out).toContain(`alias .tran='cd '\\''${p.dir}/.tranalyzer/plugins'\\'''`);
    expect(out).toContain(`alias tranpl='cd '\\''${ROOT}/plugins'\\'''`);
    expect(out).toContain(`alias tcpWin='cd '\\''${ROOT}/plugins/tcpWin'\\'''`);
    expect(out).toContain(`alias myPlug='cd '\\''${p.dir}/plugins/myPlug'\\'''`);
  });
});
