// Design invariant 1 on every corpus file: any cutting of the input into pieces, down to one byte,
// gives the same chunks, warnings and error, at the same offsets, as the whole file at once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cut, files, load, normalize, readPieces } from './corpus.js';

const sizes = fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 16 });

describe('chunk-split invariance on PngSuite', () => {
  it.each(files)('%s: any cutting reads the same', (name) => {
    const bytes = load(name);
    for (const options of [{}, { imageData: true }, { limits: { maxChunkBytes: 16 } }]) {
      const whole = normalize(readPieces([bytes], options));
      expect(normalize(readPieces(cut(bytes, [1]), options))).toEqual(whole);
      fc.assert(
        fc.property(sizes, (s) => {
          expect(normalize(readPieces(cut(bytes, s), options))).toEqual(whole);
        }),
        { numRuns: 15 },
      );
    }
  });
});
