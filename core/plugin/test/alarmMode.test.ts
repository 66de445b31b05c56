import { describe, expect, it } from 'vitest';
import { FlowTable } from '../../flow/flowTable.ts';
import { definePlugin, type OutputBuffer } from '../api.ts';
import { PluginHost } from '../host.ts';

/** Two alarm plugins reporting `alarms[i]` for flow slot i; a sink counting the records it sees. */
function host(alarmMode: boolean, alarmAnd: boolean, a: number[], b: number[]) {
  const written: number[] = [];
  let h: PluginHost;
  const reporter = (name: string, number: number, alarms: number[]) =>
    definePlugin({
      name,
      number,
      version: '0.9.3',
      onFlowTerminate(slot: number) {
        h.alarmReported(alarms[slot]);
      },
    });
  const sink = definePlugin({
    name: 'sink',
    number: 900,
    version: '0.9.3',
    bufferToSink(buf: OutputBuffer) {
      written.push(Number(buf.view.getBigUint64(1, true)));
    },
  });
  h = new PluginHost([reporter('a', 200, a), reporter('b', 201, b), sink], alarmMode, alarmAnd);
  const flows = new FlowTable(4);
  for (let i = 0; i < 4; i++) flows.flowInd[i] = i + 1;
  for (let i = 0; i < 4; i++) h.writeFlow(flows, i, false);
  return written;
}

describe('ALARM_MODE (core.md §6.4)', () => {
  const a = [0, 2, 0, 1];
  const b = [0, 0, 3, 1];

  it('writes every record when the mode is off', () => {
    expect(host(false, false, a, b)).toEqual([1, 2, 3, 4]);
  });

  it('writes only records with an alarm from any plugin (OR)', () => {
    expect(host(true, false, a, b)).toEqual([2, 3, 4]);
  });

  it('with ALARM_AND writes only records for which every reporting plugin found alarms', () => {
    expect(host(true, true, a, b)).toEqual([4]);
  });
});
