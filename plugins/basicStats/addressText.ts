import { ip4Text, ip6Text } from '../../core/output/addressText.ts';

export { macText } from '../../core/output/addressText.ts';

/** IPX text: version 4 or 6; the empty string stands for "no address". */
export function ipText(ipVer: number, buf: Uint8Array, off: number): string {
  if (ipVer === 4) return ip4Text(buf, off);
  if (ipVer === 6) return ip6Text(buf, off);
  return '';
}
