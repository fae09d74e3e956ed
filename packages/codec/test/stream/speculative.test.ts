/**
 * Records cut by a chunk's end, in a StreamDecoder: where the compiled code stops for lack of
 * input it says so (DecodeState.needAt) instead of asking the interpreter, and a small record is
 * completed speculatively from the next chunk in a buffer of its own. Neither may make a record
 * or an error come later than the interpreter has them: the compiled decoder goes in lockstep with
 * the interpreted one, chunk by chunk; and byte fields decoded from a speculative copy stay intact.
 */
import {
  array,
  bytes,
  type Codec,
  decimal,
  encode,
  StreamDecoder,
  type StreamLimits,
  sized,
  string,
  struct,
  tuple,
  u8,
  u16be,
} from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cut, cutsFor, type ErrorShape, flatOutcome, shape, streamOutcome } from '../helpers.js';
import { hostileBytes } from '../mutations.js';
import { nested, Resp, respValues, values } from '../resp.js';

/** A decoder fed chunk by chunk: the records it emitted so far and its error, if it raised one. */
class Fed<T> {
  readonly records: T[] = [];
  error: ErrorShape | undefined;
  readonly #d: StreamDecoder<T>;

  constructor(codec: Codec<T>, compile: boolean, limits: Partial<StreamLimits>) {
    this.#d = new StreamDecoder(codec, { compile, limits });
  }

  /** Writes `chunk` (finishes for undefined), unless the decoder has failed. */
  step(chunk: Uint8Array | undefined): void {
    if (this.error) return;
    try {
      if (chunk === undefined) this.#d.finish((r) => this.records.push(r));
      else this.#d.write(chunk, (r) => this.records.push(r));
    } catch (e) {
      this.error = shape(e);
    }
  }
}

/**
 * Asserts a compiled StreamDecoder is never later than an interpreted one: after every chunk it
 * has emitted every record the interpreted one has, and raised its error if that one has; at the
 * end they agree. (It may be earlier: the interpreted decoder tries a record once the bytes it
 * waits for are in, and may learn then only that it waits for more, where the compiled one had
 * the bytes after them too.)
 */
function expectLockstep<T>(codec: Codec<T>, chunks: readonly Uint8Array[], limits = {}): void {
  const compiled = new Fed(codec, true, limits);
  const interpreted = new Fed(codec, false, limits);
  for (const chunk of [...chunks, undefined]) {
    interpreted.step(chunk);
    compiled.step(chunk);
    expect(compiled.records.slice(0, interpreted.records.length)).toEqual(interpreted.records);
    if (interpreted.error) expect(compiled.error).toEqual(interpreted.error);
  }
  expect(compiled.records).toEqual(interpreted.records);
  expect(compiled.error).toEqual(interpreted.error);
}

/** `bytes` in lockstep, cut at every byte and at random places. */
function expectLockstepCuts<T>(codec: Codec<T>, bytes: Uint8Array, limits = {}): void {
  expectLockstep(
    codec,
    cut(
      bytes,
      Array.from({ length: bytes.length }, (_, i) => i),
    ),
    limits,
  );
  fc.assert(
    fc.property(cutsFor(bytes.length), (at) => expectLockstep(codec, cut(bytes, at), limits)),
    { numRuns: 5 },
  );
}

const encoded = (records: readonly unknown[]) =>
  Uint8Array.from(records.flatMap((r) => [...encode(Resp, r as never)]));

describe("a record cut by a chunk's end", () => {
  it('is never later than the interpreter: RESP values', () => {
    fc.assert(
      fc.property(fc.array(values, { minLength: 1, maxLength: 4 }), (records) => {
        expectLockstepCuts(Resp, encoded(records));
      }),
      { numRuns: 40 },
    );
    const samples = fc.sample(fc.array(values, { minLength: 1, maxLength: 3 }), { numRuns: 8, seed: 3 });
    fc.assert(
      fc.property(hostileBytes([...samples.map(encoded), nested(5)]), (b) => {
        expectLockstepCuts(Resp, b, { maxDepth: 4 });
      }),
      { numRuns: 150 },
    );
  });

  it('is never later than the interpreter: numbers, lines, length prefixes and runs of fixed fields', () => {
    const Mixed = struct({
      n: decimal({ until: ';', maxDigits: 4 }),
      line: string({ until: '\r\n', maxLength: 6 }),
      data: bytes(u8),
      pair: tuple([u8, u16be]),
      body: sized(u8, struct({ s: string({ until: 0 }), rest: bytes('toEnd') })),
    });
    const good = encode(Mixed, {
      n: 12,
      line: 'ab',
      data: Uint8Array.of(1, 2),
      pair: [3, 4],
      body: { s: 'x', rest: Uint8Array.of(9) },
    });
    const two = Uint8Array.from([...good, ...good]);
    expectLockstepCuts(Mixed, two);
    fc.assert(
      fc.property(hostileBytes([two]), (b) => {
        expectLockstepCuts(Mixed, b, { maxRecordBytes: 24 });
      }),
      { numRuns: 150 },
    );
  });
});

describe('speculative completion', () => {
  it('gives what one buffer gives over long streams in small chunks, byte fields intact', () => {
    // Bulk strings of up to 40 bytes, cut into chunks of 1..64 bytes: most chunks end inside a
    // record, completed from the next one in a copy (and every record checked after all of them).
    fc.assert(
      fc.property(
        fc.array(respValues(40), { minLength: 20, maxLength: 60 }),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 20 }),
        (records, sizes) => {
          const bytes = encoded(records);
          const at: number[] = [];
          for (let i = 0, k = 0; i < bytes.length; k++) {
            i += sizes[k % sizes.length] as number;
            at.push(i);
          }
          expect(streamOutcome(Resp, cut(bytes, at), { compile: true }).records).toEqual(records);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps what the interpreter saved from a copy, when the record goes on past the next chunk', () => {
    // A run of two fixed fields cut in the middle is left to the interpreter, which saves the
    // items so far, their byte fields views of the speculative copy: they must stay intact while
    // the record is completed from the chunks after it, and the decoder goes on copying.
    const Item = struct({ data: bytes(u8), pair: tuple([u8, u8]) });
    const List = array(Item, { count: u8 });
    const items = (k: number) =>
      Array.from({ length: k }, (_, i) => ({
        data: Uint8Array.of(i, k, 7),
        pair: [i, k] as [number, number],
      }));
    const records = Array.from({ length: 40 }, (_, k) => items(1 + (k % 9)));
    const input = Uint8Array.from(records.flatMap((r) => [...encode(List, r)]));
    const want = flatOutcome(List, input);
    expect(want.records).toEqual(records);
    for (const size of [3, 5, 6, 11, 17, 40]) {
      const at = Array.from({ length: Math.ceil(input.length / size) }, (_, i) => (i + 1) * size);
      expect(streamOutcome(List, cut(input, at), { compile: true })).toEqual(want);
    }
  });
});
