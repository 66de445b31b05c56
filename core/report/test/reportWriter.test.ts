import { describe, expect, it } from 'vitest';
import { ReportWriter } from '../reportWriter.ts';

function capture(print: (r: ReportWriter) => void): string {
  let text = '';
  print(new ReportWriter((s) => (text += s)));
  return text;
}

describe('ReportWriter line shapes (plugin-api.md §6)', () => {
  it('colours plugin lines as T2 does, also in files', () => {
    expect(capture((r) => r.plog('tcpWin', 'hello'))).toBe('\x1b[1mtcpWin:\x1b[0m hello\n');
    expect(capture((r) => r.pwrn('tcpWin', 'careful'))).toBe('\x1b[1;33m[WRN] tcpWin:\x1b[0m \x1b[0;33mcareful\x1b[0m\n');
    expect(capture((r) => r.inf('IPv4 flows'))).toBe('\x1b[1;34m[INF]\x1b[0m \x1b[0;34mIPv4 flows\x1b[0m\n');
  });

  it('prints counts with the human-readable suffix and percentages, only when non-zero unless asked', () => {
    const plain = (f: (r: ReportWriter) => void) => capture(f).replace(/\x1b\[[0-9;]*m/g, '');
    expect(plain((r) => r.num('tcpWin', 'Number of packets', 0))).toBe('');
    expect(plain((r) => r.num('tcpWin', 'Number of packets', 0, true))).toBe('tcpWin: Number of packets: 0\n');
    expect(plain((r) => r.numP('tcpWin', 'Number of TCP winsize packets below threshold 1', 37841, 37841))).toBe(
      'tcpWin: Number of TCP winsize packets below threshold 1: 37841 (37.84 K) [100.00%]\n',
    );
    expect(plain((r) => r.wrnNumP('jsonSink', 'Discarded flows', 3, 12))).toBe('[WRN] jsonSink: Discarded flows: 3 [25.00%]\n');
  });

  it('prints aggregated bit fields zero-padded to their width, 64-bit values from two words', () => {
    const plain = (f: (r: ReportWriter) => void) => capture(f).replace(/\x1b\[[0-9;]*m/g, '');
    expect(plain((r) => r.aggrHex('tcpWin', 'tcpWinStat', 1, 2))).toBe('tcpWin: Aggregated tcpWinStat=0x01\n');
    expect(plain((r) => r.aggrHex('tcpFlags', 'tcpFStat', 1, 4))).toBe('tcpFlags: Aggregated tcpFStat=0x0001\n');
    expect(plain((r) => r.aggrHex('x', 'flowStat', 0xc144, 16, 0x0e0008d0))).toBe('x: Aggregated flowStat=0x0e0008d00000c144\n');
    expect(plain((r) => r.aggrHex('tcpWin', 'tcpWinStat', 0, 2))).toBe('');
  });

  it('prints differential counts: the change, gated by the counter itself', () => {
    const plain = (f: (r: ReportWriter) => void) => capture(f).replace(/\x1b\[[0-9;]*m/g, '');
    expect(plain((r) => r.diffNum('tcpWin', 'Packets below threshold', 1500, 400))).toBe('tcpWin: Packets below threshold: 1100 (1.10 K)\n');
    expect(plain((r) => r.diffNum('tcpWin', 'Packets below threshold', 7, 7))).toBe('tcpWin: Packets below threshold: 0\n');
    expect(plain((r) => r.diffNumP('tcpWin', 'Packets below threshold', 30, 10, 200, 100))).toBe('tcpWin: Packets below threshold: 20 [20.00%]\n');
  });
});
