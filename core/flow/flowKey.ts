import type { Packet } from '../dissect/packet.ts';
import { KEY_WORDS } from './keyTable.ts';

/**
 * Flow key words (core.md §4.1): 0-3 srcIP, 4-7 dstIP, 8-10 the 12 MAC bytes of L2 flows
 * (dst then src, as on the wire), 11 ports (or the fragment id), 12 ethType|vlanId, 13 l4Proto.
 */
export class KeyScratch {
  readonly words = new Int32Array(KEY_WORDS);
  readonly bytes = new Uint8Array(this.words.buffer);
  readonly reverse = new Int32Array(KEY_WORDS);
  private readonly revBytes = new Uint8Array(this.reverse.buffer);

  /** Fills `words` with the packet's flow key. */
  fromPacket(pkt: Packet): void {
    const w = this.words;
    const b = this.bytes;
    if (pkt.ipVer === 0) {
      w[0] = w[1] = w[2] = w[3] = w[4] = w[5] = w[6] = w[7] = 0;
      const buf = pkt.buf;
      const m = pkt.macOff;
      for (let i = 0; i < 12; i++) b[32 + i] = m >= 0 ? buf[m + i] : 0;
    } else {
      const a = pkt.ipWords;
      w[0] = a[0]; w[1] = a[1]; w[2] = a[2]; w[3] = a[3];
      w[4] = a[4]; w[5] = a[5]; w[6] = a[6]; w[7] = a[7];
      w[8] = w[9] = w[10] = 0;
    }
    w[11] = (pkt.srcPort << 16) | pkt.dstPort;
    w[12] = (pkt.ethType << 16) | pkt.vlanId;
    w[13] = pkt.l4Proto;
  }

  /** Fills `reverse` with `words` seen from the other side. */
  makeReverse(): void {
    const w = this.words;
    const r = this.reverse;
    r[0] = w[4]; r[1] = w[5]; r[2] = w[6]; r[3] = w[7];
    r[4] = w[0]; r[5] = w[1]; r[6] = w[2]; r[7] = w[3];
    const b = this.bytes;
    const rb = this.revBytes;
    for (let i = 0; i < 6; i++) {
      rb[32 + i] = b[38 + i];
      rb[38 + i] = b[32 + i];
    }
    r[11] = ((w[11] & 0xffff) << 16) | (w[11] >>> 16);
    r[12] = w[12];
    r[13] = w[13];
  }

  reverseEqualsKey(): boolean {
    for (let i = 0; i < KEY_WORDS; i++) if (this.words[i] !== this.reverse[i]) return false;
    return true;
  }

  /** Fragment key (§4.6): addresses, ethType, vlan, fragment id in place of the ports, protocol. */
  fragmentKey(pkt: Packet, fragId: number, l4Proto: number): void {
    const w = this.words;
    const a = pkt.ipWords;
    for (let i = 0; i < 8; i++) w[i] = a[i];
    w[8] = w[9] = w[10] = 0;
    w[11] = fragId | 0;
    w[12] = (pkt.ethType << 16) | pkt.vlanId;
    w[13] = l4Proto;
  }
}
