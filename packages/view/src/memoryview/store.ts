/**
 * Where a MemoryView's bytes live. A view addresses its memory by byte offsets into a store;
 * the store hides whether those bytes are one contiguous region or the segments of a
 * BufferChain, so the view never concatenates.
 */
export interface ByteStore {
  /** Number of addressable bytes. */
  readonly byteLength: number;
  /** True once the memory has gone away (a detached or shrunk ArrayBuffer). */
  isDetached(): boolean;
  /**
   * A DataView holding bytes [off, off + n) at offset `this.at` of the returned view.
   * Inside one segment this is the segment's own cached DataView; a range that straddles
   * segments is copied into a scratch view (n <= 8), which `commit` writes back.
   */
  window(off: number, n: number): DataView;
  /** Offset, in the DataView last returned by `window`, of the requested range. */
  at: number;
  /** Writes back the last `window(off, n)` after it was modified (no-op unless it was a scratch copy). */
  commit(off: number, n: number): void;
  /** Copies bytes [off, off + n) into `dst` at `dstOff`. */
  copyOut(off: number, n: number, dst: Uint8Array, dstOff: number): void;
  /** Copies `src` into the store at `off`. */
  copyIn(src: Uint8Array, off: number): void;
}

/** One contiguous region: a Uint8Array and its cached DataView. */
export class ContiguousStore implements ByteStore {
  readonly byteLength: number;
  at = 0;
  readonly bytes: Uint8Array;
  readonly dv: DataView;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.byteLength = bytes.byteLength;
    this.dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  isDetached(): boolean {
    // A detached or shrunk buffer makes the typed array report a shorter length.
    return this.bytes.byteLength < this.byteLength;
  }

  window(off: number, _n: number): DataView {
    this.at = off;
    return this.dv;
  }

  commit(_off: number, _n: number): void {}

  copyOut(off: number, n: number, dst: Uint8Array, dstOff: number): void {
    dst.set(this.bytes.subarray(off, off + n), dstOff);
  }

  copyIn(src: Uint8Array, off: number): void {
    this.bytes.set(src, off);
  }
}
