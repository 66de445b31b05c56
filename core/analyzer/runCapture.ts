import { linkTypeError, linkTypeSupport } from '../capture/linkTypes.ts';
import { ReadStatus, type CaptureReader } from '../capture/reader.ts';
import type { ReportWriter } from '../report/reportWriter.ts';
import { writeDumpStart } from '../report/startup.ts';
import type { Analyzer } from './analyzer.ts';

/**
 * Reads captures to their end (core.md §2.2, §2.6): reader errors are warnings, printed unless
 * equal to the one printed before, and reading goes on. Several files (-R) form one capture.
 */
export class CaptureRun {
  private lastPrinted = '';
  private started = false;

  constructor(
    private readonly analyzer: Analyzer,
    private readonly report: ReportWriter,
  ) {}

  /**
   * Reads one file. Returns the fatal error text when its link type is unsupported (found at
   * its first packet, as T2 does), else undefined.
   */
  read(reader: CaptureReader): string | undefined {
    const analyzer = this.analyzer;
    const pkt = analyzer.pkt;
    let first = true;
    for (;;) {
      const status = reader.next(pkt);
      if (status === ReadStatus.Eof) return undefined;
      if (status === ReadStatus.Error) {
        if (reader.error !== this.lastPrinted) {
          this.lastPrinted = reader.error;
          this.report.wrn(`pcap_dispatch failed: ${reader.error}`);
        }
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
      analyzer.processPacket();
    }
  }
}
