import { describe, expect, it } from 'vitest';
import { renderGeneratedFiles } from '../../tools/lib/generatedFiles.ts';
import { readFileSync } from 'node:fs';

describe('flag globals', () => {
  it('are defined with their schema defaults in tests', () => {
    expect(ALARM_MODE).toBe(0);
    expect(FLOW_TIMEOUT).toBe(182);
    expect(IPV6_ACTIVATE).toBe(2);
    expect(MONINTV).toBe(1);
    expect(PLUGIN_FOLDER).toBe('.tranalyzer/plugins/');
    expect(TCPWIN_THRES).toBe(1);
  });

  it('generated declarations and registry match the schemas (run `t2build --sync`)', async () => {
    for (const [file, text] of await renderGeneratedFiles()) {
      expect(readFileSync(file, 'utf8'), file).toBe(text);
    }
  });
});
