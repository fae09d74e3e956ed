// Design invariant 3 on PngSuite: bit flips, truncations and length-field edits give chunks and a
// DecodeError, nothing else, in bounded time and memory, and read the same in any cutting.
import { DecodeError } from '@stride/codec';
import { describe, expect, it } from 'vitest';
import { mulberry32, type Rng } from '../../bench/prng.js';
import { cut, files, load, normalize, readPieces, walkChunks } from './corpus.js';

const LENGTHS = [0, 1, 12, 13, 0x7fffffff, 0x80000000, 0xffffffff, 8_000_001];

function mutate(source: Uint8Array, rng: Rng): Uint8Array {
  const bytes = source.slice();
  switch (rng.int(0, 3)) {
    case 0: // bit flips
      for (let n = rng.int(1, 4); n > 0; n--) {
        const at = rng.int(0, bytes.length - 1);
        bytes[at] = (bytes[at] as number) ^ (1 << rng.int(0, 7));
      }
      return bytes;
    case 1: // truncation
      return bytes.subarray(0, rng.int(0, bytes.length - 1));
    case 2: {
      // a length field set to an edge value or nudged
      const starts = walkChunks(bytes).map((c) => c.offset);
      const at = starts[rng.int(0, starts.length - 1)] as number;
      const dv = new DataView(bytes.buffer);
      const old = dv.getUint32(at);
      const value =
        rng.int(0, 1) === 0 ? (LENGTHS[rng.int(0, LENGTHS.length - 1)] as number) : old + rng.int(-3, 3);
      dv.setUint32(at, value >>> 0);
      return bytes;
    }
    default: {
      // random bytes over a chunk header or into the data
      const at = rng.int(8, bytes.length - 1);
      for (let i = 0; i < rng.int(1, 8) && at + i < bytes.length; i++) bytes[at + i] = rng.int(0, 255);
      return bytes;
    }
  }
}

describe('mutation fuzzing on PngSuite', () => {
  it('gives only DecodeErrors, within bounds, the same in any cutting (fixed budget: 4,000 inputs)', () => {
    const rng = mulberry32(0x5eed);
    const sources = files.map(load);
    const heapBefore = process.memoryUsage().heapUsed;
    let errors = 0;
    let slowest = 0;
    for (let i = 0; i < 4000; i++) {
      const input = mutate(sources[rng.int(0, sources.length - 1)] as Uint8Array, rng);
      const started = performance.now();
      const whole = readPieces([input], { imageData: true });
      slowest = Math.max(slowest, performance.now() - started);
      if (whole.error !== undefined) {
        expect(whole.error).toBeInstanceOf(DecodeError);
        errors++;
      }
      if (i % 4 === 0) {
        const pieces = cut(input, [rng.int(1, 40), rng.int(1, 40), 1]);
        expect(normalize(readPieces(pieces, { imageData: true }))).toEqual(normalize(whole));
      }
    }
    expect(errors).toBeGreaterThan(2000);
    // Loose bounds (timing is never asserted closely): no input may hang or hoard memory.
    expect(slowest).toBeLessThan(2000);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(256 * 1024 * 1024);
  });
});
