import {
  array,
  type Codec,
  decode,
  EncodeError,
  encode,
  LimitError,
  lazy,
  StreamDecoder,
  struct,
  u8,
} from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bin, cut, expectChunkInvariant, finished, shape, thrown, written } from '../helpers.js';
import { hostileBytes } from '../mutations.js';

// A recursive type needs its annotation: TypeScript cannot infer a type from its own definition.
interface Tree {
  value: number;
  children: Tree[];
}
const Tree: Codec<Tree> = struct({
  value: u8,
  children: array(
    lazy(() => Tree),
    { count: u8 },
  ),
});

/** A chain of `depth` nodes, each the only child of the one before. */
function chain(depth: number): Uint8Array {
  const out = new Uint8Array(depth * 2);
  for (let i = 0; i < depth - 1; i++) out[2 * i + 1] = 1;
  return out;
}

describe('lazy', () => {
  it('decodes and encodes a recursive format', () => {
    const t: Tree = {
      value: 1,
      children: [
        { value: 2, children: [] },
        { value: 3, children: [{ value: 4, children: [] }] },
      ],
    };
    const b = bin(1, 2, 2, 0, 3, 1, 4, 0);
    expect(decode(Tree, b)).toEqual(t);
    expect(encode(Tree, t)).toEqual(b);
  });

  it('reports faults deep inside with the full path and absolute offset', () => {
    const e = thrown(() => decode(Tree, bin(1, 2, 2, 0, 3, 1, 4)));
    expect(e).toMatchObject({ code: 'INCOMPLETE', offset: 7, path: 'children[1].children[0].children' });
  });

  it('raises LimitError past maxDepth instead of exhausting the stack', () => {
    const e = thrown(() => decode(Tree, chain(100_000), { allowTrailing: true }));
    expect(e).toBeInstanceOf(LimitError);
    expect(e).toMatchObject({ limit: 'maxDepth', offset: 2 * 257, expected: 'at most 256 levels' });
    expect(e.path.startsWith('children[0].children[0].')).toBe(true);
    expect(decode(Tree, chain(257)).children).toHaveLength(1);
    expect(thrown(() => decode(Tree, chain(5), { limits: { maxDepth: 3 } }))).toMatchObject({
      limit: 'maxDepth',
      offset: 8,
    });
    const d = new StreamDecoder(Tree);
    expect(() => written(d, chain(100_000))).toThrow(LimitError);
  });

  it('gives the same records and errors in any chunking, and only DecodeErrors', () => {
    expect(expectChunkInvariant(Tree, bin(1, 2, 2, 0, 3, 1, 4, 0, 9, 0)).records).toHaveLength(2);
    // the depth limit, fed a byte at a time (with a low limit: a deep record cut short is costly to retry)
    const limits = { maxDepth: 8 };
    const flat = shape(thrown(() => decode(Tree, chain(20), { limits })));
    const d = new StreamDecoder(Tree, { limits });
    const ones = Array.from({ length: 40 }, (_, i) => i);
    const streamed = shape(
      thrown(() => [...cut(chain(20), ones).flatMap((c) => written(d, c)), ...finished(d)]),
    );
    expect(streamed).toEqual(flat);
    expect(flat).toMatchObject({ code: 'LIMIT_EXCEEDED', offset: 18, expected: 'at most 8 levels' });
    fc.assert(
      fc.property(hostileBytes([bin(1, 2, 2, 0, 3, 1, 4, 0), chain(20)]), (b) => {
        expectChunkInvariant(Tree, b, 3);
      }),
      { numRuns: 150 },
    );
  });
});

describe('lazy on encode', () => {
  it('refuses a cyclic value with an EncodeError instead of overflowing the stack', () => {
    const t: Tree = { value: 1, children: [] };
    t.children.push(t);
    expect(() => encode(Tree, t)).toThrow(EncodeError);
    expect(() => encode(Tree, t)).toThrow(/cyclic/);
  });
});
