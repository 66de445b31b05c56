import type { Packet } from '../dissect/packet.ts';

export const enum ReadStatus {
  Packet = 1,
  Eof = 0,
  /** A libpcap read error: T2 prints `[WRN] pcap_dispatch failed: <error>` and reads on. */
  Error = -1,
}

/** A capture being read with libpcap's semantics (core.md §2.2, §2.3). */
export interface CaptureReader {
  readonly format: 'pcap' | 'pcapng';
  /** DLT of the capture (pcapng: of the first interface). */
  readonly linkType: number;
  readonly snaplen: number;
  /** Message of the last ReadStatus.Error. */
  readonly error: string;
  /**
   * Reads the next record into `pkt`: buf, view, start, caplen, rawLen, tsSec, tsNs, linkType.
   * The bytes stay valid until the next call. Never allocates per packet.
   */
  next(pkt: Packet): ReadStatus;
  close(): void;
}
