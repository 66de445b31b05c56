import { countHr, percent } from './numberFormat.ts';

const BOLD = '\x1b[1m';
const RESET = '\x1b[0m';
const COLOURS = { INF: ['\x1b[1;34m', '\x1b[0;34m'], WRN: ['\x1b[1;33m', '\x1b[0;33m'], OK: ['\x1b[1;32m', '\x1b[0;32m'], ERR: ['\x1b[1;31m', '\x1b[0;31m'] } as const;
export type Level = keyof typeof COLOURS;

/** T2's coloured `[INF] text` line (colours are kept in log files too). */
export function tagged(level: Level, text: string): string {
  const [tag, body] = COLOURS[level];
  return `${tag}[${level}]${RESET} ${body}${text}${RESET}`;
}

/**
 * The report stream (stdout, or PREFIX_log.txt with -l) and the line shapes plugins print
 * on it (plugin-api.md §6).
 */
export class ReportWriter {
  private readonly write: (s: string) => void;

  constructor(write: (s: string) => void) {
    this.write = write;
  }

  line(text: string): void {
    this.write(text + '\n');
  }

  raw(text: string): void {
    this.write(text);
  }

  inf(text: string): void {
    this.line(tagged('INF', text));
  }

  wrn(text: string): void {
    this.line(tagged('WRN', text));
  }

  ok(text: string): void {
    this.line(tagged('OK', text));
  }

  /** `PLUGIN: TEXT` (T2_FPLOG). */
  plog(plugin: string, text: string): void {
    this.line(`${BOLD}${plugin}:${RESET} ${text}`);
  }

  /** `[INF] PLUGIN: TEXT` / `[WRN] PLUGIN: TEXT`. */
  pinf(plugin: string, text: string): void {
    this.pTagged('INF', plugin, text);
  }

  pwrn(plugin: string, text: string): void {
    this.pTagged('WRN', plugin, text);
  }

  pok(plugin: string, text: string): void {
    this.pTagged('OK', plugin, text);
  }

  private pTagged(level: Level, plugin: string, text: string): void {
    const [tag, body] = COLOURS[level];
    this.line(`${tag}[${level}] ${plugin}:${RESET} ${body}${text}${RESET}`);
  }

  /** T2_FPLOG_NUM (printed when n > 0) / T2_FPLOG_NUM0 (always). */
  num(plugin: string, label: string, n: number, always = false): void {
    if (n > 0 || always) this.plog(plugin, `${label}: ${countHr(n)}`);
  }

  /** T2_FPLOG_NUMP / T2_FPLOG_NUMP0. */
  numP(plugin: string, label: string, n: number, total: number, always = false): void {
    if (n > 0 || always) this.plog(plugin, `${label}: ${countHr(n)} ${percent(n, total)}`);
  }

  /** T2_FPWRN_NUMP / T2_FPWRN_NUMP0. */
  wrnNumP(plugin: string, label: string, n: number, total: number, always = false): void {
    if (n > 0 || always) this.pwrn(plugin, `${label}: ${countHr(n)} ${percent(n, total)}`);
  }

  /** T2_FPWRN_NUM / T2_FPWRN_NUM0. */
  wrnNum(plugin: string, label: string, n: number, always = false): void {
    if (n > 0 || always) this.pwrn(plugin, `${label}: ${countHr(n)}`);
  }

  /**
   * T2_FPLOG_DIFFNUM: in a differential monitoring report, the change of a counter since the
   * previous report (`x − x0`), printed when the counter itself (not the change) is > 0.
   */
  diffNum(plugin: string, label: string, x: number, x0: number): void {
    if (x > 0) this.plog(plugin, `${label}: ${countHr(x - x0)}`);
  }

  /** T2_FPLOG_DIFFNUMP: as diffNum, with the percentage of the total's change. */
  diffNumP(plugin: string, label: string, x: number, x0: number, total: number, total0: number): void {
    if (x > 0) this.plog(plugin, `${label}: ${countHr(x - x0)} ${percent(x - x0, total - total0)}`);
  }

  /**
   * T2_FPLOG_AGGR_HEX: `PLUGIN: Aggregated NAME=0x..` zero-padded to `width` hex digits,
   * printed when the value is non-zero. `hi` carries the upper 32 bits of 64-bit values.
   */
  aggrHex(plugin: string, name: string, value: number, width: 2 | 4 | 8 | 16, hi = 0, always = false): void {
    if (value === 0 && hi === 0 && !always) return;
    const hex = width === 16
      ? (hi >>> 0).toString(16).padStart(8, '0') + (value >>> 0).toString(16).padStart(8, '0')
      : (value >>> 0).toString(16).padStart(width, '0');
    this.plog(plugin, `Aggregated ${name}=0x${hex}`);
  }
}
