/** Shared test helpers: decoding through a StreamDecoder in given chunks, and comparable error shapes. */
import { type Codec, DecodeError, StreamDecoder } from '@stride/codec';
import fc from 'fast-check';

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
  return { name: e.name, code: e.code, offset: e.offset, path: e.path, message: e.message, expected: e.expected, actual: e.actual };
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
export function streamOutcome<T>(codec: Codec<T>, chunks: readonly Uint8Array[]): Outcome<T> {
  const d = new StreamDecoder(codec);
  const records: T[] = [];
  try {
    for (const c of chunks) d.write(c, (r) => records.push(r));
    d.finish((r) => records.push(r));
    return { records };
  } catch (e) {
    return { records, error: shape(e) };
  }
}

/** fast-check arbitrary: cut positions for a buffer of `length` bytes (down to 1-byte chunks). */
export function cutsFor(length: number): fc.Arbitrary<number[]> {
  return fc.oneof(
    fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, length - 1) }), { maxLength: Math.min(64, length) }).map((a) => a.sort((x, y) => x - y)),
    fc.constant(Array.from({ length: Math.max(0, length - 1) }, (_, i) => i + 1)),
  );
}
