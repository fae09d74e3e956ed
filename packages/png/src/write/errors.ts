/**
 * Codes of the EncodeErrors (from @stride/codec) the writer throws. A chunk's fields that do not
 * fit their chunk are reported by the fields encoder with its own code.
 */
export const PngEncodeErrorCode = {
  /** A chunk type that is not four ASCII letters (A-Z, a-z). */
  BAD_CHUNK_TYPE: 'BAD_CHUNK_TYPE',
  /** A data field longer than 2^31-1 bytes (a streamed chunk's header length included). */
  LENGTH_OUT_OF_RANGE: 'LENGTH_OUT_OF_RANGE',
  /** A value with neither `data` bytes nor `fields`, or an event of an unknown `kind`. */
  BAD_CHUNK_INPUT: 'BAD_CHUNK_INPUT',
  /**
   * Streamed chunk events out of order: `data` or `end` without a `header` of the same type before
   * it, or a `chunk`/`header` before the open streamed chunk's `end`.
   */
  BAD_CHUNK_EVENT: 'BAD_CHUNK_EVENT',
  /** A streamed chunk whose `data` pieces add up to more or fewer bytes than its `header` said. */
  LENGTH_MISMATCH: 'LENGTH_MISMATCH',
  /** The input ended after a streamed chunk's `header` but before its `end`. */
  UNFINISHED_CHUNK: 'UNFINISHED_CHUNK',
} as const;
export type PngEncodeErrorCode = (typeof PngEncodeErrorCode)[keyof typeof PngEncodeErrorCode];
