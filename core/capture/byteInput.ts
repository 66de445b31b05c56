/**
 * The bytes of a capture as the record readers (pcap.ts, pcapng.ts) consume them: a window
 * `buf[pos, end)` that `ensure` extends. `buf` and `view` may be different objects after each
 * `ensure`, so a reader takes them only after its last `ensure` for a record.
 */
export interface ByteInput {
  buf: Uint8Array;
  /** DataView over the whole of `buf`. */
  view: DataView;
  /** Next unread byte. */
  pos: number;
  /** End of the buffered bytes. */
  end: number;
  /**
   * Makes up to `n` bytes available contiguously from `pos`.
   * Returns how many are available (less than `n` only at end of input).
   * Bytes before `pos` are invalid afterwards.
   */
  ensure(n: number): number;
  close(): void;
}
