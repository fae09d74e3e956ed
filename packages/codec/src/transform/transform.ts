/**
 * Transforms on a codec's value, both ways:
 *
 *   transform(u32be, { decode: (s) => new Date(s * 1000), encode: (d) => d.getTime() / 1000 })
 *   refine(u8, (v) => v <= 100, 'a percentage (0..100)')        ValidationError / EncodeError
 *   literal(u8, 2)                                               Codec<2>; anything else is a ConstantError
 *
 * `transform`'s functions must accept every value of the inner type (bytes from the wire included): check
 * with `refine` first where some values are invalid, so bad input stays a DecodeError.
 */
import { Codec, GEN_READ, GEN_WRITE } from '../core/codec.js';
import type { DecodeState } from '../core/decode-state.js';
import { describeValue } from '../core/describe.js';
import type { EncodeState } from '../core/encode-state.js';
import type { ReadGen, WriteGen } from '../core/gen.js';
import { EncodeError } from '../errors.js';

/** The two directions of a `transform`: each must accept every value of its input type. */
export interface Transformation<T, U> {
  decode: (value: T) => U;
  encode: (value: U) => T;
}

export class TransformCodec<T, U> extends Codec<U> {
  readonly kind = 'transform';
  override readonly size: number | undefined;

  readonly #functions: Transformation<T, U>;

  constructor(
    readonly codec: Codec<T>,
    functions: Transformation<T, U>,
  ) {
    super();
    this.#functions = functions;
    this.size = codec.size;
    Object.freeze(this);
  }

  read(st: DecodeState): U {
    return this.#functions.decode(this.codec.read(st));
  }

  /** Compiled read: the inner value, then `decode` called as the interpreter calls it (a method). */
  override [GEN_READ](g: ReadGen): string {
    const v = g.tmp();
    g.emit(`const ${v} = ${g.ref(this.#functions)}.decode(${g.read(this.codec)});`);
    return v;
  }

  write(w: EncodeState, value: U): void {
    this.codec.write(w, this.#functions.encode(value));
  }

  /** Compiled write: `encode` called as the interpreter calls it, then the inner codec's code. */
  override [GEN_WRITE](g: WriteGen, v: string): void {
    const t = g.tmp('t');
    g.emit(`const ${t} = ${g.ref(this.#functions)}.encode(${v});`);
    g.write(this.codec, t);
  }
}

export class RefineCodec<T> extends Codec<T> {
  readonly kind = 'refine';
  override readonly size: number | undefined;
  readonly #test: (value: T) => boolean;

  constructor(
    readonly codec: Codec<T>,
    test: (value: T) => boolean,
    /** What a valid value is, for messages: `expected <this>, got …`. */
    readonly expected: string,
  ) {
    super();
    this.#test = test;
    this.size = codec.size;
    Object.freeze(this);
  }

  /** Compiled read: a value the test refuses goes to the interpreter, which raises the error. */
  override [GEN_READ](g: ReadGen): string {
    const v = g.tmp();
    g.emit(`const ${v} = ${g.read(this.codec)}; if (!${g.ref(this.#test)}(${v})) return FAIL;`);
    return v;
  }

  read(st: DecodeState): T {
    const at = st.pos;
    const value = this.codec.read(st);
    if (!this.#test(value)) {
      const actual = describeValue(value);
      st.invalid(at, st.pos - at, `expected ${this.expected}, got ${actual}`, this.expected, actual);
    }
    return value;
  }

  write(w: EncodeState, value: T): void {
    if (!this.#test(value)) {
      throw new EncodeError('VALIDATION_FAILED', `expected ${this.expected}, got ${describeValue(value)}`);
    }
    this.codec.write(w, value);
  }

  /** Compiled write: a value the test refuses goes to the interpreter, which raises the error. */
  override [GEN_WRITE](g: WriteGen, v: string): void {
    const x = g.tmp('x');
    g.emit(`const ${x} = ${v};`);
    g.check(`${g.ref(this.#test)}(${x})`);
    g.write(this.codec, x);
  }
}

export type Primitive = number | bigint | string | boolean;

export class LiteralCodec<T extends Primitive, L extends T> extends Codec<L> {
  readonly kind = 'literal';
  override readonly size: number | undefined;

  constructor(
    readonly codec: Codec<T>,
    readonly value: L,
  ) {
    super();
    this.size = codec.size;
    Object.freeze(this);
  }

  /** Compiled read: any other value goes to the interpreter, which raises the ConstantError. */
  override [GEN_READ](g: ReadGen): string {
    const v = g.tmp();
    g.emit(`const ${v} = ${g.read(this.codec)}; if (${v} !== ${g.ref(this.value)}) return FAIL;`);
    return v;
  }

  read(st: DecodeState): L {
    const at = st.pos;
    const value = this.codec.read(st);
    if (value !== this.value)
      st.badConstant(at, st.pos - at, describeValue(this.value), describeValue(value));
    return value as L;
  }

  write(w: EncodeState, value: L): void {
    if (value !== this.value) {
      throw new EncodeError(
        'BAD_CONSTANT',
        `expected ${describeValue(this.value)}, got ${describeValue(value)}`,
      );
    }
    this.codec.write(w, value);
  }

  /** Compiled write: any other value goes to the interpreter, which raises the error. */
  override [GEN_WRITE](g: WriteGen, v: string): void {
    const x = g.tmp('x');
    g.emit(`const ${x} = ${v};`);
    g.check(`${x} === ${g.ref(this.value)}`);
    g.write(this.codec, x);
  }
}

/**
 * `codec` with its value converted by `functions.decode` on the way in and `functions.encode` on the
 * way out. (Not `map`: that is RxJS's operator, often in the same pipeline.)
 */
export function transform<T, U>(codec: Codec<T>, functions: Transformation<T, U>): TransformCodec<T, U> {
  return new TransformCodec(codec, functions);
}

/**
 * `codec`, with values that fail `test` rejected: a ValidationError at the value's first byte when
 * decoding, an EncodeError `VALIDATION_FAILED` when encoding. `expected` says what a valid value is.
 * A type guard narrows the type: `refine(u8, (v): v is 1 | 2 => v === 1 || v === 2, '1 or 2')`.
 */
export function refine<T, S extends T>(
  codec: Codec<T>,
  test: (value: T) => value is S,
  expected: string,
): RefineCodec<S>;
export function refine<T>(codec: Codec<T>, test: (value: T) => boolean, expected: string): RefineCodec<T>;
export function refine<T>(codec: Codec<T>, test: (value: T) => boolean, expected: string): RefineCodec<T> {
  return new RefineCodec(codec, test, expected);
}

/** `codec` holding exactly `value`: its type is that literal, and any other value is a ConstantError. */
export function literal<T extends Primitive, const L extends T>(
  codec: Codec<T>,
  value: L,
): LiteralCodec<T, L> {
  return new LiteralCodec(codec, value);
}
