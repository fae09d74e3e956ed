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
  write?: CompiledWrite<unknown> | null;
}

const cache = new WeakMap<object, Compiled>();

function entry(codec: object): Compiled {
  let e = cache.get(codec);
  if (!e) {
    e = {};
    cache.set(codec, e);
  }
  return e;
}

/** The compiled decoder for `codec`, or null when code generation is unavailable. */
export function compiledRead<T>(codec: Codec<T>): CompiledRead<T> | null {
  const e = entry(codec);
  if (e.read === undefined) {
    try {
      e.read = new ReadGen().compile(codec) as CompiledRead<unknown>;
    } catch (err) {
      if (!(err instanceof EvalError)) throw err;
      e.read = null;
    }
  }
  return e.read as CompiledRead<T> | null;
}

/** The compiled record loop for `codec` (see CompiledLoop), or null when code generation is unavailable. */
export function compiledLoop<T>(codec: Codec<T>): CompiledLoop<T> | null {
  const e = entry(codec);
  if (e.loop === undefined) {
    try {
      e.loop = new ReadGen().compileLoop(codec) as CompiledLoop<unknown>;
    } catch (err) {
      if (!(err instanceof EvalError)) throw err;
      e.loop = null;
    }
  }
  return e.loop as CompiledLoop<T> | null;
}

/** The compiled encoder for `codec`, or null when code generation is unavailable. */
export function compiledWrite<T>(codec: Codec<T>): CompiledWrite<T> | null {
  const e = entry(codec);
  if (e.write === undefined) {
    try {
      e.write = new WriteGen().compile(codec) as CompiledWrite<unknown>;
    } catch (err) {
      if (!(err instanceof EvalError)) throw err;
      e.write = null;
    }
  }
  return e.write as CompiledWrite<T> | null;
}
