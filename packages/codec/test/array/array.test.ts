import {
  array,
  decode,
  defineCodec,
  EncodeError,
  encode,
  IncompleteError,
  LimitError,
  struct,
  u8,
  u16be,
  u32be,
  ValidationError,
} from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cut, streamOutcome, thrown } from '../helpers.js';

describe('array', () => {
  it('by fixed count', () => {
    const A = array(u16be, 3);
    expect(A.size).toBe(6);
    expect(decode(A, new Uint8Array([0, 1, 0, 2, 0, 3]))).toEqual([1, 2, 3]);
    expect(() => encode(A, [1, 2])).toThrow(/exactly 3 items/);
    // more than the unrolled limit compiles to a loop
    const Big = array(u8, 40);
    const bytes = Uint8Array.from({ length: 40 }, (_, i) => i);
    expect(decode(Big, bytes)).toEqual([...bytes]);
    expect(encode(Big, [...bytes])).toEqual(bytes);
  });

  it('by count prefix', () => {
    const A = array(u8, { count: u16be });
    expect(decode(A, new Uint8Array([0, 2, 9, 8]))).toEqual([9, 8]);
    expect(encode(A, [1, 2, 3])).toEqual(new Uint8Array([0, 3, 1, 2, 3]));
  });

  it('by byte length, as a number or a prefix', () => {
    const Fixed = array(u16be, { byteLength: 4 });
    expect(decode(Fixed, new Uint8Array([0, 1, 0, 2]))).toEqual([1, 2]);
    expect(() => encode(Fixed, [1])).toThrow(/take 2 bytes, the format requires 4/);
    const Prefixed = array(u16be, { byteLength: u8 });
    expect(encode(Prefixed, [5, 6])).toEqual(new Uint8Array([4, 0, 5, 0, 6]));
    expect(decode(Prefixed, new Uint8Array([4, 0, 5, 0, 6]))).toEqual([5, 6]);
    // an item may not run past the byte length
    const e = thrown(() => decode(Prefixed, new Uint8Array([3, 0, 5, 0, 6])));
    expect(e).toBeInstanceOf(LimitError);
    expect(e).toMatchObject({ limit: 'section', offset: 3, path: '[1]' });
  });

  it('until a predicate holds (the matching item included)', () => {
    const A = array(u8, { until: (b) => b === 0 });
    expect(decode(A, new Uint8Array([3, 2, 0]))).toEqual([3, 2, 0]);
    expect(encode(A, [4, 0])).toEqual(new Uint8Array([4, 0]));
    expect(() => encode(A, [0, 4])).toThrow(EncodeError);
    expect(() => encode(A, [])).toThrow(EncodeError);
    expect(thrown(() => decode(A, new Uint8Array([3, 2])))).toBeInstanceOf(IncompleteError);
  });

  it('to the end of the input', () => {
    const A = array(u16be, 'toEnd');
    expect(decode(A, new Uint8Array([0, 1, 0, 2]))).toEqual([1, 2]);
    expect(decode(A, new Uint8Array([]))).toEqual([]);
    expect(thrown(() => decode(A, new Uint8Array([0, 1, 0])))).toMatchObject({
      code: 'INCOMPLETE',
      path: '[1]',
      offset: 2,
    });
    // an item that consumes nothing would loop forever: refused
    const Empty = array(struct({}), 'toEnd');
    expect(thrown(() => decode(Empty, new Uint8Array([1])))).toBeInstanceOf(ValidationError);
  });

  it('refuses a hostile count before allocating anything', () => {
    const A = array(u32be, { count: u32be });
    const e = thrown(() => decode(A, new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 1])));
    expect(e).toBeInstanceOf(LimitError);
    expect(e).toMatchObject({ limit: 'maxArrayLength', offset: 4 });
    // under the limit, fixed-size items: all their bytes must be there first
    const f = thrown(() => decode(A, new Uint8Array([0, 1, 0, 0, 0, 0, 0, 1])));
    expect(f).toMatchObject({ code: 'INCOMPLETE', offset: 4, needed: 65536 * 4 - 4 });
    // the limit is an option
    expect(
      thrown(() =>
        decode(array(u8, { count: u8 }), new Uint8Array([3, 1, 2, 3]), { limits: { maxArrayLength: 2 } }),
      ),
    ).toBeInstanceOf(LimitError);
  });

  it('reads variable-size items one by one, counting each against the limit', () => {
    let reads = 0;
    const Counted = defineCodec<number>({
      read: (st) => {
        reads++;
        return st.u8();
      },
      write: (w, v) => w.u8(v),
    });
    const A = array(Counted, { count: u8 });
    expect(decode(A, new Uint8Array([2, 5, 6]))).toEqual([5, 6]);
    expect(reads).toBe(2);
    expect(
      thrown(() => decode(A, new Uint8Array([200]), { limits: { maxArrayLength: 100 } })),
    ).toBeInstanceOf(LimitError);
  });

  it('decodes the same from any chunking, with the same errors', () => {
    const Rec = struct({ n: u8 }).field('items', (s) => array(u16be, { byteLength: s.n }));
    const good = encode(Rec, { n: 4, items: [1, 2] });
    const stream = new Uint8Array([...good, ...good, 3, 0, 1, 0]);
    const whole = streamOutcome(Rec, [stream]);
    expect(whole.records).toHaveLength(2);
    expect(whole.error).toMatchObject({ code: 'LIMIT_EXCEEDED', path: 'items[1]', offset: 13 });
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: stream.length - 1 })), (cuts) => {
        expect(
          streamOutcome(
            Rec,
            cut(
              stream,
              cuts.sort((a, b) => a - b),
            ),
          ),
        ).toEqual(whole);
      }),
    );
  });
});
