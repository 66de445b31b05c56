/** The goldens' normalization rules (golden/NORMALIZE.md), applied to our output before comparing. */
export type OutputKind = 'flows' | 'headers' | 'log' | 'stdout' | 'stderr' | 'monitoring';

const ANSI = /\x1b\[[0-9;]*m/g;
const HEADER_RULES: [RegExp, string][] = [
  [/^# Date: .*$/gm, '# Date: <DATE>'],
  [/^# PID: .*$/gm, '# PID: <PID>'],
  [/^# Command line: .*$/gm, '# Command line: <CMDLINE>'],
  [/^# HW info: .*$/gm, '# HW info: <HWINFO>'],
  [/^# SW info: .*$/gm, '# SW info: <SWINFO>'],
];
const REPORT_RULES: [RegExp, string][] = [
  [/^(Tranalyzer [^\n]*\. PID: )\d+/gm, '$1<PID>'],
  [/^Date: .*$/gm, 'Date: <DATE>'],
  [/^Finished processing\. Elapsed time: .*$/gm, 'Finished processing. Elapsed time: <ELAPSED>'],
  [/^Finished unloading flow memory\. Time: .*$/gm, 'Finished unloading flow memory. Time: <ELAPSED>'],
  [/^Memory usage: .*$/gm, 'Memory usage: <MEM>'],
];

function monitoring(data: string): string {
  let col: number | undefined;
  return data
    .split('\n')
    .map((line) => {
      if (line.startsWith('%')) {
        const idx = line.slice(1).split('\t').indexOf('memUsageKB');
        col = idx >= 0 ? idx : undefined;
        return line;
      }
      if (col === undefined || !line) return line;
      const f = line.split('\t');
      if (f.length > col) f[col] = '<MEM>';
      return f.join('\t');
    })
    .join('\n');
}

export function normalize(kind: OutputKind, data: string, pcapDir: string, outDir: string): string {
  if (kind === 'flows') return data;
  let d = data.replace(ANSI, '');
  if (kind === 'headers') for (const [p, r] of HEADER_RULES) d = d.replace(p, r);
  else if (kind === 'monitoring') d = monitoring(d);
  else {
    for (const [p, r] of REPORT_RULES) d = d.replace(p, r);
    if (!/^Dump start/m.test(d)) d = d.replace(/^Total dump duration: .*$/gm, 'Total dump duration: <WALLCLOCK>');
  }
  d = d.split(pcapDir.replace(/\/$/, '') + '/').join('<PCAPDIR>/');
  return d.split(outDir.replace(/\/$/, '') + '/').join('<OUTDIR>/');
}
