import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PCAP_DIR, SET_PLUGINS } from '../golden/corpus.ts';
import { REPO, runT2, tool } from '../golden/runT2.ts';

const ANSI = /\x1b\[[0-9;]*m/g;
const plain = (s: string) => s.replace(ANSI, '');
let pluginDir = '';
let scratch = '';

beforeAll(() => {
  pluginDir = mkdtempSync(join(tmpdir(), 't2plugins-cli-'));
  scratch = mkdtempSync(join(tmpdir(), 't2cli-'));
  tool('t2build', ['-y', '-p', pluginDir, 'tranalyzer2', ...SET_PLUGINS.tutorial]);
}, 120_000);

const capture = (name: string) => join(PCAP_DIR, name);

describe('t2 command line', () => {
  it('prints its version with -V', () => {
    const r = runT2(pluginDir, ['-V']);
    expect(r.rc).toBe(0);
    expect(r.stdout).toBe('Tranalyzer 0.9.3 (Anteater) [Cobra]\n');
  });

  it('runs as a program through its #! line, with the node options it sets', () => {
    const out = join(scratch, 'shebang');
    const r = spawnSync(join(REPO, 'bin', 't2.js'), ['-p', pluginDir, '-r', capture('emix.pcap'), '-w', `${out}/`], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(readFileSync(join(out, 'emix_flows.txt'), 'utf8')).toMatch(/^%dir\tflowInd\t/);
    expect(readFileSync(join(REPO, 'bin', 't2.js'), 'utf8').split('\n', 2)).toEqual(['#!/bin/sh', `':' //; exec node --v8-pool-size=1 "$0" "$@"`]);
  });

  it('prints the usage and fails without arguments; -h succeeds', () => {
    const home = mkdtempSync(join(tmpdir(), 't2home-'));
    mkdirSync(join(home, '.tranalyzer'));
    symlinkSync(pluginDir, join(home, '.tranalyzer', 'plugins'));
    const bare = spawnSync(process.execPath, [join(REPO, 'bin', 't2.js')], { encoding: 'utf8', env: { ...process.env, HOME: home } });
    expect(bare.status).toBe(1);
    expect(bare.stdout).toContain('Usage:');
    const help = runT2(pluginDir, ['-h']);
    expect(help.rc).toBe(0);
    expect(help.stdout).toContain('Input arguments:');
  });

  it.each([
    [['-Q'], "Unknown option '-Q'"],
    [['-r'], "Option '-r' requires an argument"],
    [['-w', 'x'], "One of '-r', '-R', '-D' or '-i' option is required"],
    [['-r', 'a', '-R', 'b'], "'-r', '-R', '-D' and '-i' options can only be used exclusively"],
  ])('refuses %j with T2 message and a hint', (args, message) => {
    const r = runT2(pluginDir, args);
    expect(r.rc).toBe(1);
    expect(plain(r.stderr)).toBe(`[ERR] ${message}\n`);
    expect(r.stdout).toBe("Try 'tranalyzer -h' for more information.\n");
  });

  it('refuses a hash factor of 0', () => {
    const r = runT2(pluginDir, ['-r', capture('vxlan.pcap'), '-f', '0']);
    expect(r.rc).toBe(1);
    expect(plain(r.stderr)).toBe("[ERR] Option '-f': Hash factor must be greater than 0\n");
  });

  it('refuses a missing file, an empty file and a file that is no capture, and writes no flow file', () => {
    const empty = join(scratch, 'zero.pcap');
    writeFileSync(empty, '');
    const notCapture = join(scratch, 'notes.pcap');
    writeFileSync(notCapture, 'this is not a capture file at all');
    const cases: [string, string][] = [
      [join(scratch, 'missing.pcap'), `Failed to open file '${join(scratch, 'missing.pcap')}' for reading: No such file or directory`],
      [empty, `PCAP file '${empty}' is empty`],
      [notCapture, `File '${notCapture}' is not a valid PCAP/PCAP-NG file`],
    ];
    for (const [file, message] of cases) {
      const r = runT2(pluginDir, ['-r', file, '-w', 'OUT/']);
      expect(r.rc).toBe(1);
      expect(plain(r.stderr)).toBe(`[ERR] ${message}\n`);
      expect([...r.files.keys()].filter((f) => f.endsWith('_flows.txt'))).toEqual([]);
    }
  });

  it('keeps what it read before the damage of a truncated capture', () => {
    const whole = readFileSync(capture('DnsPackets.pcap'));
    const cut = join(scratch, 'cut.pcap');
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    const r = runT2(pluginDir, ['-r', cut, '-w', 'OUT/']);
    expect(r.rc).toBe(0);
    expect(plain(r.stdout)).toMatch(/\[WRN\] pcap_dispatch failed: truncated dump file; tried to read \d+ captured bytes, only got \d+\n/);
    const flows = r.files.get('cut_flows.txt')!.trim().split('\n');
    expect(flows.length).toBeGreaterThan(100);
    expect(plain(r.stdout)).toMatch(/Number of processed packets: 2\d\d\n/);
  });

  it('reads a capture from stdin with -r - and names the output stdin_', () => {
    const fromFile = runT2(pluginDir, ['-r', capture('DnsPackets.pcap'), '-w', 'OUT/']);
    const fromStdin = runT2(pluginDir, ['-r', '-', '-w', 'OUT/'], undefined, readFileSync(capture('DnsPackets.pcap')));
    expect(fromStdin.rc).toBe(0);
    expect(fromStdin.files.get('stdin_flows.txt')).toBe(fromFile.files.get('DnsPackets_flows.txt'));
    expect(plain(fromStdin.stdout)).not.toContain('Percentage completed');
  });

  it('uses -w PREFIX as it is when it names no directory', () => {
    const r = runT2(pluginDir, ['-r', capture('vxlan.pcap'), '-w', 'OUT/sub/run1']);
    expect(r.rc).toBe(0);
    const sub = readFileSync(join(r.outDir, 'sub', 'run1_flows.txt'), 'utf8');
    expect(sub.split('\n')[0]).toMatch(/^%dir\tflowInd/);
  });

  it('processes a -R list as one capture and skips invalid entries', () => {
    const list = join(scratch, 'captures.txt');
    writeFileSync(list, `${capture('4in4tunnel.pcap')}\n# a comment\n${join(scratch, 'nope.pcap')}\n${capture('vxlan.pcap')}\n`);
    const r = runT2(pluginDir, ['-R', list, '-w', 'OUT/']);
    expect(r.rc).toBe(0);
    expect(plain(r.stderr)).toContain(`[ERR] Failed to open file '${join(scratch, 'nope.pcap')}' for reading`);
    const out = plain(r.stdout);
    expect(out).toContain(`    checking file '${capture('4in4tunnel.pcap')}'`);
    expect(out).toContain(`Processing file no. 2 of 2: ${capture('vxlan.pcap')}`);
    expect(out).toContain('Number of processed packets: 15\n');
    expect(r.files.get('captures_flows.txt')!.trim().split('\n')).toHaveLength(1 + 5 + 4);
  });

  it('writes the flow file to stdout with -w - and the report next to the capture', () => {
    const copy = join(scratch, 'vx.pcap');
    writeFileSync(copy, readFileSync(capture('vxlan.pcap')));
    const r = runT2(pluginDir, ['-r', copy, '-w', '-']);
    expect(r.rc).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^%dir\tflowInd/);
    expect(r.stdout.trim().split('\n')).toHaveLength(5);
    expect(readFileSync(join(scratch, 'vx_log.txt'), 'utf8')).toContain('Number of processed packets: 10');
  });
});
