import {
  array,
  type DecodeError,
  decode,
  EncodeError,
  encode,
  IncompleteError,
  struct,
  tuple,
  u8,
  u16be,
  u16le,
  u32le,
} from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cut, streamOutcome } from '../helpers.js';

const Point = struct({ x: u16le, y: u16le });
const Shape = struct({ id: u8, points: array(Point, 2), tag: tuple([u8, u16be]) });

describe('struct', () => {
  it('decodes fields in order into one object, keys in schema order', () => {
    const v = decode(Shape, new Uint8Array([7, 1, 0, 2, 0, 3, 0, 4, 0, 9, 1, 2]));
    expect(v).toEqual({
      id: 7,
      points: [
        { x: 1, y: 2 },
        { x: 3, y: 4 },
      ],
      tag: [9, 258],
    });
    expect(Object.keys(v)).toEqual(['id', 'points', 'tag']);
    expect(Shape.size).toBe(12);
  });

  it('round-trips any value of its type', () => {
    const arb = fc.record({
      id: fc.integer({ min: 0, max: 255 }),
      points: fc.array(
        fc.record({ x: fc.integer({ min: 0, max: 65535 }), y: fc.integer({ min: 0, max: 65535 }) }),
        { minLength: 2, maxLength: 2 },
      ),
      tag: fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 65535 })),
    });
    fc.assert(
      fc.property(arb, (v) => {
        expect(decode(Shape, encode(Shape, v))).toEqual(v);
      }),
    );
  });

  it('names the failing field by path, with the absolute offset', () => {
    const bytes = new Uint8Array([7, 1, 0, 2, 0, 3, 0]);
    const e = (() => {
      try {
        decode(Shape, bytes);
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(IncompleteError);
    // A fixed-size array checks for all its bytes before reading any item.
    expect(e).toMatchObject({ path: 'points', offset: 1, needed: 2 });
    expect((e as DecodeError).message).toMatch(/^points: input ends 2 bytes short.* at byte 1/);
  });

  it('later fields depend on earlier ones with their decoded types', () => {
    const Msg = struct({ kind: u8, count: u8 })
      .field('items', (s) => array(u16be, s.count))
      .field('trailer', (s) => (s.kind === 1 ? u32le : u8));
    const a = { kind: 1, count: 2, items: [1, 2], trailer: 70000 };
    const b = { kind: 2, count: 0, items: [], trailer: 5 };
    expect(encode(Msg, a)).toEqual(new Uint8Array([1, 2, 0, 1, 0, 2, 0x70, 0x11, 0x01, 0]));
    expect(decode(Msg, encode(Msg, a))).toEqual(a);
    expect(decode(Msg, encode(Msg, b))).toEqual(b);
    expect(Msg.size).toBeUndefined();
  });

  it('refuses a dependent count that disagrees with the items on encode, naming the field', () => {
    const Msg = struct({ count: u8 }).field('items', (s) => array(u8, s.count));
    expect(() => encode(Msg, { count: 3, items: [1] })).toThrow(EncodeError);
    expect(() => encode(Msg, { count: 3, items: [1] })).toThrow(/^items: array needs exactly 3 items/);
  });

  it('refuses non-objects and wrong field values on encode with the field path', () => {
    expect(() => encode(Shape, null as never)).toThrow(EncodeError);
    const bad = {
      id: 1,
      points: [
        { x: 1, y: 2 },
        { x: 3, y: -4 },
      ],
      tag: [1, 2] as [number, number],
    };
    expect(() => encode(Shape, bad)).toThrow(/^points\[1\]\.y: cannot encode -4 as u16le/);
  });

  it('rejects a field defined twice', () => {
    expect(() => struct({ a: u8 }).field('a', u8)).toThrow(TypeError);
  });

  it('gives the same records and errors for every chunking of a stream', () => {
    const Msg = struct({ count: u8 }).field('items', (s) => array(Point, s.count));
    const rec = encode(Msg, {
      count: 3,
      items: [
        { x: 1, y: 2 },
        { x: 3, y: 4 },
        { x: 5, y: 6 },
      ],
    });
    const stream = new Uint8Array([...rec, ...rec, 2, 1, 0, 2]);
    const whole = streamOutcome(Msg, [stream]);
    expect(whole.records).toHaveLength(2);
    expect(whole.error).toMatchObject({ code: 'INCOMPLETE', offset: 27, path: 'items' });
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: stream.length - 1 })), (cuts) => {
        const got = streamOutcome(
          Msg,
          cut(
            stream,
            cuts.sort((a, b) => a - b),
          ),
        );
        expect(got.records).toEqual(whole.records);
        expect(got.error).toEqual(whole.error);
      }),
    );
  });
});
