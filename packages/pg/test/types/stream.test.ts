/**
 * Column values in a stream, as a DataRow holds them (an int32 length, -1 for NULL, then the
 * value's bytes): any chunking of the bytes gives the same values as one buffer, in both formats.
 * The text codecs read to the end of their section, so this checks they wait for it in a stream.
 */
import { type Codec, encode, i32be, nullable, StreamDecoder, sized } from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PgTypeName, pgTypes } from '../../src/types/index.js';
import { valuesOf } from './arbitraries.js';

const names = Object.keys(pgTypes) as PgTypeName[];

/** A column as in a DataRow: length-prefixed, NULL as length -1. */
const column = (codec: Codec<unknown>) => nullable(sized(i32be, codec), [0xff, 0xff, 0xff, 0xff]);

/** `bytes` cut at the given offsets, each piece a copy (as from a socket). */
function pieces(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  return [0, ...at].map((from, i) => bytes.slice(from, at[i] ?? bytes.length));
}

describe('columns in any chunking', () => {
  it.each(names)('%s', (name) => {
    const type = pgTypes[name] as unknown as { binary: Codec<unknown>; text: Codec<unknown> };
    const values = fc.array(fc.option(valuesOf(name), { nil: null, freq: 5 }), {
      minLength: 1,
      maxLength: 5,
    });
    fc.assert(
      fc.property(
        values,
        fc.constantFrom('binary', 'text'),
        fc.array(fc.nat(), { maxLength: 12 }),
        (vs, format, cuts) => {
          const codec = column(type[format]);
          const bytes = Buffer.concat(vs.map((v) => encode(codec, v)));
          const decoder = new StreamDecoder(codec);
          const out: unknown[] = [];
          for (const piece of pieces(bytes, cuts)) decoder.write(piece, (v) => out.push(v));
          decoder.finish((v) => out.push(v));
          expect(out).toEqual(vs);
        },
      ),
      { numRuns: 20 },
    );
  });
});
