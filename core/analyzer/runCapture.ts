import { linkTypeError, linkTypeSupport } from '../capture/linkTypes.ts';
import { ReadStatus, type CaptureReader } from '../capture/reader.ts';
import type { ReportWriter } from '../report/reportWriter.ts';
import { writeDumpStart } from '../report/startup.ts';
import type { Analyzer } from './analyzer.ts';

/**
 * Reads a capture to its end (core.md §2.2): reader errors are warnings, printed unless equal to
 * the one printed before, and reading goes on. Returns the fatal error text when the link type is
 * unsupported (found at the first packet, as T2 does), else undefined.
 */
export function runCapture(analyzer: Analyzer, reader: CaptureReader, report: ReportWriter): string | undefined {
  const pkt = analyzer.pkt;
  let lastPrinted = '';
  let first = true;
  for (;;) {
    const status = reader.next(pkt);
    if (status === ReadStatus.Eof) return undefined;
    if (status === ReadStatus.Error) {
      if (reader.error !== lastPrinted) {
        lastPrinted = reader.error;
        report.wrn(`pcap_dispatch failed: ${reader.error}`);
      }
      continue;
    }
    if (first) {
      first = false;
      writeDumpStart(report, pkt.tsSec, pkt.tsNs);
      if (linkTypeSupport(pkt.linkType) !== 'supported') return linkTypeError(pkt.linkType);
    }
    analyzer.processPacket();
  }
}
