import { FlowTable } from '../../../../core/flow/flowTable.ts';
import { StatHi, StatLo } from '../../../../core/flow/status.ts';
import { ReportWriter } from '../../../../core/report/reportWriter.ts';
import { Stats } from '../../../../core/stats.ts';
import type { Core, Schema } from '../../../../core/plugin/api.ts';

/** A Core for plugin tests: real flow table, stats and report writer, recorded side effects. */
export class FakeCore implements Core {
  readonly capacity: number;
  readonly flows: FlowTable;
  readonly stats = new Stats();
  readonly outputPrefix = 'out/test';
  readonly snaplen = 65535;
  readonly inputSize = 0;
  readonly sensorId = 666;
  reportText = '';
  readonly report = new ReportWriter((s) => {
    this.reportText += s;
  });
  readonly headerPreamble = (): string => '';
  readonly schema: Schema = { columns: [] };
  readonly timeouts: number[] = [];
  private readonly descs: string[] = [''];
  private readonly descIds = new Map<string, number>([['', 0]]);

  constructor(capacity: number) {
    this.capacity = capacity;
    this.flows = new FlowTable(capacity);
  }

  addTimeout(seconds: number): void {
    this.timeouts.push(seconds);
  }

  setFlowStatus(flowIndex: number, lo: number, hi: number): void {
    this.flows.statusLo[flowIndex] |= lo;
    this.flows.statusHi[flowIndex] |= hi;
    this.setGlobalStatus(lo, hi);
  }

  setGlobalStatus(lo: number, hi: number): void {
    this.stats.globalLo |= lo;
    this.stats.globalHi |= hi;
  }

  reportAlarms(): void {}

  removeFlow(): void {}

  hdrDescText(id: number): string {
    return this.descs[id];
  }

  /** Interns a header description like the core does after dissection. */
  internHdrDesc(text: string): number {
    let id = this.descIds.get(text);
    if (id === undefined) {
      id = this.descs.length;
      this.descs.push(text);
      this.descIds.set(text, id);
    }
    return id;
  }

  dependency<T>(name: string): T {
    throw new Error(`no dependency ${name} in tests`);
  }

  error(text: string): void {
    throw new Error(text);
  }

  fatal(text: string): never {
    throw new Error(text);
  }
}

/** The report without ANSI colours, as the goldens store it. */
export function plainReport(core: FakeCore): string[] {
  return core.reportText.replace(/\x1b\[[0-9;]*m/g, '').split('\n').filter((l) => l !== '');
}

export { StatHi, StatLo };
