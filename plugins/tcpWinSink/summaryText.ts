import type { WindowSummary } from '../tcpWin/index.ts';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const two = (n: number) => String(n).padStart(2, '0');

/** strftime("%a %d %b %Y %X", localtime(sec)) in the C locale. */
export function reportTime(sec: number): string {
  const d = new Date(sec * 1000);
  const time = `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
  return `${DAYS[d.getDay()]} ${two(d.getDate())} ${MONTHS[d.getMonth()]} ${d.getFullYear()} ${time}`;
}

/** printf("%f", x): six decimals of the exact binary value, ties to even as glibc rounds. */
export function fixed6(x: number): string {
  let v = Math.abs(x);
  let k = 0n;
  while (!Number.isInteger(v)) {
    v *= 2;
    k++;
  }
  const den = 1n << k;
  const scaled = BigInt(v) * 1_000_000n;
  let q = scaled / den;
  const twice = 2n * (scaled % den);
  if (twice > den || (twice === den && (q & 1n) === 1n)) q++;
  const digits = q.toString().padStart(7, '0');
  return `${x < 0 ? '-' : ''}${digits.slice(0, -6)}.${digits.slice(-6)}`;
}

/**
 * The tutorial's report (its sBuf): a time line, the column line, one line per IP, an empty
 * line, and the terminating NUL, which the tutorial's send loop sends along.
 */
export function summaryMessage(s: WindowSummary, sec: number): string {
  let text = `# ${reportTime(sec)}\n# IP\tpktTcpCnt\twinRelThCnt\n`;
  for (let i = 0; i < s.count; i++) {
    const o = i * 4;
    text += `${s.ip[o]}.${s.ip[o + 1]}.${s.ip[o + 2]}.${s.ip[o + 3]}\t${s.tcpCnt[i]}\t${fixed6(s.ratio[i]!)}\n`;
  }
  return text + '\n\0';
}
