/**
 * Sequence numbers against stream offsets. A direction's stream offset (0 = the byte after the SYN,
 * or the first byte seen) is a plain number that may pass 2^32; a sequence number is that offset
 * plus the direction's base, modulo 2^32. A segment is placed by its signed distance from the next
 * expected byte, so a stream wraps around 0xFFFFFFFF → 0 unnoticed.
 */

/** The signed distance in sequence space from stream offset `offset` (of a stream starting at `base`) to `seq`. */
export function seqDistance(seq: number, base: number, offset: number): number {
  // Exact on doubles below 2^53; ToInt32 (`| 0`) takes the difference modulo 2^32, as signed.
  return (seq - base - offset) | 0;
}

/** `seq + n`, modulo 2^32. */
export function seqAdd(seq: number, n: number): number {
  return (seq + n) >>> 0;
}
