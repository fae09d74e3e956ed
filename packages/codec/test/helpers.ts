/** Shared test helpers: decoding through a StreamDecoder in given chunks, and comparable error shapes. */
import {
  type Codec,
  DecodeError,
  Decoder,
  encode,
  type Limits,
  StreamDecoder,
  type StreamParser,
} from '@stride/codec';
import fc from 'fast-check';
import { expect } from 'vitest';
import { compiledRead } from '../src/api/compile.js';
import { DecodeState } from '../src/core/decode-state.js';
import { defaultLimits } from '../src/core/limits.js';
import { FlatSource } from '../src/core/source.js';
import { hostileBytes } from './mutations.js';

/**
 * Limits for both the flat Decoder and the StreamDecoder (to reach them with small inputs), and the
 * engine (`compile: true` holds a test to the compiled path whatever `configure` says).
 */
export interface LimitsOption {
  limits?: Partial<Limits>;
  compile?: boolean;
}

/** What a decode produced: the records and the error's comparable fields, if any. */
export interface Outcome<T> {
  records: T[];
  error?: ErrorShape | undefined;
}

export interface ErrorShape {
  name: string;
  code: string;
  offset: number;
  path: string;
  message: string;
  expected: string | undefined;
  actual: string | undefined;
}

export function shape(e: unknown): ErrorShape {
  if (!(e instanceof DecodeError)) throw e;
  return {
    name: e.name,
    code: e.code,
    offset: e.offset,
    path: e.path,
    message: e.message,
    expected: e.expected,
    actual: e.actual,
  };
}

/** Cuts `bytes` at the given (sorted, in-range) positions. */
export function cut(bytes: Uint8Array, at: readonly number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let from = 0;
  for (const c of [...at, bytes.length]) {
    if (c > from) out.push(bytes.slice(from, c));
    from = Math.max(from, c);
  }
  return out;
}

/** Every record of a stream of `codec` records, fed through a StreamDecoder in `chunks`. */
export function streamOutcome<T>(
  codec: Codec<T>,
  chunks: readonly Uint8Array[],
  options: LimitsOption = {},
): Outcome<T> {
  const d = new StreamDecoder(codec, options);
  const records: T[] = [];
  try {
    for (const c of chunks) d.write(c, (r) => records.push(r));
    d.finish((r) => records.push(r));
    return { records };
  } catch (e) {
    return { records, error: shape(e) };
  }
}

/** The records that writing `chunk` to `d` completes. */
export function written<T>(d: StreamParser<Uint8Array, T>, chunk: Uint8Array): T[] {
  const out: T[] = [];
  d.write(chunk, (r) => out.push(r));
  return out;
}

/** The records that finishing `d` settles. */
export function finished<T>(d: StreamParser<Uint8Array, T>): T[] {
  const out: T[] = [];
  d.finish((r) => out.push(r));
  return out;
}

/** Every record of `bytes` decoded from one buffer with a Decoder: what any chunking must give. */
export function flatOutcome<T>(codec: Codec<T>, bytes: Uint8Array, options: LimitsOption = {}): Outcome<T> {
  const d = new Decoder(codec, bytes, options);
  const records: T[] = [];
  try {
    while (!d.done) records.push(d.read());
    return { records };
  } catch (e) {
    return { records, error: shape(e) };
  }
}

/**
 * Asserts the compiled paths give what the interpreter gives for `bytes`: from one buffer, and
 * through a StreamDecoder cut once at every byte and at random places. Returns that outcome.
 */
export function expectEnginesAgree<T>(
  codec: Codec<T>,
  bytes: Uint8Array,
  options: LimitsOption = {},
): Outcome<T> {
  const want = flatOutcome(codec, bytes, { ...options, compile: false });
  const compiled = { ...options, compile: true };
  expect(flatOutcome(codec, bytes, compiled)).toEqual(want);
  for (let c = 1; c < bytes.length; c++)
    expect(streamOutcome(codec, cut(bytes, [c]), compiled)).toEqual(want);
  fc.assert(
    fc.property(cutsFor(bytes.length), (at) => {
      expect(streamOutcome(codec, cut(bytes, at), compiled)).toEqual(want);
    }),
    { numRuns: 3 },
  );
  return want;
}

/** The compiled decode of one record at the start of `bytes` (FAIL when it leaves the record to the interpreter). */
export function compiledOnce<T>(codec: Codec<T>, bytes: Uint8Array, limits: Partial<Limits> = {}): unknown {
  const st = new DecodeState(new FlatSource().reset(bytes, 0, true), { ...defaultLimits, ...limits });
  st.begin(0);
  return (compiledRead(codec) as (st: DecodeState) => unknown)(st);
}

/** fast-check arbitrary: cut positions for a buffer of `length` bytes (down to 1-byte chunks). */
export function cutsFor(length: number): fc.Arbitrary<number[]> {
  return fc.oneof(
    fc
      .uniqueArray(fc.integer({ min: 1, max: Math.max(1, length - 1) }), { maxLength: Math.min(64, length) })
      .map((a) => a.sort((x, y) => x - y)),
    fc.constant(Array.from({ length: Math.max(0, length - 1) }, (_, i) => i + 1)),
  );
}

/**
 * Asserts that `bytes` fed to a StreamDecoder in 1-byte chunks and in `runs` random chunkings gives
 * the same records and error as one buffer; returns that outcome.
 */
export function expectChunkInvariant<T>(
  codec: Codec<T>,
  bytes: Uint8Array,
  runs = 20,
  options: LimitsOption = {},
): Outcome<T> {
  const flat = flatOutcome(codec, bytes, options);
  const ones = Array.from({ length: bytes.length }, (_, i) => i);
  expect(streamOutcome(codec, cut(bytes, ones), options)).toEqual(flat);
  fc.assert(
    fc.property(cutsFor(bytes.length), (at) => {
      expect(streamOutcome(codec, cut(bytes, at), options)).toEqual(flat);
    }),
    { numRuns: runs },
  );
  return flat;
}

/**
 * The two stream properties of a codec: streams of random `values`, encoded back to back, decode
 * to those values in any chunking; and bytes near the valid `samples` (or random) give the same
 * records and errors in any chunking, only DecodeErrors.
 */
export function expectStreamProperties<T>(
  codec: Codec<T>,
  values: fc.Arbitrary<T>,
  samples: readonly Uint8Array[],
  runs = 50,
): void {
  fc.assert(
    fc.property(fc.array(values, { maxLength: 4 }), (records) => {
      const stream = Uint8Array.from(records.flatMap((r) => [...encode(codec, r)]));
      expect(expectChunkInvariant(codec, stream, 5).records).toEqual(records);
    }),
    { numRuns: runs },
  );
  fc.assert(
    fc.property(hostileBytes(samples), (b) => {
      expectChunkInvariant(codec, b, 3);
    }),
    { numRuns: 150 },
  );
}

/**
 * The error `f` throws; fails if it returns. Typed as a DecodeError, whose fields the tests read
 * (an EncodeError has the same `code`, `path` and `message`).
 */
export function thrown(f: () => unknown): DecodeError {
  try {
    f();
  } catch (e) {
    return e as DecodeError;
  }
  throw new Error('expected a throw');
}

/** Bytes from numbers: `bin(1, 2, 3)`. */
export const bin = (...b: number[]): Uint8Array => Uint8Array.from(b);
