/** Text forms of addresses as T2 prints them (core.md §7): MAC, dotted quad, glibc inet_ntop IPv6. */

function hex2(b: number): string {
  return b.toString(16).padStart(2, '0');
}

export function macText(buf: Uint8Array, off: number): string {
  const parts: string[] = [];
  for (let k = 0; k < 6; k++) parts.push(hex2(buf[off + k]));
  return parts.join(':');
}

export function ipv4Text(buf: Uint8Array, off: number): string {
  return `${buf[off]}.${buf[off + 1]}.${buf[off + 2]}.${buf[off + 3]}`;
}

export function ipv6Text(buf: Uint8Array, off: number): string {
  const words: number[] = [];
  for (let k = 0; k < 8; k++) words.push((buf[off + 2 * k] << 8) | buf[off + 2 * k + 1]);
  // Longest run of at least two zero groups, the first one on ties.
  let bestBase = -1;
  let bestLen = 0;
  for (let k = 0; k < 8; ) {
    if (words[k] !== 0) {
      k++;
      continue;
    }
    let end = k;
    while (end < 8 && words[end] === 0) end++;
    if (end - k > bestLen) {
      bestBase = k;
      bestLen = end - k;
    }
    k = end;
  }
  if (bestLen < 2) bestBase = -1;

  let text = '';
  for (let k = 0; k < 8; k++) {
    if (k === bestBase) {
      text += ':';
      k += bestLen - 1;
      if (k === 7) text += ':';
      continue;
    }
    if (k > 0) text += ':';
    const embedsIPv4 = k === 6 && bestBase === 0 && (bestLen === 6 || (bestLen === 5 && words[5] === 0xffff));
    if (embedsIPv4) return text + ipv4Text(buf, off + 12);
    text += words[k].toString(16);
  }
  return text;
}

/** IPX text: version 4 or 6, `-` otherwise; the empty string stands for "no address". */
export function ipText(ipVer: number, buf: Uint8Array, off: number): string {
  if (ipVer === 4) return ipv4Text(buf, off);
  if (ipVer === 6) return ipv6Text(buf, off);
  return '';
}
