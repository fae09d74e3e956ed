/**
 * Finding the chunk (span) that holds a byte: `bounds` is strictly increasing and span i covers
 * [bounds[i], bounds[i + 1]). Shared by BufferChain and SegmentedStore.
 */

/** `hint` or the span after it when one of them holds `off` (sequential access), else -1. */
export function nearHint(bounds: readonly number[], hint: number, off: number): number {
  if (off < (bounds[hint] as number)) return -1;
  if (off < (bounds[hint + 1] as number)) return hint;
  if (hint + 2 < bounds.length && off < (bounds[hint + 2] as number)) return hint + 1;
  return -1;
}

/** The span in [lo, hi] holding `off`, by binary search (the caller knows one of them does). */
export function spanIn(bounds: readonly number[], lo: number, hi: number, off: number): number {
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((bounds[mid] as number) <= off) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
