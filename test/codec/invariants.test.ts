/**
 * The invariants of docs/design.md, as fast-check properties over a set of schemas that together use
 * every primitive and every combinator of @stride/codec:
 *
 * 1. chunk-split invariance: any chunking gives the records and errors of one buffer;
 * 2. round trip: whatever decodes, encodes back to bytes that decode to the same value;
 * 3. hostile input: random and mutated bytes give records or DecodeErrors, never anything else,
 *    with limits small enough to be reached;
 * 4. views never copy: byte fields decoded from one buffer share its memory.
 *
 * It runs in both test projects, so compiled and interpreted decoding are each held to them.
 */
import {
  type AnyCodec,
  align,
  array,
  bits,
  bool,
  bool8,
  bytes,
  type Codec,
  checksummed,
  cstring,
  Decoder,
  decode,
  encode,
  f16be,
  f32le,
  f64be,
  i8,
  i16le,
  i32be,
  i64le,
  i64leNumber,
  lazy,
  literal,
  magic,
  optional,
  padding,
  peek,
  pointer,
  refine,
  select,
  sized,
  sleb128,
  string,
  struct,
  taggedUnion,
  transform,
  tuple,
  u8,
  u16be,
  u32le,
  u64be,
  u64beNumber,
  uleb128,
  uleb128Big,
  when,
  zigzag,
  zigzagBig,
} from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectChunkInvariant } from '../../packages/codec/test/helpers.js';
import { hostileBytes } from '../../packages/codec/test/mutations.js';

const Numbers = struct({
  a: u8,
  b: i8,
  c: i16le,
  d: i32be,
  e: u32le,
  f: u64be,
  g: i64le,
  h: u64beNumber,
  i: i64leNumber,
  j: f16be,
  k: f32le,
  l: f64be,
  m: uleb128,
  n: sleb128,
  o: zigzag,
  p: uleb128Big,
  q: zigzagBig,
  r: bool,
  s: bool8({ strict: false }),
});

const Texts = struct({
  magic: magic('T1'),
  fixed: string(4, { encoding: 'ascii', pad: 0 }),
  prefixed: string(u8, { encoding: 'utf8' }),
  c: cstring,
  latin: string(u16be, { encoding: 'latin1' }),
  raw: bytes(3),
  blob: bytes(u8),
  flags: bits({ x: bool, y: 3, z: 4 }),
  lsb: bits({ lo: 5, hi: 11 }, { order: 'lsb' }),
  pad: padding(1),
  aligned: align(4),
  pair: tuple([u8, u16be]),
});

interface Tree {
  value: number;
  kids: Tree[];
}
const Tree: Codec<Tree> = struct({
  value: u8,
  kids: array(
    lazy(() => Tree),
    { count: u8 },
  ),
});

const Shape = taggedUnion(u8, {
  1: struct({ r: refine(u8, (r) => r > 0, 'a positive radius') }),
  2: struct({ w: u8, h: u8 }),
  3: literal(u8, 42),
});

const Arrays = struct({
  fixed: array(u16be, 2),
  counted: array(u8, { count: u8 }),
  byBytes: array(u16be, { byteLength: u8 }),
  untilZero: array(u8, { until: (b) => b === 0 }),
  kind: u8,
})
  .field('body', (s) => select(s.kind & 1, { 0: u8, 1: u16be }))
  .field('extra', (s) => when((s.kind & 2) === 2, u32le))
  .field('shape', Shape)
  .field('tree', Tree)
  .field('scaled', transform(u8, { decode: (x) => x * 2, encode: (x: number) => x / 2 }))
  .field('ahead', peek(u8))
  .field('section', sized(u8, struct({ a: u8, more: optional(u8) })))
  .field('rest', array(u8, 'toEnd'));

const Framed = checksummed(sized(u16be, Arrays), { algorithm: 'crc32', checksum: u32le });

/** Decode-only: a pointer back into the record. */
const Pointed = struct({ at: u8, len: u8 }).field('name', (s) => pointer(bytes(s.len), s.at));

const samples: [string, AnyCodec, Uint8Array[]][] = [
  [
    'numbers',
    Numbers,
    [
      encode(Numbers, {
        ...{ a: 1, b: -2, c: -300, d: -70000, e: 4e9, f: 2n ** 63n, g: -5n, h: 2 ** 53 - 1, i: -(2 ** 40) },
        ...{
          j: 0.5,
          k: 1.25,
          l: Math.PI,
          m: 300,
          n: -300,
          o: -65,
          p: 2n ** 63n,
          q: -(2n ** 62n),
          r: true,
          s: true,
        },
      }),
    ],
  ],
  [
    'texts',
    Texts,
    [
      encode(Texts, {
        fixed: 'ab',
        prefixed: 'héllo',
        c: 'nul',
        latin: 'Ä',
        raw: Uint8Array.of(1, 2, 3),
        blob: Uint8Array.of(9),
        flags: { x: true, y: 5, z: 9 },
        lsb: { lo: 3, hi: 1000 },
        pair: [7, 300],
      }),
    ],
  ],
  ['framed', Framed, [encodeFramed(0), encodeFramed(3)]],
  ['tree', Tree, [Uint8Array.of(1, 2, 2, 0, 3, 1, 4, 0)]],
  ['pointer', Pointed, [Uint8Array.of(2, 3, 0x61, 0x62, 0x63)]],
];

function encodeFramed(kind: number): Uint8Array {
  return encode(Framed, {
    fixed: [1, 2],
    counted: [3],
    byBytes: [4, 5],
    untilZero: [6, 0],
    kind,
    body: kind & 1 ? 700 : 7,
    extra: kind & 2 ? 123456 : undefined,
    shape: { type: 2, w: 3, h: 4 },
    tree: { value: 1, kids: [{ value: 2, kids: [] }] },
    scaled: 10,
    ahead: 5,
    section: { a: 5, more: 6 },
    rest: [9, 9],
  });
}

const limits = { maxRecordBytes: 200, maxArrayLength: 16, maxDepth: 4 };

describe('codec invariants over every combinator', () => {
  for (const [name, codec, inputs] of samples) {
    it(`${name}: the samples decode`, () => {
      for (const b of inputs) expect(() => decode(codec, b, { limits, allowTrailing: true })).not.toThrow();
    });

    it(`${name}: chunk-split invariance and hostile input (invariants 1 and 3)`, () => {
      fc.assert(
        fc.property(hostileBytes(inputs, 96), (b) => {
          expectChunkInvariant(codec, b, 4, { limits });
        }),
        { numRuns: 150 },
      );
    });

    if (name === 'pointer') continue; // decode-only
    it(`${name}: whatever decodes round-trips (invariant 2)`, () => {
      fc.assert(
        fc.property(hostileBytes(inputs, 96), (b) => {
          let value: unknown;
          try {
            const d = new Decoder(codec, b, { limits });
            value = d.read();
          } catch {
            return; // not a record: invariant 3's business
          }
          expect(decode(codec, encode(codec, value), { limits })).toEqual(value);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('byte fields are views of the input (invariant 4)', () => {
    const input = samples[1]?.[2][0] as Uint8Array;
    const t = decode(Texts, input);
    expect(t.raw.buffer).toBe(input.buffer);
    expect(t.blob.buffer).toBe(input.buffer);
    // magic 2 + fixed 4 + prefixed 1 + 6 ('héllo') + cstring 4 + latin 2 + 1
    expect(t.raw.byteOffset).toBe(input.byteOffset + 20);
  });
});
