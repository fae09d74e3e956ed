/**
 * DecodeState: the position, bounds and limits of one decode. Codecs read through it; user-defined
 * codecs use the same small API (`take`, the number readers `u8()` … `f64be()` with the byte order in
 * the name as on a BufferChain, `bytes`, the error builders).
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

/**
 * What a struct, tuple or array had decoded when the input ran out inside it: its elements so far
 * (`value`, `index` of them) and the offset after the last one (`pos`). See `DecodeState.save`.
 */
export interface Checkpoint {
  /** Whose progress this is: the codec, or what stays the same when a dependent field rebuilds it. */
  readonly codec: object;
  readonly at: number;
  readonly pos: number;
  readonly index: number;
  readonly value: unknown;
  /** Another checkpoint that starts at the same offset (a struct whose first field is an array). */
  readonly next: Checkpoint | undefined;
}

/**
 * `Context` is the type of `context`, what the caller passed as the `context` option of `decode`,
 * `Decoder` or `StreamDecoder`: a codec that needs it names it in its read's parameter
 * (`read(st: DecodeState<ImageContext>)`). Nothing checks that the caller passed that type: it is
 * the codec's documented contract, as a cast would be.
 */
export class DecodeState<Context = unknown> {
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
  /**
   * Set by compiled code that stopped at a record's outermost section running past the input's
   * end: the absolute offset the section ends at (0: not cut there). See readRecord.
   */
  cutAt = 0;
  /**
   * Set by compiled code that stopped for lack of input where the interpreter would wait too, at
   * a read it would make at once or a delimiter not found yet: the absolute offset the input must
   * reach before the record can go on (a least bound, where `cutAt` is the record's end; 0: not
   * stopped so). See readRecord.
   */
  needAt = 0;
  /** Current nesting depth of lazy codecs. */
  depth = 0;
  /** Current nesting depth of dependent fields (`.field(name, fn)` may recurse without `lazy`). */
  fieldDepth = 0;
  limits: Limits;
  /**
   * Progress saved by combinators the input ran out inside, by start offset; undefined when there
   * is none (the common case, a single property test on the hot path).
   */
  checkpoints: Map<number, Checkpoint> | undefined = undefined;
  /** The delimiter search the input ran out inside: where it began, what it sought, where to go on. */
  #scanAt = -1;
  #scanFor: number | Uint8Array = 0;
  #scanFrom = 0;

  /**
   * What the caller passed as the `context` option (undefined without one): facts from outside the
   * bytes that decoding depends on, such as a protocol's negotiated settings or an image's header
   * read from an earlier chunk. Codecs and dependent fields (`.field(name, (prev, context) => …)`)
   * read it; it is the same for every record of a decode.
   */
  readonly context: Context;

  constructor(src: Source, limits: Limits, context?: Context) {
    this.src = src;
    this.limits = limits;
    this.context = context as Context;
  }

  /** Starts a record at `at`. */
  begin(at: number): void {
    this.cutAt = 0;
    this.needAt = 0;
    this.pos = at;
    this.recordStart = at;
    this.recordLimit = at + this.limits.maxRecordBytes;
    this.sectionEnd = Number.POSITIVE_INFINITY;
    this.depth = 0;
    this.fieldDepth = 0;
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

  /**
   * Absolute offset of the first `delimiter` (a byte, or a sequence of bytes) at or after `from`
   * that ends by `to` (and by the end of the section and of the record), or -1 when there is none.
   * On a stream that ends before a match may still come, it asks for more input (as a read past
   * the end does) and remembers how far it looked: when the record is tried again with more bytes,
   * the search goes on from there, so a delimited field arriving a byte at a time is searched once.
   * Codecs that look for a delimiter should search with this rather than byte by byte.
   */
  scan(delimiter: number | Uint8Array, from: number, to = Number.POSITIVE_INFINITY): number {
    const d = typeof delimiter === 'number' ? 1 : delimiter.length;
    const limit = Math.min(to, this.sectionEnd, this.recordLimit);
    const held = this.src.end;
    // Every match that starts before `stop` lies in the bytes held and before the limit.
    const stop = Math.min(limit, held) - d + 1;
    const resumed = from === this.#scanAt && delimiter === this.#scanFor;
    const found = this.#find(delimiter, resumed ? this.#scanFrom : from, stop);
    if (found >= 0) return found;
    if (held < limit && !this.src.final) {
      this.#scanAt = from;
      this.#scanFor = delimiter;
      this.#scanFrom = Math.max(from, stop);
      this.needMore(1);
    }
    return -1;
  }

  /** The first start of `delimiter` in [from, stop), or -1. */
  #find(delimiter: number | Uint8Array, from: number, stop: number): number {
    const src = this.src;
    if (typeof delimiter === 'number') return from < stop ? src.indexOf(delimiter, from, stop) : -1;
    const first = delimiter[0] as number;
    for (let i = from; i < stop; i++) {
      i = src.indexOf(first, i, stop);
      if (i < 0) return -1;
      let k = 1;
      while (k < delimiter.length && src.u8(i + k) === delimiter[k]) k++;
      if (k === delimiter.length) return i;
    }
    return -1;
  }

  /**
   * Saves a combinator's progress when the input ran out inside it (it caught NEED_MORE): the next
   * attempt at the same record calls `resume` at the same offset and goes on from there, so a
   * record arriving in pieces costs time linear in its bytes, not in its bytes times its pieces.
   * Sound because a record's bytes never change: a retry reads exactly what the last attempt read.
   */
  save(codec: object, at: number, pos: number, index: number, value: unknown): void {
    if (this.checkpoints === undefined) this.checkpoints = new Map();
    const next = this.checkpoints.get(at);
    this.checkpoints.set(at, { codec, at, pos, index, value, next });
  }

  /** Takes the progress `codec` saved at `at` (see `save`), or undefined. */
  resume(codec: object, at: number): Checkpoint | undefined {
    const map = this.checkpoints as Map<number, Checkpoint>;
    let prev: Checkpoint | undefined;
    for (let c = map.get(at); c !== undefined; prev = c, c = c.next) {
      if (c.codec !== codec) continue;
      // Taken once: the same codec may read at the same offset again (after a peek).
      if (prev === undefined) {
        if (c.next === undefined) map.delete(at);
        else map.set(at, c.next);
      } else (prev as { next: Checkpoint | undefined }).next = c.next;
      return c;
    }
    return undefined;
  }

  /** Drops saved progress and scans (the record they belong to is done). */
  forget(): void {
    this.checkpoints = undefined;
    this.#scanAt = -1;
  }

  /** One level deeper in a recursive schema (`lazy`); throws past `maxDepth`. Pair with `depth--`. */
  descend(): void {
    this.#checkDepth(this.depth);
    this.depth++;
  }

  /**
   * One dependent field deeper; throws past `maxDepth` levels of dependent fields inside dependent
   * fields (the record's own are not nested in any). Pair with `fieldDepth--`.
   */
  descendField(): void {
    this.#checkDepth(this.fieldDepth - 1);
    this.fieldDepth++;
  }

  #checkDepth(depth: number): void {
    const max = this.limits.maxDepth;
    if (depth >= max) {
      this.overLimit(
        'maxDepth',
        this.pos,
        0,
        `nesting deeper than maxDepth (${max}); raise the limit if this input is legitimate`,
        `at most ${max} levels`,
        `${depth + 1} levels`,
      );
    }
  }

  /** Narrows reads to [pos, pos + length); returns the previous section end for `leaveSection`. */
  enterSection(length: number): number {
    const saved = this.sectionEnd;
    const endAt = this.pos + length;
    // A section past the enclosing one, or past the record limit, can never decode: say so now
    // rather than after waiting for (up to maxRecordBytes of) its bytes.
    if (endAt > saved || endAt > this.recordLimit) this.short(this.pos, length);
    // In a stream, a section whose bytes have not all arrived waits for them before its body is
    // read: the record cannot complete before they are in, and reading a body only to stop at
    // the input's end costs a partial decode per attempt (bench pg datarow-small: once per TCP
    // segment). At the input's end the body is read, so errors are the same in every chunking.
    if (endAt > this.src.end && !this.src.final) this.needMore(endAt - this.src.end);
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
  u16le(): number {
    return this.src.u16(this.take(2), true);
  }
  u16be(): number {
    return this.src.u16(this.take(2), false);
  }
  i16le(): number {
    return this.src.i16(this.take(2), true);
  }
  i16be(): number {
    return this.src.i16(this.take(2), false);
  }
  u32le(): number {
    return this.src.u32(this.take(4), true);
  }
  u32be(): number {
    return this.src.u32(this.take(4), false);
  }
  i32le(): number {
    return this.src.i32(this.take(4), true);
  }
  i32be(): number {
    return this.src.i32(this.take(4), false);
  }
  u64le(): bigint {
    return this.src.u64(this.take(8), true);
  }
  u64be(): bigint {
    return this.src.u64(this.take(8), false);
  }
  i64le(): bigint {
    return this.src.i64(this.take(8), true);
  }
  i64be(): bigint {
    return this.src.i64(this.take(8), false);
  }
  f16le(): number {
    return this.src.f16(this.take(2), true);
  }
  f16be(): number {
    return this.src.f16(this.take(2), false);
  }
  f32le(): number {
    return this.src.f32(this.take(4), true);
  }
  f32be(): number {
    return this.src.f32(this.take(4), false);
  }
  f64le(): number {
    return this.src.f64(this.take(8), true);
  }
  f64be(): number {
    return this.src.f64(this.take(8), false);
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
    // At most 32 bytes shown: a 60 MB field cut short names how many more it examined instead.
    const shown = Math.min(to, from + 32);
    let excerpt = shown > from ? hex(this.src.bytes(from, shown - from)) : '';
    if (to > shown) excerpt += ` …(${to - shown} more)`;
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
