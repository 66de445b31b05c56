import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultValues } from '../../core/config/defineFlags.ts';
import coreFlags from '../../core/flags.ts';
import tcpWinFlags from '../../plugins/tcpWin/flags.ts';
import { bundleComponent } from '../../tools/t2build/bundle.ts';
import { coreComponent, listPlugins } from '../../tools/lib/components.ts';
import { ROOT, Scratch } from './scratch.ts';

const coreDefaults = defaultValues(coreFlags);

function component(name: string) {
  return listPlugins(ROOT).find((c) => c.name === name)!;
}

describe('t2build bundles with flags as defines', { timeout: 60_000 }, () => {
  it('eliminates the code of a disabled mode (tcpWin ALARM_MODE parts) and keeps it when enabled', async () => {
    const build = (alarm: 0 | 1) =>
      bundleComponent(component('tcpWin'), {
        coreValues: { ...coreDefaults, ALARM_MODE: alarm },
        ownValues: defaultValues(tcpWinFlags),
        coreHash: `hash${alarm}`,
        debug: false,
      });
    const off = (await build(0)).code;
    const on = (await build(1)).code;
    for (const marker of ['alarms in', 'reportAlarms', 'winAlarms +=']) {
      expect(off, marker).not.toContain(marker);
      expect(on, marker).toContain(marker);
    }
    // flag values are literals in the bundle, not lookups
    expect(off).not.toMatch(/\bTCPWIN_THRES\b|\bALARM_MODE\b/);
    expect(off).toContain('< 1');
    expect(off).toContain('"hash0"');
  });

  it('eliminates a disabled mode of a plugin flag with a marker (scratch plugin)', async () => {
    const p = new Scratch();
    const dir = join(p.dir, 'plugins', 'dce');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'flags.ts'),
      "import { defineFlags, flag } from 't2ts/config';\nexport default defineFlags('dce', { DCE_MODE: flag.bool(0, 'mode') });\n",
    );
    writeFileSync(
      join(dir, 'index.ts'),
      [
        "import { definePlugin } from 't2ts/plugin';",
        'declare const DCE_MODE: 0 | 1;',
        "function marker(): void { console.log('DCE_MARKER_IN_MODE'); }",
        "export default definePlugin({ name: 'dce', number: 170, version: '0.9.3',",
        '  finalize(): void { if (DCE_MODE) marker(); } });',
      ].join('\n'),
    );
    expect((await p.run('t2build', 'dce')).status).toBe(0);
    expect(readdirSync(p.pluginFolder)).toEqual(['170_dce.mjs']);
    expect(readFileSync(join(p.pluginFolder, '170_dce.mjs'), 'utf8')).not.toContain('DCE_MARKER_IN_MODE');
    await p.run('t2conf', 'dce', '-D', 'DCE_MODE=1');
    expect((await p.run('t2build', 'dce')).status).toBe(0);
    expect(readFileSync(join(p.pluginFolder, '170_dce.mjs'), 'utf8')).toContain('DCE_MARKER_IN_MODE');
  });

  it('bundles the core with its flags and fingerprint', async () => {
    const core = await bundleComponent(coreComponent(), { coreValues: coreDefaults, ownValues: {}, coreHash: 'feedc0de', debug: false });
    expect(core.code).toContain('"feedc0de"');
    expect(core.code).toMatch(/export\s*\{[^}]*\bmain\b/);
    expect(core.inputs.some((f) => f.endsWith('core/main.ts'))).toBe(true);
  });
});

describe('t2build and the plugin folder', { timeout: 120_000 }, () => {
  it('installs NNN_name bundles, skips what is up to date, lists (-l), unloads (-u), empties (-e)', async () => {
    const p = new Scratch();
    const built = await p.run('t2build', 'tcpStates', 'tcpWin');
    expect(built.status).toBe(0);
    expect(built.stdout).toContain("\nPlugin 'tcpStates'\n\ntcpStates successfully built\n");
    expect(built.stdout).toContain('\nBUILDING SUCCESSFUL\n');
    expect(readdirSync(p.pluginFolder).sort()).toEqual(['132_tcpStates.mjs', '150_tcpWin.mjs']);
    expect((await p.run('t2build', 'tcpWin')).stdout).toContain('tcpWin is up to date');
    expect((await p.run('t2build', '-r', 'tcpWin')).stdout).toContain('tcpWin successfully built');
    expect((await p.run('t2build', '-l')).stdout).toBe('tcpStates\ntcpWin\n');
    const unload = await p.run('t2build', '-u', 'tcpStates');
    expect(unload.stdout).toContain('UNLOADING SUCCESSFUL');
    expect(readdirSync(p.pluginFolder)).toEqual(['150_tcpWin.mjs']);
    const refused = await p.run('t2build', '-e');
    expect([refused.status, refused.stdout]).toEqual([
      1,
      `Are you sure you want to empty the plugin folder '${p.pluginFolder}' (y/N)? no\nPlugin folder not emptied\n`,
    ]);
    const emptied = await p.run('t2build', '-e', '-y');
    expect(emptied.stdout).toBe(`Are you sure you want to empty the plugin folder '${p.pluginFolder}' (y/N)? yes\nPlugin folder emptied\n`);
    expect((await p.run('t2build', '-l')).stdout).toBe(`No plugins in '${p.pluginFolder}'\n`);
  });

  it('-p chooses the folder; unknown plugins and invalid configs fail the build', async () => {
    const p = new Scratch(`export default { tcpWin: { TCPWIN_THRES: -1 } };\n`);
    const other = join(p.dir, 'elsewhere');
    expect((await p.run('t2build', '-p', other, 'tcpStates')).status).toBe(0);
    expect(readdirSync(other)).toEqual(['132_tcpStates.mjs']);
    const unknown = await p.run('t2build', '-p', other, 'tcpStats');
    expect([unknown.status, unknown.stderr]).toEqual([1, "\nPlugin 'tcpStats' could not be found (did you mean 'tcpStates'?)\n\n"]);
    const invalid = await p.run('t2build', '-p', other, 'tcpWin');
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toContain('tcpWin: invalid value -1 for TCPWIN_THRES: expected an integer from 0 to 65535');
    expect(invalid.stderr).toContain('    tcpWin');
    const reset = await p.run('t2build', '--reset');
    expect(reset.stdout).toContain("Did you mean to call 't2conf --reset' instead?");
  });
});
