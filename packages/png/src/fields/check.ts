/**
 * Rules on decoded values, raised as PngErrors at the byte at fault.
 *
 * A `Fault` says what is wrong and where, relative to the value's first byte. `checked(codec,
 * rule)` puts a rule into a schema: decoding raises a PngError (code `BAD_CHUNK_DATA` unless the
 * fault names another) at that byte with the field's path, encoding an EncodeError
 * `VALIDATION_FAILED` with the same message. Rules that need the whole chunk or the image context
 * (colour type, palette size) run in the chunk's codec (common.ts), through `raise`, with offsets
 * relative to the chunk's data.
 */
import {
  type Codec,
  type DecodeError,
  type DecodeState,
  defineCodec,
  EncodeError,
  type PathSegment,
  u32be,
} from '@stride/codec';
import { memoryview } from '@stride/view';
import { PngError, type PngErrorCode } from '../errors.js';

export interface Fault {
  /** Offset of the byte at fault, relative to the value's (or the chunk data's) first byte; -8 for the chunk's length field. */
  at: number;
  /** Bytes examined there (default 1). */
  n?: number;
  /** Path of the field at fault, relative to the value. */
  path?: readonly PathSegment[];
  /** Default `BAD_CHUNK_DATA`. */
  code?: PngErrorCode;
  message: string;
  expected?: string;
  actual?: string;
}

/** Offset of a chunk's length field, relative to its data: where a chunk's size error is reported. */
export const CHUNK_START = -8;

/** A Fault for a chunk whose data has the wrong size. */
export function sizeFault(type: string, length: number, expected: string, code?: PngErrorCode): Fault {
  return {
    at: CHUNK_START,
    n: 0,
    code,
    message: `${type} data is ${length} byte${length === 1 ? '' : 's'} long; it must be ${expected}`,
    expected,
    actual: `${length} bytes`,
  };
}

/** Puts a fault's relative path on the error built for it. */
function withPath<E extends DecodeError<string> | EncodeError>(
  e: E,
  path: readonly PathSegment[] | undefined,
): E {
  if (path !== undefined) for (let i = path.length - 1; i >= 0; i--) e.within(path[i] as PathSegment);
  return e;
}

/** The PngError for a fault found after decoding `data` (whose first byte is at `base`). */
export function faultError(f: Fault, data: Uint8Array, base: number): PngError {
  const rel = f.at;
  const n = f.n ?? 1;
  const from = Math.max(0, rel - 8);
  const to = Math.min(data.length, Math.max(rel + n, 0));
  const excerpt = rel >= 0 && to > from ? memoryview(data.subarray(from, to)).hex(' ') : '';
  return withPath(
    new PngError(f.code ?? 'BAD_CHUNK_DATA', f.message, {
      offset: base + rel,
      expected: f.expected,
      actual: f.actual,
      excerpt,
      excerptStart: rel >= 0 ? base + from : base + rel,
    }),
    f.path,
  );
}

/** Throws the fault as a PngError from inside a codec (`at`: absolute offset of the value's first byte). */
export function raiseIn(st: DecodeState, at: number, f: Fault): never {
  const details = st.details(at + f.at, f.n ?? 1, f.expected, f.actual);
  throw withPath(new PngError(f.code ?? 'BAD_CHUNK_DATA', f.message, details), f.path);
}

/** The EncodeError for a fault found in a value being encoded. */
export function encodeFault(f: Fault): EncodeError {
  return withPath(new EncodeError('VALIDATION_FAILED', f.message), f.path);
}

/** `codec` with `rule` checked both ways (see the module comment). */
export function checked<T>(codec: Codec<T>, rule: (value: T) => Fault | undefined): Codec<T> {
  return defineCodec<T>({
    name: codec.kind,
    size: codec.size,
    read(st) {
      const at = st.pos;
      const value = codec.read(st);
      const f = rule(value);
      if (f !== undefined) raiseIn(st, at, f);
      return value;
    },
    write(w, value) {
      codec.write(w, value);
      const f = rule(value);
      if (f !== undefined) throw encodeFault(f);
    },
  });
}

/** A field that is not on the wire: always `value` (a discriminant for shapes chosen by context). */
export function tag<const K extends string>(value: K): Codec<K> {
  return defineCodec<K>({
    name: `tag ${value}`,
    size: 0,
    read: () => value,
    write(_w, v) {
      if (v !== value)
        throw new EncodeError('BAD_CONSTANT', `expected ${JSON.stringify(value)}, got ${String(v)}`);
    },
  });
}

const U31_MAX = 0x7fffffff;

/** A "PNG four-byte unsigned integer": big-endian, at most 2^31-1. */
export const u31: Codec<number> = checked(u32be, (v) =>
  v > U31_MAX
    ? {
        at: 0,
        n: 4,
        message: `${v} is above 2^31-1, the largest value of a PNG four-byte unsigned integer`,
        expected: 'at most 2147483647',
        actual: String(v),
      }
    : undefined,
);

/** A byte that must be one of `allowed` (`what` names the field for the message). */
export function oneOf(codec: Codec<number>, allowed: readonly number[], what: string, code?: PngErrorCode) {
  const expected = allowed.length === 1 ? String(allowed[0]) : `one of ${allowed.join(', ')}`;
  return checked(codec, (v) =>
    allowed.includes(v)
      ? undefined
      : {
          at: 0,
          n: codec.size ?? 1,
          code,
          message: `${what} ${v} is not defined: use ${expected}`,
          expected,
          actual: String(v),
        },
  );
}
