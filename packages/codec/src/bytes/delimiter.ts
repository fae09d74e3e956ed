/**
 * Delimiter: the bytes that end a field (`'\r\n'`, `0`, `[0x0d, 0x0a]`), for the delimited codecs
 * (`string({ until })`, `bytes({ until })`, `decimal({ until })`). The delimiter is read and
 * written but is not part of the value.
 *
 * Decoding searches with `st.scan`, never byte by byte: in a stream, a field arriving a byte at a
 * time is searched once, and with a length limit the search never waits past the limit.
 */
import type { DecodeState } from '../core/decode-state.js';
import type { EncodeState } from '../core/encode-state.js';
import { EncodeError } from '../errors.js';
import { bytesOf } from './bytes.js';
import { describeBytes } from './magic.js';

/** A delimiter: one byte, or a sequence of bytes (a string of byte values, as in `magic`). */
export type Until = number | string | readonly number[] | Uint8Array;

/** The delimiter options of a delimited field. */
export interface DelimitedOptions {
  /** The bytes that end the field (1 or more). */
  until: Until;
  /** At most this many bytes before the delimiter (a LimitError past it, without waiting for more input). */
  maxLength?: number;
}

export class Delimiter {
  readonly bytes: Uint8Array;
  /** What `st.scan` looks for: a single byte as a number (one indexOf per search). */
  readonly #key: number | Uint8Array;

  constructor(until: Until, what: string) {
    if (typeof until === 'number') this.bytes = bytesOf([until]);
    else this.bytes = until instanceof Uint8Array ? until.slice() : bytesOf(until);
    if (this.bytes.length === 0) throw new TypeError(`${what}: the delimiter is empty`);
    this.#key = this.bytes.length === 1 ? (this.bytes[0] as number) : this.bytes;
  }

  get length(): number {
    return this.bytes.length;
  }

  /** The delimiter in hex, and as text when printable (`0d 0a`, `3b (";")`). */
  describe(): string {
    return describeBytes(this.bytes);
  }

  /**
   * Absolute offset of the delimiter that ends a field starting at `start`, or -1 when the field
   * would hold more than `max` bytes: its `max` bytes and a delimiter's length are all there, and
   * no delimiter ends by then (the caller raises its own limit error). Any other miss (the end of
   * the section, the record limit, the end of the input) is raised by `st.short`, as `take` would;
   * in a stream that ends before the delimiter, `st.scan` waits for more input.
   */
  find(st: DecodeState, start: number, max: number | undefined): number {
    const to = max === undefined ? Number.POSITIVE_INFINITY : start + max + this.bytes.length;
    const at = st.scan(this.#key, start, to);
    if (at >= 0) return at;
    if (to <= st.end) return -1;
    return st.short(start, st.end - start + 1);
  }

  /**
   * Writes the delimiter after a value written from `start`. The value must not hold the delimiter,
   * nor end in a part of it that forms one with the delimiter's bytes: decoding stops at the first
   * delimiter, which must be the one written here.
   */
  write(w: EncodeState, start: number, what: string): void {
    const end = w.pos;
    w.bytes(this.bytes);
    const first = indexOfBytes(w.u8a, this.bytes, start, w.pos);
    if (first !== end) {
      throw new EncodeError(
        'CONTAINS_DELIMITER',
        `${what} holds its delimiter ${this.describe()} (at byte ${first - start}), where decoding would stop`,
      );
    }
  }
}

/** The first start of `seq` in `u8` within [from, to) (wholly inside it), or -1. */
function indexOfBytes(u8: Uint8Array, seq: Uint8Array, from: number, to: number): number {
  const stop = to - seq.length;
  for (
    let i = u8.indexOf(seq[0] as number, from);
    i >= 0 && i <= stop;
    i = u8.indexOf(seq[0] as number, i + 1)
  ) {
    let k = 1;
    while (k < seq.length && u8[i + k] === seq[k]) k++;
    if (k === seq.length) return i;
  }
  return -1;
}
