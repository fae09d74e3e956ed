import {
  array,
  decode,
  encode,
  IncompleteError,
  peek,
  StreamDecoder,
  select,
  struct,
  u8,
  u16be,
  u32be,
} from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bin, expectChunkInvariant, thrown, written } from '../helpers.js';
import { hostileBytes } from '../mutations.js';

// The version byte is the first field of each body: peek looks at it, the body reads it.
const V1 = struct({ version: u8, a: u8 });
const V2 = struct({ version: u8, b: u16be });
const Msg = struct({ version: peek(u8) }).field('body', (s) => select(s.version, { 1: V1 }, V2));

describe('peek', () => {
  it('reads ahead without consuming', () => {
    expect(decode(Msg, bin(1, 7))).toEqual({ version: 1, body: { version: 1, a: 7 } });
    expect(decode(Msg, bin(2, 0, 9))).toEqual({ version: 2, body: { version: 2, b: 9 } });
    expect(peek(u32be).size).toBe(0);
    expect(Msg.size).toBeUndefined();
    expect(struct({ first: peek(u16be), whole: u16be }).size).toBe(2);
  });

  it('writes nothing: the fields after it write the peeked bytes', () => {
    const v = { version: 2, body: { version: 2, b: 513 } };
    expect(encode(Msg, v)).toEqual(bin(2, 2, 1));
    expect(decode(Msg, encode(Msg, v))).toEqual(v);
  });

  it('needs the peeked bytes: running out is IncompleteError with its offset and path', () => {
    const Rec = struct({ tag: u8, next: peek(u32be), rest: u16be });
    const e = thrown(() => decode(Rec, bin(1, 0, 2)));
    expect(e).toBeInstanceOf(IncompleteError);
    expect(e).toMatchObject({ offset: 1, path: 'next', needed: 2 });
    const d = new StreamDecoder(Rec);
    expect(written(d, bin(1, 0, 2))).toEqual([]);
    expect(written(d, bin(0, 0))).toEqual([{ tag: 1, next: 0x00020000, rest: 2 }]);
  });

  it('gives the same records and errors in any chunking, and only DecodeErrors', () => {
    const List = array(Msg, { count: u8 });
    expect(expectChunkInvariant(Msg, bin(1, 7, 2, 0, 9, 1, 1)).records).toHaveLength(3);
    expect(expectChunkInvariant(List, bin(3, 1, 7, 2, 0, 9, 2, 1)).error).toMatchObject({
      code: 'INCOMPLETE',
      offset: 7,
      path: '[2].body.b',
    });
    fc.assert(
      fc.property(hostileBytes([bin(3, 1, 7, 2, 0, 9, 2, 1, 1)]), (b) => {
        expectChunkInvariant(List, b, 3);
      }),
      { numRuns: 100 },
    );
  });
});
