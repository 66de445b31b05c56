const DLT_LINUX_SLL = 113;
const SLL_HDR_LEN = 16;
const SLL_P_CAN = 0x000c;
const SLL_P_CANFD = 0x000d;

/**
 * libpcap's pcap_post_process() for the DLTs T2 dissects: in a byte-swapped
 * file, the SocketCAN id inside a Linux SLL frame was written in the capturing
 * host's order and is swapped in place (the other swapped pseudo-headers
 * belong to DLTs T2 rejects).
 */
export function postProcess(linkType: number, swapped: boolean, buf: Uint8Array, start: number, caplen: number, len: number): void {
  if (!swapped || linkType !== DLT_LINUX_SLL) return;
  if (caplen < SLL_HDR_LEN + 4 || len < SLL_HDR_LEN + 4) return;
  const proto = (buf[start + 14] << 8) | buf[start + 15];
  if (proto !== SLL_P_CAN && proto !== SLL_P_CANFD) return;
  const i = start + SLL_HDR_LEN;
  const b0 = buf[i];
  const b1 = buf[i + 1];
  buf[i] = buf[i + 3];
  buf[i + 1] = buf[i + 2];
  buf[i + 2] = b1;
  buf[i + 3] = b0;
}
