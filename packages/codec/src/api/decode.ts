/**
 * Decoding from one contiguous buffer: `decode` for a single value, `Decoder` for a run of records
 * (it keeps one DataView for the whole buffer, so a record costs only its own fields).
 */
import type { Codec } from '../core/codec.js';
import { DecodeState } from '../core/decode-state.js';
import { type Limits, resolveLimits } from '../core/limits.js';
import { FlatSource } from '../core/source.js';
import { hex, TrailingBytesError } from '../errors.js';
import { compiledLoop, compiledRead, compiling } from './compile.js';
import { noProgress, readRecord } from './run.js';

export interface DecodeOptions {
  /** Byte offset in the buffer to start at (default 0). */
  offset?: number;
  /**
   * Stream offset of the buffer's first byte (default 0): errors then name absolute offsets, as
   * when a protocol decodes a field that sits at byte 1048577 of a file.
   */
  base?: number;
  /** Accept bytes after the value instead of raising TrailingBytesError (default false). */
  allowTrailing?: boolean;
  /** Use the compiled fast path (default: see `configure`). */
  compile?: boolean;
  limits?: Partial<Limits>;
  /**
   * What codecs may read as `st.context` and dependent fields get as their second argument (see
   * DecodeState's `context`); undefined by default.
   */
  context?: unknown;
}

/** Decodes one value from `bytes`; throws a DecodeError (with offset and field path) on bad input. */
export function decode<T>(codec: Codec<T>, bytes: Uint8Array, options: DecodeOptions = {}): T {
  const base = checkOption('decode', 'base', options.base, Number.MAX_SAFE_INTEGER);
  const at = base + checkOption('decode', 'offset', options.offset, bytes.length);
  const src = new FlatSource().reset(bytes, base, true);
  const st = new DecodeState(src, resolveLimits(options.limits), options.context);
  const value = readRecord(codec, compiling(options.compile) ? compiledRead(codec) : null, st, at);
  if (!options.allowTrailing && st.pos < src.end) {
    const left = src.end - st.pos;
    throw new TrailingBytesError(
      `${left} byte${left === 1 ? '' : 's'} left after the value (pass allowTrailing to accept them)`,
      {
        offset: st.pos,
        excerpt: hex(bytes.subarray(st.pos - base, st.pos - base + 8)),
        excerptStart: st.pos,
        expected: 'end of input',
        actual: `${left} more bytes`,
      },
    );
  }
  return value;
}

/** Reads consecutive records of one codec from a buffer: `d.readEach(use)`, or `while (!d.done) use(d.read())`. */
export class Decoder<T> implements IterableIterator<T> {
  readonly #codec: Codec<T>;
  readonly #compiled: ReturnType<typeof compiledRead<T>>;
  readonly #loop: ReturnType<typeof compiledLoop<T>>;
  readonly #st: DecodeState;
  readonly #src: FlatSource;
  /** Offset of the next record (absolute: `base` plus the position in the buffer). */
  offset: number;

  constructor(codec: Codec<T>, bytes: Uint8Array, options: Omit<DecodeOptions, 'allowTrailing'> = {}) {
    this.#codec = codec;
    const compile = compiling(options.compile);
    this.#compiled = compile ? compiledRead(codec) : null;
    this.#loop = compile ? compiledLoop(codec) : null;
    const base = checkOption('Decoder', 'base', options.base, Number.MAX_SAFE_INTEGER);
    this.#src = new FlatSource().reset(bytes, base, true);
    this.#st = new DecodeState(this.#src, resolveLimits(options.limits), options.context);
    this.offset = base + checkOption('Decoder', 'offset', options.offset, bytes.length);
  }

  /** True when every byte has been decoded. */
  get done(): boolean {
    return this.offset >= this.#src.end;
  }

  /** Decodes the next record (throws IncompleteError when the buffer ends inside it). */
  read(): T {
    const at = this.offset;
    const value = readRecord(this.#codec, this.#compiled, this.#st, at);
    // As in a StreamDecoder: a record of no bytes would make `readEach` and `for…of` loop forever.
    if (this.#st.pos === at) throw noProgress(at);
    this.offset = this.#st.pos;
    return value;
  }

  /**
   * Decodes every record left, passing each to `emit` (the fast way through many records: the
   * compiled loop decodes a run of them without a call per record). Throws at the first record
   * that fails, after every record before it was emitted; returns the number emitted.
   */
  readEach(emit: (record: T) => void): number {
    let n = 0;
    if (this.#loop !== null) {
      this.#st.pos = this.offset;
      try {
        n = this.#loop(this.#st, emit);
      } finally {
        this.offset = this.#st.pos;
      }
    }
    for (; !this.done; n++) emit(this.read());
    return n;
  }

  next(): IteratorResult<T> {
    return this.done ? { done: true, value: undefined } : { done: false, value: this.read() };
  }

  [Symbol.iterator](): this {
    return this;
  }
}

/**
 * An `offset` or `base` option: an integer in [0, max] (default 0). A bad one is the caller's
 * mistake, not bad input, so it is a RangeError (a TypeError when it is not a number).
 */
function checkOption(where: string, name: string, value: number | undefined, max: number): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number')
    throw new TypeError(`${where}: ${name} must be a number, got ${typeof value}`);
  if (!(Number.isSafeInteger(value) && value >= 0 && value <= max))
    throw new RangeError(`${where}: ${name} must be an integer in [0, ${max}], got ${value}`);
  return value;
}
