/**
 * Encoding: `encode` for one value, `Encoder` to append many values to one growing buffer.
 */
import type { Codec } from '../core/codec.js';
import { EncodeState } from '../core/encode-state.js';
import { compiledWrite, compiling } from './compile.js';
import { writeRecord } from './run.js';

/**
 * `T` with every array and object readonly, all the way down (byte arrays and functions as they
 * are): a value built `as const` has this type.
 */
export type DeepReadonly<T> = T extends Uint8Array | ((...args: never[]) => unknown)
  ? T
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/**
 * What encoding a `Codec<T>` accepts: a T, or one built `as const` (encoding never modifies a
 * value). T itself stays in the union so that generic code passing a T compiles.
 */
export type Encodable<T> = T | DeepReadonly<T>;

export interface EncodeOptions {
  /** Use the compiled fast path (default: see `configure`). */
  compile?: boolean;
  /** Initial buffer size in bytes (default: the codec's size, or 256). */
  initialSize?: number;
  /** What dependent fields get as their second argument, as on decoding (undefined by default). */
  context?: unknown;
}

/** Encodes one value; throws EncodeError (with the field path) when a value does not fit its codec. */
export function encode<T>(
  codec: Codec<T>,
  value: NoInfer<Encodable<T>>,
  options: EncodeOptions = {},
): Uint8Array {
  const compiled = compiling(options.compile) ? compiledWrite(codec) : null;
  if (spare !== undefined && options.initialSize === undefined && options.context === undefined) {
    // The spare state: one record's bytes copied out of it rather than a buffer made per call.
    const w = spare;
    spare = undefined;
    w.pos = 0;
    try {
      writeRecord(codec, compiled, w, value as T);
      return w.u8a.slice(0, w.pos);
    } finally {
      spare = w.u8a.length <= SPARE_MAX ? w : new EncodeState(SPARE_SIZE);
    }
  }
  const w = new EncodeState(options.initialSize ?? codec.size ?? SPARE_SIZE, options.context);
  writeRecord(codec, compiled, w, value as T);
  return w.u8a.length === w.pos ? w.u8a : w.u8a.slice(0, w.pos);
}

const SPARE_SIZE = 256;
/** A spare state that grew past this is dropped, not kept for the next call. */
const SPARE_MAX = 64 * 1024;
/** `encode`'s state between calls (undefined while one runs: a nested call makes its own). */
let spare: EncodeState | undefined = new EncodeState(SPARE_SIZE);

/** Appends encoded values to one buffer: `e.write(a); e.write(b); const bytes = e.finish()`. */
export class Encoder<T> {
  readonly #codec: Codec<T>;
  readonly #compiled: ReturnType<typeof compiledWrite<T>>;
  #w: EncodeState;
  readonly #context: unknown;

  constructor(codec: Codec<T>, options: EncodeOptions = {}) {
    this.#codec = codec;
    this.#compiled = compiling(options.compile) ? compiledWrite(codec) : null;
    this.#context = options.context;
    this.#w = new EncodeState(options.initialSize ?? 64 * 1024, this.#context);
  }

  /** Bytes written so far. */
  get length(): number {
    return this.#w.pos;
  }

  /** Appends `value`; when it cannot be encoded, throws and leaves the bytes as they were. */
  write(value: Encodable<T>): this {
    writeRecord(this.#codec, this.#compiled, this.#w, value as T);
    return this;
  }

  /** The bytes written (a view of the buffer, valid until the next write) without resetting. */
  peek(): Uint8Array {
    return this.#w.written();
  }

  /** Returns the bytes written and starts a new buffer. */
  finish(): Uint8Array {
    const out = this.#w.written();
    this.#w = new EncodeState(Math.max(256, out.length), this.#context);
    return out;
  }

  /** Forgets what was written and reuses the buffer (earlier `peek` views are overwritten). */
  reset(): void {
    this.#w.pos = 0;
  }
}

/** The codec's byte size when fixed, else the size of `value` encoded. */
export function sizeOf<T>(codec: Codec<T>, ...value: [NoInfer<Encodable<T>>?]): number {
  if (codec.size !== undefined) return codec.size;
  if (value.length === 0)
    throw new TypeError(`sizeOf: ${codec.kind} has no fixed size; pass a value to measure`);
  return encode(codec, value[0] as Encodable<T>).length;
}
