/**
 * Every combinator of union, optional, transform, lazy, peek, pointer, checksum and section in one
 * schema, fed random and mutated bytes with small limits, so that the limits are reached too: any
 * chunking must agree with one buffer, and the only errors are DecodeErrors.
 */
import {
  array,
  type Codec,
  checksummed,
  lazy,
  literal,
  optional,
  peek,
  pointer,
  refine,
  sized,
  struct,
  taggedUnion,
  transform,
  u8,
  u16be,
  u32be,
  when,
} from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectChunkInvariant } from '../helpers.js';
import { hostileBytes } from '../mutations.js';

const sum8 = (segments: readonly Uint8Array[]) => {
  let s = 0;
  for (const seg of segments) for (const b of seg) s = (s + b) & 255;
  return s;
};

const Node: Codec<unknown> = taggedUnion(u8, {
  1: struct({ v: refine(u8, (x) => x < 200, 'below 200') }),
  2: struct({ n: u8 }).field('kids', (s) =>
    array(
      lazy(() => Node),
      s.n,
    ),
  ),
  3: struct({ len: u8 }).field('body', (s) => sized(s.len, struct({ a: u8, ext: optional(u8) }))),
  4: struct({ off: u8 }).field('at', (s) => pointer(u8, s.off)),
  5: struct({ next: peek(u16be), word: u16be }),
  6: checksummed(struct({ a: u8, b: u8 }), { algorithm: sum8, checksum: u8 }),
  7: struct({ f: u8 }).field('x', (s) => when((s.f & 1) === 1, u16be)),
  8: transform(u8, { decode: (x) => x * 2, encode: (x) => x / 2 }),
  9: literal(u8, 7),
  10: sized(u8, u8, { rest: 'skip' }),
  11: checksummed(u8, { algorithm: 'crc32', checksum: u32be, placement: 'before' }),
});

const samples = [
  [1, 5],
  [2, 2, 1, 5, 2, 1, 1, 6],
  [3, 2, 7, 8],
  [4, 0],
  [5, 1, 2],
  [6, 1, 2, 3],
  [7, 1, 0, 9],
  [8, 4, 9, 7],
  [10, 3, 1, 1, 1],
  [11, 0xa5, 0x05, 0xdf, 0x1b, 1],
].map((b) => Uint8Array.from(b));

describe('the combinators together, at small limits', () => {
  it('agree across chunkings and raise only DecodeErrors', () => {
    const options = { limits: { maxRecordBytes: 12, maxDepth: 3, maxArrayLength: 3 } };
    fc.assert(
      fc.property(hostileBytes(samples), (b) => {
        expectChunkInvariant(Node, b, 3, options);
      }),
      { numRuns: 400 },
    );
    for (const s of samples) expect(expectChunkInvariant(Node, s, 3, options).error).toBeUndefined();
    // a section past the record limit, and nesting past maxDepth
    const long = Uint8Array.from([3, 20, 1, 2, ...new Array(20).fill(0)]);
    expect(expectChunkInvariant(Node, long, 3, options).error).toMatchObject({ code: 'LIMIT_EXCEEDED' });
    const deep = Uint8Array.from([2, 1, 2, 1, 2, 1, 2, 1, 1, 5]);
    expect(expectChunkInvariant(Node, deep, 3, options).error).toMatchObject({
      expected: 'at most 3 levels',
      path: 'kids[0].kids[0].kids[0].kids[0]',
    });
  });
});
