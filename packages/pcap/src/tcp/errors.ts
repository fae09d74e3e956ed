/**
 * The warnings of TCP reassembly. Reassembly never throws on what a capture holds: a segment it
 * cannot place, a bound it reaches, is dropped or cut short with a `warning` event naming one of
 * these codes and the frame that caused it, and the reassembly goes on. (To be merged into the
 * package's errors.ts with the other folders' codes.)
 */

/** Codes of the `warning` events of `TcpReassembler`. */
export const TcpWarningCode = {
  /** Out-of-order bytes held for a direction passed `maxBufferedPerDirection`: the oldest hole was reported as a gap. */
  BUFFER_FULL: 'BUFFER_FULL',
  /** The table of connections was full (`maxConnections`): the least recently active one was closed as `evicted`. */
  CONNECTION_EVICTED: 'CONNECTION_EVICTED',
  /** A segment starting more than `maxGap` bytes past the next expected byte (a bogus sequence number): dropped. */
  SEGMENT_OUT_OF_WINDOW: 'SEGMENT_OUT_OF_WINDOW',
  /** Payload before the direction's first byte (before ISN+1, or before the first segment seen without a SYN): dropped. */
  SEGMENT_BEFORE_START: 'SEGMENT_BEFORE_START',
  /** Payload past the direction's FIN: dropped. */
  DATA_AFTER_FIN: 'DATA_AFTER_FIN',
  /** Payload on a closed connection in a segment that is not a new SYN: dropped. */
  SEGMENT_AFTER_CLOSE: 'SEGMENT_AFTER_CLOSE',
} as const;
export type TcpWarningCode = (typeof TcpWarningCode)[keyof typeof TcpWarningCode];
