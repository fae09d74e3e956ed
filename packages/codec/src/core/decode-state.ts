/**
 * DecodeState: the position, bounds and limits of one decode. Codecs read through it; user-defined
 * codecs use the same small API (`take`, the number readers, `bytes`, the error builders).
 *
 * Bounds: `end` is the least of three: the end of the enclosing section (a length-prefixed body
 * cannot read past its length), the record limit (`maxRecordBytes` from the record's start) and the
 * bytes available. A read past `end` goes to `short`, which tells the three apart: the first two
 * are LimitErrors, the last an IncompleteError naming how many bytes are missing (a StreamDecoder
 * waits for them; at the end of the input it is final).
 */
import {
  ConstantError,
  type DecodeErrorDetails,
  hex,
  IncompleteError,
  LimitError,
  TagError,
  ValidationError,
} from '../errors.js';
import type { Limits } from './limits.js';
import type { Source } from './source.js';

/**
 * Thrown instead of an IncompleteError while more input may come: the StreamDecoder catches it and
 * waits for `needed` more bytes. Not an Error, and one shared instance: building an Error (and its
 * stack) at every chunk boundary cost more than decoding the records in the chunk.
 */
export class NeedMore {
  needed = 0;
}
export const NEED_MORE = new NeedMore();

export class DecodeState {
  src: Source;
  /** Absolute offset of the next byte to read. */
  pos = 0;
  /** Reads must end at or before this absolute offset (see the module comment). */
  end = 0;
  /** End of the innermost section, or Infinity. */
  sectionEnd = Number.POSITIVE_INFINITY;
  /** Absolute offset where the current record began. */
  recordStart = 0;
  recordLimit = Number.POSITIVE_INFINITY;
  /** Current nesting depth of lazy codecs. */
  depth = 0;
  limits: Limits;

  constructor(src: Source, limits: Limits) {
    this.src = src;
    this.limits = limits;
  }

  /** Starts a record at `at`. */
  begin(at: number): void {
    this.pos = at;
    this.recordStart = at;
    this.recordLimit = at + this.limits.maxRecordBytes;
    this.sectionEnd = Number.POSITIVE_INFINITY;
    this.depth = 0;
    this.end = Math.min(this.recordLimit, this.src.end);
  }

  /** Reserves the next `n` bytes and returns the absolute offset of the first. */
  take(n: number): number {
    const at = this.pos;
    if (at + n > this.end) this.short(at, n);
    this.pos = at + n;
    return at;
  }

  /** Bytes left before the section or the input ends (what "to end of input" reads). */
  get remaining(): number {
    return Math.min(this.sectionEnd, this.src.end) - this.pos;
  }

  /** True when nothing is left to read here: the section's end, or the end of a finished input. */
  atEnd(): boolean {
    if (this.pos >= this.sectionEnd) return true;
    if (this.pos < this.src.end) return false;
    if (this.src.final) return true;
    // More input may come: whether the sequence ends cannot be known yet. (Not through `short`:
    // at the record limit that would be a LimitError, though the input may end right here.)
    return this.needMore(1);
  }

  /** Narrows reads to [pos, pos + length); returns the previous section end for `leaveSection`. */
  enterSection(length: number): number {
    const saved = this.sectionEnd;
    const endAt = this.pos + length;
    // A section past the enclosing one, or past the record limit, can never decode: say so now
    // rather than after waiting for (up to maxRecordBytes of) its bytes.
    if (endAt > saved || endAt > this.recordLimit) this.short(this.pos, length);
    this.sectionEnd = endAt;
    this.end = Math.min(endAt, this.recordLimit, this.src.end);
    return saved;
  }

  leaveSection(saved: number): void {
    this.sectionEnd = saved;
    this.end = Math.min(saved, this.recordLimit, this.src.end);
  }

  u8(): number {
    return this.src.u8(this.take(1));
  }
  i8(): number {
    return this.src.i8(this.take(1));
  }
  u16(le: boolean): number {
    return this.src.u16(this.take(2), le);
  }
  i16(le: boolean): number {
    return this.src.i16(this.take(2), le);
  }
  u32(le: boolean): number {
    return this.src.u32(this.take(4), le);
  }
  i32(le: boolean): number {
    return this.src.i32(this.take(4), le);
  }
  u64(le: boolean): bigint {
    return this.src.u64(this.take(8), le);
  }
  i64(le: boolean): bigint {
    return this.src.i64(this.take(8), le);
  }
  f16(le: boolean): number {
    return this.src.f16(this.take(2), le);
  }
  f32(le: boolean): number {
    return this.src.f32(this.take(4), le);
  }
  f64(le: boolean): number {
    return this.src.f64(this.take(8), le);
  }
  /** The next `n` bytes: a view of the input (a copy only if they straddle two chunks). */
  bytes(n: number): Uint8Array {
    return this.src.bytes(this.take(n), n);
  }

  /**
   * Error details for a fault at `at` that examined `n` bytes: the excerpt is up to 8 bytes before
   * (within the record) and the bytes examined, so it is the same however the input was chunked.
   */
  details(at: number, n: number, expected?: string, actual?: string): DecodeErrorDetails {
    const from = Math.max(this.recordStart, at - 8);
    // Never bytes past the record limit: a stream does not wait for those.
    const to = Math.min(at + Math.max(n, 0), this.src.end, this.recordLimit);
    const excerpt = to > from ? hex(this.src.bytes(from, to - from)) : '';
    return { offset: at, expected, actual, excerpt, excerptStart: from };
  }

  /** Throws for a read of `n` bytes at `at` that does not fit before `end`. */
  short(at: number, n: number): never {
    const want = at + n;
    const held = this.src.end;
    // A read that starts past the bytes held (a pointer ahead): wait for the bytes before it (up
    // to the record limit), so the error and its excerpt are the same in any chunking.
    if (at > held && !this.src.final && Math.min(at, this.recordLimit) > held) {
      this.needMore(Math.min(at, this.recordLimit) - held);
    }
    if (want > this.sectionEnd) {
      throw new LimitError(
        'section',
        `needs ${n} byte${n === 1 ? '' : 's'} but its enclosing section ends ${this.sectionEnd - at} bytes later`,
        this.details(at, 0, `at most ${this.sectionEnd - at} bytes`, `${n} bytes`),
      );
    }
    if (want > this.recordLimit) {
      throw new LimitError(
        'maxRecordBytes',
        `record would exceed maxRecordBytes (${this.limits.maxRecordBytes}); raise the limit if this record is legitimate`,
        this.details(
          at,
          0,
          `at most ${this.limits.maxRecordBytes} bytes per record`,
          `${want - this.recordStart} bytes`,
        ),
      );
    }
    const needed = want - this.src.end;
    if (!this.src.final) this.needMore(needed);
    throw new IncompleteError(
      `input ends ${needed} byte${needed === 1 ? '' : 's'} short: needs ${n} here and ${Math.max(0, this.src.end - at)} remain`,
      { ...this.details(at, this.src.end - at), needed },
    );
  }

  /** On an input that has not ended: stop here and try again once `needed` more bytes arrived. */
  needMore(needed: number): never {
    NEED_MORE.needed = needed;
    throw NEED_MORE;
  }

  /** A constant did not match. */
  badConstant(at: number, n: number, expected: string, actual: string): never {
    throw new ConstantError(`expected ${expected}, got ${actual}`, this.details(at, n, expected, actual));
  }

  /** A tag selected no variant. */
  badTag(at: number, n: number, expected: string, actual: string): never {
    throw new TagError(
      `unknown tag ${actual}; expected one of ${expected}`,
      this.details(at, n, expected, actual),
    );
  }

  /** A value failed a rule. */
  invalid(at: number, n: number, message: string, expected?: string, actual?: string): never {
    throw new ValidationError(message, this.details(at, n, expected, actual));
  }

  /** A count or size went past a limit. */
  overLimit(
    limit: string,
    at: number,
    n: number,
    message: string,
    expected?: string,
    actual?: string,
  ): never {
    throw new LimitError(limit, message, this.details(at, n, expected, actual));
  }
}
