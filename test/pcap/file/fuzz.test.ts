// Mutation fuzzing: the captures with random bytes overwritten (lengths, magics, option codes,
// anything), read whole and in random pieces: the reader emits records and either ends cleanly or
// throws a DecodeError with a code of PcapErrorCode (or codec's LIMIT_EXCEEDED) at an offset inside
// the file; never another exception, never a hang, never more held than one block. The same
// mutation in any chunking gives the same records and the same error.
import { DecodeError } from '@stride/codec';
import { CaptureReader, type CaptureRecord, PcapErrorCode } from '@stride/pcap';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CAPTURES, fixture } from './support.js';

const CODES = new Set<string>([...Object.values(PcapErrorCode), 'LIMIT_EXCEEDED']);

interface Outcome {
  records: CaptureRecord[];
  error?: { code: string; offset: number; name: string };
  mostBuffered: number;
}

function run(bytes: Uint8Array, cuts: number[]): Outcome {
  const reader = new CaptureReader({ maxSnapLength: 70_000 });
  const records: CaptureRecord[] = [];
  let mostBuffered = 0;
  let at = 0;
  try {
    for (const cut of [...cuts, bytes.length]) {
      reader.write(bytes.subarray(at, cut), (r) => records.push(r));
      mostBuffered = Math.max(mostBuffered, reader.buffered);
      at = cut;
    }
    reader.finish((r) => records.push(r));
    return { records, mostBuffered };
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    return { records, error: { code: e.code, offset: e.offset, name: e.name }, mostBuffered };
  }
}

const mutation = (length: number) =>
  fc.record({
    flips: fc.array(fc.tuple(fc.integer({ min: 0, max: length - 1 }), fc.integer({ min: 0, max: 255 })), {
      minLength: 1,
      maxLength: 8,
    }),
    cuts: fc.uniqueArray(fc.integer({ min: 1, max: length - 1 }), { maxLength: 30 }),
  });

describe('mutated captures give records or typed errors', () => {
  for (const name of CAPTURES) {
    const original = fixture(name);
    it(name, () => {
      fc.assert(
        fc.property(mutation(original.length), ({ flips, cuts }) => {
          const bytes = original.slice();
          for (const [at, value] of flips) bytes[at] = value;
          const started = performance.now();
          const whole = run(bytes, []);
          const pieces = run(
            bytes,
            cuts.sort((a, b) => a - b),
          );
          expect(performance.now() - started).toBeLessThan(2000);
          if (whole.error) {
            expect(CODES.has(whole.error.code), `${whole.error.name} ${whole.error.code}`).toBe(true);
            expect(whole.error.offset).toBeGreaterThanOrEqual(0);
            expect(whole.error.offset).toBeLessThanOrEqual(bytes.length);
          }
          expect(pieces.error).toEqual(whole.error);
          expect(pieces.records).toEqual(whole.records);
          expect(pieces.mostBuffered).toBeLessThanOrEqual(32 + 70_000 + 131_072);
        }),
        { numRuns: Math.min(60, Math.round(1_000_000 / original.length)) },
      );
    });
  }
});
