/**
 * Codec<T>: one value that describes a wire format both ways.
 *
 * - `read(st)` decodes a T at `st.pos` (the interpreter; it runs on any Source),
 * - `write(w, value)` encodes it,
 * - `size` is the byte size when it is always the same (which lets parents check bounds once),
 * - `[GEN_READ]` / `[GEN_WRITE]`, when present, emit straight-line JavaScript for the compiled fast
 *   path. A codec without them is called through `read` / `write` from compiled code, so a
 *   user-defined codec needs only the first three.
 */
import type { DecodeState } from './decode-state.js';
import type { EncodeState } from './encode-state.js';
import type { ReadGen, WriteGen } from './gen.js';

/*
 * Keys of the members only Stride's own codecs have and only its compiler and interpreter call.
 * They are symbols that no package entry exports, so they are not API: a user cannot reach them on a
 * codec, nor give a codec of theirs generated code that bypasses the checks (`defineCodec` codecs run
 * their `read` / `write`).
 */
/** `read` as a plain function (see Codec[READER]). */
export const READER: unique symbol = Symbol('stride.reader');
/** Emits a codec's decode code (see Codec[GEN_READ]). */
export const GEN_READ: unique symbol = Symbol('stride.genRead');
/** Emits a codec's encode code (see Codec[GEN_WRITE]). */
export const GEN_WRITE: unique symbol = Symbol('stride.genWrite');

/**
 * Stride's own codecs freeze themselves at the end of their constructors (`Object.freeze(this)`):
 * nothing a caller holds can change what a built codec decodes, or make its `size` disagree with its
 * parts (their state that changes, such as a lazy codec's resolved target, is #private).
 */
export abstract class Codec<T> {
  /** Phantom: the decoded type, for `Infer`. */
  declare readonly __type: T;
  /** What kind of codec this is (`u32`, `struct` …), for messages and the compiler. */
  abstract readonly kind: string;
  /** Bytes this codec always takes, or undefined when that depends on the data. */
  readonly size: number | undefined = undefined;
  abstract read(st: DecodeState): T;
  abstract write(w: EncodeState, value: T): void;
  /**
   * `read` as a plain function. Interpreted structs call fields through it: one call instead of a
   * method call into a shared dispatch, which a primitive overrides with its own specialised function.
   */
  [READER](): (st: DecodeState) => T {
    return (st) => this.read(st);
  }
  /**
   * Emits code that reads this codec at the generator's position and returns an expression for the
   * value. Absent: the compiler calls `read`.
   */
  [GEN_READ]?(g: ReadGen): string;
  /** Emits code that writes the value held in the expression `v`. */
  [GEN_WRITE]?(g: WriteGen, v: string): void;
}

/** The type a codec decodes to (and encodes from). */
export type Infer<C> = C extends Codec<infer T> ? T : never;

/** Any codec, whatever it decodes to (methods are bivariant, so every Codec<T> is one). */
export type AnyCodec = Codec<unknown>;

/** A user-defined codec: the three members every codec has. */
export interface CodecSpec<T> {
  /** Shown in messages; defaults to `custom`. */
  name?: string;
  /** Fixed byte size, when the format has one. */
  size?: number;
  read(st: DecodeState): T;
  write(w: EncodeState, value: T): void;
}

class CustomCodec<T> extends Codec<T> {
  readonly kind: string;
  override readonly size: number | undefined;
  readonly #spec: CodecSpec<T>;
  constructor(spec: CodecSpec<T>) {
    super();
    this.#spec = spec;
    this.kind = spec.name ?? 'custom';
    this.size = spec.size;
    Object.freeze(this);
  }
  read(st: DecodeState): T {
    return this.#spec.read(st);
  }
  write(w: EncodeState, value: T): void {
    this.#spec.write(w, value);
  }
}

/**
 * Defines a codec from a read and a write function over the public DecodeState / EncodeState API
 * (`st.take(n)`, `st.u32be()`, `st.bytes(n)`, `st.invalid(...)`; `w.reserve(n)`, `w.u32be(v)` …).
 */
export function defineCodec<T>(spec: CodecSpec<T>): Codec<T> {
  return new CustomCodec(spec);
}
