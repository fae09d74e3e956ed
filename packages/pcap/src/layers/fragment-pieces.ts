/**
 * The bytes held of one datagram being reassembled: pieces that never overlap, sorted by offset.
 * A fragment adds only the bytes no piece holds yet (the first copy wins); each overlap with bytes
 * already held is reported, with whether they differ.
 */

interface Piece {
  readonly start: number;
  readonly bytes: Uint8Array;
}

export interface Overlap {
  readonly offset: number;
  readonly length: number;
  readonly conflicting: boolean;
}

export class FragmentPieces {
  readonly #pieces: Piece[] = [];
  /** Bytes held. */
  held = 0;

  /** The end of the last piece (0 when empty). */
  get end(): number {
    const last = this.#pieces.at(-1);
    return last === undefined ? 0 : last.start + last.bytes.length;
  }

  /** Adds `data` at `start` where nothing is held yet; returns the overlaps and whether any byte was new. */
  add(start: number, data: Uint8Array): { overlaps: Overlap[]; added: boolean } {
    const overlaps: Overlap[] = [];
    const fresh: Piece[] = [];
    let at = start;
    const end = start + data.length;
    for (const piece of this.#pieces) {
      const pieceEnd = piece.start + piece.bytes.length;
      if (pieceEnd <= at || piece.start >= end) continue;
      if (piece.start > at) fresh.push({ start: at, bytes: data.slice(at - start, piece.start - start) });
      const from = Math.max(at, piece.start);
      const to = Math.min(end, pieceEnd);
      const mine = data.subarray(from - start, to - start);
      const held = piece.bytes.subarray(from - piece.start, to - piece.start);
      overlaps.push({ offset: from, length: to - from, conflicting: !mine.every((b, i) => b === held[i]) });
      at = to;
    }
    if (at < end) fresh.push({ start: at, bytes: data.slice(at - start) });
    for (const piece of fresh) {
      this.held += piece.bytes.length;
      const i = this.#pieces.findIndex((p) => p.start > piece.start);
      this.#pieces.splice(i < 0 ? this.#pieces.length : i, 0, piece);
    }
    return { overlaps, added: fresh.length > 0 };
  }

  /** The bytes from 0 to `length` when all are held, else undefined. */
  whole(length: number): Uint8Array | undefined {
    if (this.held !== length) return undefined;
    const out = new Uint8Array(length);
    for (const piece of this.#pieces) out.set(piece.bytes, piece.start);
    return out;
  }
}
