/**
 * Out-of-order bytes of one direction, waiting for the hole before them: pieces sorted by offset,
 * never overlapping (a new segment is cut around what is held already: first copy wins). Each
 * piece is a view of its segment's payload and keeps its frame, so a data event made from it names
 * the frame its bytes came from.
 */
export interface HeldPiece {
  readonly offset: number;
  readonly bytes: Uint8Array;
  readonly frame: number;
  readonly timestamp: bigint;
}

/** An overlap found while placing a segment: its range and whether the two copies differ. */
export interface HeldOverlap {
  readonly offset: number;
  readonly length: number;
  readonly conflicting: boolean;
}

/**
 * What a piece costs beyond its bytes (its object, its view), counted against the bound, so that a
 * flood of one-byte segments holds few pieces, not millions, and placing one stays cheap.
 */
export const PIECE_COST = 64;

export class HeldPieces {
  #pieces: HeldPiece[] = [];
  #bytes = 0;

  /** Bytes held. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Bytes held and PIECE_COST per piece: what the bound is checked against. */
  get cost(): number {
    return this.#bytes + this.#pieces.length * PIECE_COST;
  }

  /** The first piece (the lowest offset), if any. */
  first(): HeldPiece | undefined {
    return this.#pieces[0];
  }

  /** Removes and returns the first piece. */
  shift(): HeldPiece | undefined {
    const piece = this.#pieces.shift();
    if (piece !== undefined) this.#bytes -= piece.bytes.length;
    return piece;
  }

  /** Holds the parts of `piece` not held yet; calls `overlap` for each part that was. */
  add(piece: HeldPiece, overlap: (found: HeldOverlap) => void): void {
    const pieces = this.#pieces;
    const { offset, bytes } = piece;
    const end = offset + bytes.length;
    let i = this.#firstEndingAfter(offset);
    let at = offset;
    while (at < end) {
      const next = pieces[i];
      const stop = next === undefined ? end : Math.min(end, next.offset);
      if (at < stop) {
        pieces.splice(i++, 0, { ...piece, offset: at, bytes: bytes.subarray(at - offset, stop - offset) });
        this.#bytes += stop - at;
        at = stop;
      }
      if (next === undefined || at >= end) break;
      const covered = Math.min(end, next.offset + next.bytes.length);
      const theirs = next.bytes.subarray(at - next.offset, covered - next.offset);
      const ours = bytes.subarray(at - offset, covered - offset);
      overlap({ offset: at, length: covered - at, conflicting: !sameBytes(theirs, ours) });
      at = covered;
      i++;
    }
  }

  /** The index of the first piece whose end is past `offset`. */
  #firstEndingAfter(offset: number): number {
    const pieces = this.#pieces;
    let lo = 0;
    let hi = pieces.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const p = pieces[mid] as HeldPiece;
      if (p.offset + p.bytes.length <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
