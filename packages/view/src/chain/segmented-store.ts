/**
 * SegmentedStore: a ByteStore over several byte ranges in order (the segments of a BufferChain),
 * so a MemoryView can address them as one run of bytes without concatenating them.
 */
import { IndexError, ValueError } from '../errors.js';
import type { ByteStore } from '../memoryview/store.js';
import { nearHint, spanIn } from './spans.js';

export class SegmentedStore implements ByteStore {
  readonly byteLength: number;
  at = 0;
  readonly #segs: Uint8Array[] = [];
  /** DataView holding segment i, and where segment i starts in it. */
  readonly #dvs: DataView[] = [];
  readonly #dvOffs: number[] = [];
  /** Segment i holds store bytes [bounds[i], bounds[i + 1]). Strictly increasing. */
  readonly #bounds: number[] = [0];
  #hit = 0;
  /** Items that straddle segments are copied here by `window` and written back by `commit`. */
  readonly #scratch = new Uint8Array(8);
  readonly #scratchView = new DataView(this.#scratch.buffer);

  /**
   * `views[i]`, when given, is a DataView whose memory contains `segments[i]` (typically the
   * cached DataView of the whole chunk), so no DataView is created here. Empty segments are dropped.
   */
  constructor(segments: readonly Uint8Array[], views?: readonly DataView[]) {
    let total = 0;
    segments.forEach((seg, i) => {
      if (seg.byteLength === 0) return;
      const dv = views?.[i] ?? new DataView(seg.buffer, seg.byteOffset, seg.byteLength);
      const dvOff = seg.byteOffset - dv.byteOffset;
      if (dv.buffer !== seg.buffer || dvOff < 0 || dvOff + seg.byteLength > dv.byteLength) {
        throw new ValueError(`SegmentedStore: views[${i}] does not contain segments[${i}]`);
      }
      this.#segs.push(seg);
      this.#dvs.push(dv);
      this.#dvOffs.push(dvOff);
      total += seg.byteLength;
      this.#bounds.push(total);
    });
    this.byteLength = total;
  }

  isDetached(): boolean {
    // A detached or shrunk buffer makes its typed arrays report a shorter length.
    return this.#segs.some(
      (seg, i) => seg.byteLength < (this.#bounds[i + 1] as number) - (this.#bounds[i] as number),
    );
  }

  /** Index of the segment holding byte `off` (0 <= off < byteLength): the last hit or the next, else binary search. */
  #find(off: number): number {
    const near = nearHint(this.#bounds, this.#hit, off);
    this.#hit = near >= 0 ? near : spanIn(this.#bounds, 0, this.#segs.length - 1, off);
    return this.#hit;
  }

  window(off: number, n: number): DataView {
    const i = this.#find(off);
    const base = this.#bounds[i] as number;
    if (off + n <= (this.#bounds[i + 1] as number)) {
      this.at = (this.#dvOffs[i] as number) + off - base;
      return this.#dvs[i] as DataView;
    }
    if (n > 8)
      throw new ValueError(`SegmentedStore.window: an item straddling segments is at most 8 bytes, got ${n}`);
    this.copyOut(off, n, this.#scratch, 0);
    this.at = 0;
    return this.#scratchView;
  }

  commit(off: number, n: number): void {
    if (off + n > (this.#bounds[this.#find(off) + 1] as number))
      this.copyIn(this.#scratch.subarray(0, n), off);
  }

  copyOut(off: number, n: number, dst: Uint8Array, dstOff: number): void {
    this.#transfer(off, n, dst, dstOff, false);
  }

  copyIn(src: Uint8Array, off: number): void {
    // Copy first when src aliases a segment's memory, so overlapping moves behave like memmove.
    const data = this.#segs.some((seg) => seg.buffer === src.buffer) ? src.slice() : src;
    this.#transfer(off, data.byteLength, data, 0, true);
  }

  /** Copies store bytes [off, off + n) to `buf` at `bufOff`, or the other way round when `toStore`. */
  #transfer(off: number, n: number, buf: Uint8Array, bufOff: number, toStore: boolean): void {
    if (!(Number.isInteger(off) && Number.isInteger(n) && off >= 0 && n >= 0 && off + n <= this.byteLength)) {
      throw new IndexError(`SegmentedStore: range [${off}, ${off + n}) is outside [0, ${this.byteLength})`);
    }
    let done = 0;
    for (let i = n === 0 ? 0 : this.#find(off); done < n; i++) {
      const seg = this.#segs[i] as Uint8Array;
      const base = this.#bounds[i] as number;
      const from = off + done - base;
      const len = Math.min(n - done, (this.#bounds[i + 1] as number) - base - from);
      const at = bufOff + done;
      if (len < 16) {
        // Small pieces (straddling items) by hand: subarray would allocate.
        if (toStore) for (let j = 0; j < len; j++) seg[from + j] = buf[at + j] as number;
        else for (let j = 0; j < len; j++) buf[at + j] = seg[from + j] as number;
      } else if (toStore) {
        seg.set(buf.subarray(at, at + len), from);
      } else {
        buf.set(seg.subarray(from, from + len), at);
      }
      done += len;
    }
  }
}
