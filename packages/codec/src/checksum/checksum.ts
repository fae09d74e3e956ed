/**
 * checksummed: a body followed (or preceded) by a checksum of exactly the body's bytes.
 *
 *   checksummed(Body, { algorithm: 'crc32', checksum: u32be })
 *
 * Decoding reads the body, then the stored checksum, and compares it with the one computed over the
 * body's bytes: a mismatch is a ChecksumError at the stored checksum, with the computed value as
 * `expected` and the stored one as `actual` (hex). Encoding writes the body and the checksum of the
 * bytes written. The checksum covers the body and nothing else: to cover a field, put it in the
 * body. A PNG chunk, whose CRC covers the type and data but not the length before them:
 *
 *   struct({ length: u32be }).field('chunk', (s) =>
 *     checksummed(struct({ type: ChunkType, data: bytes(s.length) }), { algorithm: 'crc32', checksum: u32be }))
 *
 * The algorithm sees the body as the segments of the chunks that hold it, never copied (one segment
 * unless the body straddles chunks in a stream); a custom one must give the same result however the
 * bytes are split, and a value the checksum codec can hold.
 */
import { crc32 as zlibCrc32 } from 'node:zlib';
import { Codec } from '../core/codec.js';
import type { DecodeState } from '../core/decode-state.js';
import { EncodeState } from '../core/encode-state.js';
import { ChecksumError } from '../errors.js';

/** A checksum of bytes given as consecutive segments. */
export type ChecksumFunction = (segments: readonly Uint8Array[]) => number;

export interface ChecksumOptions {
  /** `crc32` (zlib's CRC-32, as in PNG, gzip, zip) or a function of the covered bytes. */
  algorithm: 'crc32' | ChecksumFunction;
  /** How the checksum is stored, e.g. `u32be`. */
  checksum: Codec<number>;
  /** Where the checksum is stored relative to the body (default `after`). */
  placement?: 'after' | 'before';
}

/** CRC-32 over segments, one native call each. */
export const crc32: ChecksumFunction = (segments) => {
  let crc = 0;
  // An empty segment is skipped: zlib.crc32 of an empty view without a backing store returns 0.
  for (const s of segments) if (s.length > 0) crc = zlibCrc32(s, crc);
  return crc;
};

export class ChecksummedCodec<T> extends Codec<T> {
  readonly kind = 'checksummed';
  override readonly size: number | undefined;
  readonly #compute: ChecksumFunction;
  readonly #checksum: Codec<number>;
  readonly #before: boolean;

  constructor(
    readonly body: Codec<T>,
    options: ChecksumOptions,
  ) {
    super();
    this.#compute = options.algorithm === 'crc32' ? crc32 : options.algorithm;
    this.#checksum = options.checksum;
    this.#before = options.placement === 'before';
    const { size } = options.checksum;
    this.size = body.size === undefined || size === undefined ? undefined : body.size + size;
    Object.freeze(this);
  }

  read(st: DecodeState): T {
    if (this.#before) {
      const at = st.pos;
      const stored = this.#checksum.read(st);
      const start = st.pos;
      const value = this.body.read(st);
      this.#verify(st, start, st.pos, stored, at, start);
      return value;
    }
    const start = st.pos;
    const value = this.body.read(st);
    const end = st.pos;
    const stored = this.#checksum.read(st);
    this.#verify(st, start, end, stored, end, st.pos);
    return value;
  }

  /** Compares the checksum of bytes [start, end) with the one stored at [storedAt, storedEnd). */
  #verify(
    st: DecodeState,
    start: number,
    end: number,
    stored: number,
    storedAt: number,
    storedEnd: number,
  ): void {
    const computed = this.#compute(st.src.segments(start, end));
    if (computed === stored) return;
    const [want, got] = [this.#hex(computed), this.#hex(stored)];
    throw new ChecksumError(
      `checksum mismatch over bytes [${start}, ${end}): stored ${got}, computed ${want}`,
      st.details(storedAt, storedEnd - storedAt, want, got),
    );
  }

  write(w: EncodeState, value: T): void {
    if (this.#before) {
      const body = new EncodeState(64, w.context);
      this.body.write(body, value);
      const bytes = body.written();
      this.#checksum.write(w, this.#compute([bytes]));
      w.bytes(bytes);
      return;
    }
    const start = w.pos;
    this.body.write(w, value);
    this.#checksum.write(w, this.#compute([w.u8a.subarray(start, w.pos)]));
  }

  /** A checksum value in hex, as wide as its codec. */
  #hex(v: number): string {
    if (!(Number.isSafeInteger(v) && v >= 0)) return String(v);
    return `0x${v.toString(16).padStart(2 * (this.#checksum.size ?? 4), '0')}`;
  }
}

/** `body` with a checksum of its bytes after it (or before it); see the module comment. */
export function checksummed<T>(body: Codec<T>, options: ChecksumOptions): ChecksummedCodec<T> {
  return new ChecksummedCodec(body, options);
}
