import type { ReportWriter } from '../report/reportWriter.ts';
import type { Monitor } from '../report/monitoring.ts';

/**
 * Signals as T2 handles them (core.md §9.1): SIGINT once stops creating flows and ends when the
 * last flow is gone, twice stops reading (every flow is still written), three times skips the
 * flushing; SIGTERM stops reading, a second one exits at once. SIGUSR1 asks for a monitoring
 * report, SIGUSR2 toggles the periodic one.
 */
export class RunControl {
  /** No new flows (first SIGINT). */
  draining = false;
  stopReading = false;
  skipFlush = false;
  private sigints = 0;
  private sigterms = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly handlers: [NodeJS.Signals, () => void][] = [];

  constructor(
    private readonly report: ReportWriter,
    private readonly monitor: Monitor | undefined,
    private readonly intervalSec: number,
  ) {}

  install(): void {
    this.on('SIGINT', () => this.sigint());
    this.on('SIGTERM', () => this.sigterm());
    this.on('SIGUSR1', () => {
      if (this.monitor) this.monitor.pending = true;
    });
    this.on('SIGUSR2', () => this.togglePeriodic());
    if (MONINTTMPCP_ON && !MONINTTMPCP) this.togglePeriodic();
  }

  uninstall(): void {
    for (const [sig, fn] of this.handlers) process.off(sig, fn);
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private on(sig: NodeJS.Signals, fn: () => void): void {
    process.on(sig, fn);
    this.handlers.push([sig, fn]);
  }

  private sigint(): void {
    this.sigints++;
    if (this.sigints === 1) {
      this.report.inf(`SIGINT: Stop flow creation, when all pending flows timeout (${FLOW_TIMEOUT}s): exit`);
      this.draining = true;
    } else if (this.sigints === 2) {
      this.report.inf('SIGINT: Remove all flows and exit');
      this.stopReading = true;
    } else {
      this.report.inf('SIGINT: Terminate, terminate.');
      this.skipFlush = true;
    }
  }

  private sigterm(): void {
    this.sigterms++;
    if (this.sigterms > 1) process.exit(1);
    this.report.inf('SIGTERM: Terminate, terminate. Remove all flows and exit');
    this.stopReading = true;
  }

  private togglePeriodic(): void {
    if (!this.monitor || MONINTTMPCP) return;
    if (this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
      return;
    }
    const monitor = this.monitor;
    this.timer = setInterval(() => {
      monitor.pending = true;
    }, Math.max(1, this.intervalSec * 1000));
    this.timer.unref();
  }
}
