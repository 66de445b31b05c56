import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SUBNET_COLUMNS, diffFlows, diffLines, formatDiffs } from './compare.ts';
import { PCAP_DIR, SET_ARGS, SET_CORE_FLAGS, SET_PLUGINS, captures, goldenFile, goldenFileBytes, nondeterministicColumns } from './corpus.ts';
import { normalize } from './normalize.ts';
import { REPO, runT2, tool } from './runT2.ts';

/**
 * T2 reads this capture's IPv4 header beyond the captured bytes (golden/NORMALIZE.md): its flow
 * values come from uninitialised memory, so only the shape of the output is compared.
 */
const UNDEFINED_BEHAVIOUR = 'ip4-trunc.pcap';

/**
 * Runs every capture of a golden set through `t2 -r CAPTURE -w OUT/ -l` with the set's plugins
 * (bundled by t2build into a scratch plugin folder) and compares flows, headers, end report,
 * stderr and exit status with what Tranalyzer2 0.9.3 wrote.
 */
export function goldenSetSuite(set: string): void {
  const plugins = SET_PLUGINS[set];
  let pluginDir = '';

  beforeAll(() => {
    pluginDir = mkdtempSync(join(tmpdir(), `t2plugins-${set}-`));
    const config = join(pluginDir, 't2.config.ts');
    const core = JSON.stringify(SET_CORE_FLAGS[set] ?? {});
    writeFileSync(config, `import { defineConfig } from '${join(REPO, 'core/config/index.ts')}';\nexport default defineConfig({ tranalyzer2: ${core} });\n`);
    tool('t2build', ['-y', '-p', pluginDir, 'tranalyzer2', ...plugins], REPO, { T2_CONFIG: config });
  }, 120_000);

  describe.each(captures(set))(`${set}: %s`, (capture) => {
    it('matches T2 0.9.3', () => {
      const res = runT2(pluginDir, ['-r', join(PCAP_DIR, capture), '-w', 'OUT/', '-l', ...(SET_ARGS[set] ?? [])]);
      const prefix = capture.replace(/\.[^.]*$/, '');
      const norm = (kind: Parameters<typeof normalize>[0], text: string) => normalize(kind, text, PCAP_DIR, res.outDir);
      const problems: string[] = [];

      const rc = goldenFile(set, capture, 'rc')!.trim();
      if (String(res.rc) !== rc) problems.push(`exit status: expected ${rc}, got ${res.rc}\n${res.stderr}`);
      const stderrDiff = diffLines(goldenFile(set, capture, 'stderr.txt')!, norm('stderr', res.stderr));
      if (stderrDiff.length) problems.push(`stderr:\n${formatDiffs(stderrDiff)}`);

      const flows = res.files.get(`${prefix}_flows.txt`);
      if (flows === undefined) problems.push('no flow file');
      else if (capture === UNDEFINED_BEHAVIOUR) {
        const lines = (text: string) => text.split('\n').length;
        if (lines(flows) !== lines(goldenFile(set, capture, 'flows.txt')!)) problems.push('flows: another number of flows');
      } else {
        const ignore = [...SUBNET_COLUMNS, ...nondeterministicColumns(set, capture)];
        const d = diffFlows(goldenFile(set, capture, 'flows.txt')!, flows, ignore);
        if (d.length) problems.push(`flows:\n${formatDiffs(d)}`);
      }
      const headers = res.files.get(`${prefix}_headers.txt`);
      if (headers === undefined) problems.push('no headers file');
      else {
        const d = diffLines(goldenFile(set, capture, 'headers.txt')!, norm('headers', headers));
        if (d.length) problems.push(`headers:\n${formatDiffs(d)}`);
      }
      const log = res.files.get(`${prefix}_log.txt`);
      if (log === undefined) problems.push('no log file');
      else if (capture !== UNDEFINED_BEHAVIOUR) {
        const talker = nondeterministicColumns(set, capture).length ? /Biggest L3 flow talker/ : undefined;
        const d = diffLines(goldenFile(set, capture, 'log.txt')!, norm('log', log), talker);
        if (d.length) problems.push(`log:\n${formatDiffs(d)}`);
      }
      const goldenMon = goldenFile(set, capture, 'monitoring.txt');
      const mon = res.files.get(`${prefix}_monitoring.txt`);
      if (goldenMon !== undefined) {
        const d = diffLines(goldenMon, norm('monitoring', mon ?? ''));
        if (d.length) problems.push(`monitoring:\n${formatDiffs(d)}`);
      }
      const pcapd = res.files.get(`${prefix}_pcapd.pcap`);
      const goldenPcapd = goldenFileBytes(set, capture, 'pcapd.pcap');
      if (goldenPcapd !== undefined && (pcapd === undefined || !Buffer.from(pcapd, 'latin1').equals(goldenPcapd))) {
        problems.push(`pcapd: expected ${goldenPcapd.length} bytes, got ${pcapd === undefined ? 'no file' : Buffer.from(pcapd, 'latin1').length}`);
      }
      if (goldenPcapd === undefined && pcapd !== undefined && pcapd.length > 24) problems.push('pcapd: extracted packets T2 did not extract');
      expect(problems.join('\n')).toBe('');
    });
  });
}
