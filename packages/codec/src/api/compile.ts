/**
 * Compilation on demand: each codec is compiled once, the first time it is used in compiled mode,
 * and cached. Where code generation is not allowed (a Content-Security-Policy without
 * 'unsafe-eval'), or with `compile: false`, the interpreter runs instead; both give the same results.
 */
import type { Codec } from '../core/codec.js';
import { type CompiledLoop, type CompiledRead, type CompiledWrite, ReadGen, WriteGen } from '../core/gen.js';

let compileByDefault = true;

/** Sets whether codecs are compiled unless an options object says otherwise (default true). */
export function configure(options: { compile?: boolean }): void {
  if (options.compile !== undefined) compileByDefault = options.compile;
}

/** Whether `compile` (an option, maybe undefined) means compiled mode. */
export function compiling(compile: boolean | undefined): boolean {
  return compile ?? compileByDefault;
}

interface Compiled {
  read?: CompiledRead<unknown> | null;
  loop?: CompiledLoop<unknown> | null;
  boundedLoop?: CompiledLoop<unknown> | null;
  write?: CompiledWrite<unknown> | null;
}

const cache = new WeakMap<object, Compiled>();

/** `codec`'s compiled function of kind `key`, built by `build` once; null without code generation. */
function cached<K extends keyof Compiled>(codec: object, key: K, build: () => Compiled[K]): Compiled[K] {
  let e = cache.get(codec);
  if (!e) {
    e = {};
    cache.set(codec, e);
  }
  if (e[key] === undefined) {
    try {
      e[key] = build();
    } catch (err) {
      if (!(err instanceof EvalError)) throw err;
      e[key] = null as Compiled[K];
    }
  }
  return e[key];
}

/** The compiled decoder for `codec`, or null when code generation is unavailable. */
export function compiledRead<T>(codec: Codec<T>): CompiledRead<T> | null {
  return cached(
    codec,
    'read',
    () => new ReadGen().compile(codec) as CompiledRead<unknown>,
  ) as CompiledRead<T> | null;
}

/**
 * The compiled record loop for `codec` (see CompiledLoop), or null when code generation is
 * unavailable. `bounded`: the variant that stops at the source's end rather than its DataView's
 * (for a buffer larger than the bytes in it: StreamDecoder's stage).
 */
export function compiledLoop<T>(codec: Codec<T>, bounded = false): CompiledLoop<T> | null {
  const build = () => new ReadGen().compileLoop(codec, bounded) as CompiledLoop<unknown>;
  return cached(codec, bounded ? 'boundedLoop' : 'loop', build) as CompiledLoop<T> | null;
}

/** The compiled encoder for `codec`, or null when code generation is unavailable. */
export function compiledWrite<T>(codec: Codec<T>): CompiledWrite<T> | null {
  return cached(
    codec,
    'write',
    () => new WriteGen().compile(codec) as CompiledWrite<unknown>,
  ) as CompiledWrite<T> | null;
}
