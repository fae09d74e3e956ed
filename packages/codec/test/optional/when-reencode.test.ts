import { decode, encode, magic, optional, struct, u8, u16be, when } from '@stride/codec';
import { describe, expect, it } from 'vitest';
import { bin, thrown } from '../helpers.js';

describe('when re-encodes what it decoded', () => {
  it('a present optional that found nothing (undefined) encodes to nothing', () => {
    const Rec = struct({ x: u8 }).field('r', () => when(true, optional(u8)));
    const v = decode(Rec, bin(1));
    expect(v).toEqual({ x: 1, r: undefined });
    expect(encode(Rec, v)).toEqual(bin(1));
    expect(encode(Rec, { x: 1, r: 2 })).toEqual(bin(1, 2));
  });

  it('a present magic (which decodes to undefined) writes its constant', () => {
    const Rec = struct({ x: u8 }).field('end', (s) => when(s.x > 0, magic('\r\n')));
    const v = decode(Rec, bin(1, 0x0d, 0x0a));
    expect(v).toEqual({ x: 1, end: undefined });
    expect(encode(Rec, v)).toEqual(bin(1, 0x0d, 0x0a));
    expect(encode(Rec, { x: 0 })).toEqual(bin(0));
  });

  it('a present field whose codec needs a value still refuses undefined, writing nothing', () => {
    const Rec = struct({ x: u8 }).field('ext', () => when(true, u16be));
    expect(thrown(() => encode(Rec, { x: 1, ext: undefined }))).toMatchObject({
      code: 'PRESENCE_MISMATCH',
      path: 'ext',
    });
    const Two = struct({ a: u8 }).field('b', () => when(true, struct({ c: u8, d: u16be })));
    expect(thrown(() => encode(Two, { a: 1, b: undefined }))).toMatchObject({ code: 'PRESENCE_MISMATCH' });
  });
});
