import { linkTypeError, linkTypeSupport } from '../capture/linkTypes.ts';
import { ReadStatus, type CaptureReader } from '../capture/reader.ts';
import type { Monitor } from '../report/monitoring.ts';
import type { ReportWriter } from '../report/reportWriter.ts';
import { writeDumpStart } from '../report/startup.ts';
import type { Analyzer } from './analyzer.ts';
import type { RunControl } from './runControl.ts';

/** Packets processed between two looks at the event loop (signals, timers). */
const BATCH = 8192;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Reads captures to their end (core.md §2.2, §2.6): reader errors are warnings, printed unless
 * equal to the one printed before, and reading goes on. Several files (-R) form one capture.
 * Between batches of packets the event loop runs, so signals take effect.
 */
export class CaptureRun {
  private lastPrinted = '';
  private started = false;

  constructor(
    private readonly analyzer: Analyzer,
    private readonly report: ReportWriter,
    private readonly monitor: Monitor | undefined,
    private readonly control: RunControl,
  ) {}

  /**
   * Reads one file. Returns the fatal error text when its link type is unsupported (found at
   * its first packet, as T2 does), else undefined.
   */
  async read(reader: CaptureReader): Promise<string | undefined> {
    const analyzer = this.analyzer;
    const control = this.control;
    const monitor = this.monitor;
    const pkt = analyzer.pkt;
    let first = true;
    for (;;) {
      for (let n = 0; n < BATCH; n++) {
        if (control.stopReading) return undefined;
        const status = reader.next(pkt);
        if (status === ReadStatus.Eof) return undefined;
        if (status === ReadStatus.Error) {
          this.readError(reader.error);
          continue;
        }
        if (first) {
          first = false;
          if (!this.started) {
            this.started = true;
            writeDumpStart(this.report, pkt.tsSec, pkt.tsNs);
          }
          if (linkTypeSupport(pkt.linkType) !== 'supported') return linkTypeError(pkt.linkType);
        }
        if (MONINTTMPCP && monitor) monitor.tickPcapTime(pkt.tsSec);
        analyzer.processPacket();
        if (monitor?.pending) monitor.print();
        if (control.draining && analyzer.stats.flowsInMemory === 0) return undefined;
      }
      await yieldToEventLoop();
      if (control.draining) analyzer.flows.creating = false;
    }
  }

  private readError(message: string): void {
    if (message === this.lastPrinted) return;
    this.lastPrinted = message;
    this.report.wrn(`pcap_dispatch failed: ${message}`);
  }
}
