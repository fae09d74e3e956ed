import {
  ConstantError,
  decode,
  encode,
  literal,
  refine,
  struct,
  transform,
  u8,
  u16be,
  u32be,
  ValidationError,
} from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bin, expectChunkInvariant, thrown } from '../helpers.js';
import { hostileBytes } from '../mutations.js';

describe('transform', () => {
  const Time = transform(u32be, { decode: (s) => new Date(s * 1000), encode: (d) => d.getTime() / 1000 });

  it('converts both ways', () => {
    expect(decode(Time, bin(0, 0, 0, 60))).toEqual(new Date(60_000));
    expect(encode(Time, new Date(120_000))).toEqual(bin(0, 0, 0, 120));
    expect(Time.size).toBe(4);
  });

  it('passes the inner codec errors through, with their path', () => {
    const Rec = struct({ at: Time });
    expect(thrown(() => encode(Rec, { at: new Date(-1000) }))).toMatchObject({
      code: 'OUT_OF_RANGE',
      path: 'at',
    });
    expect(thrown(() => decode(Rec, bin(0, 0)))).toMatchObject({ code: 'INCOMPLETE', path: 'at' });
  });
});

describe('refine', () => {
  const Percent = refine(u8, (v) => v <= 100, 'a percentage (0..100)');
  const Rec = struct({ id: u16be, load: Percent });

  it('passes values that hold and rejects others at the value start', () => {
    expect(decode(Rec, bin(0, 1, 100))).toEqual({ id: 1, load: 100 });
    const e = thrown(() => decode(Rec, bin(0, 1, 101)));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e).toMatchObject({
      code: 'VALIDATION_FAILED',
      offset: 2,
      path: 'load',
      expected: 'a percentage (0..100)',
      actual: '101',
    });
    expect(e.message).toBe(
      'load: expected a percentage (0..100), got 101 at byte 2 (bytes from 0: 00 01 65)',
    );
  });

  it('checks on encode too', () => {
    expect(decode(Rec, encode(Rec, { id: 2, load: 5 }))).toEqual({ id: 2, load: 5 });
    expect(thrown(() => encode(Rec, { id: 2, load: 101 }))).toMatchObject({
      code: 'VALIDATION_FAILED',
      path: 'load',
      message: 'load: expected a percentage (0..100), got 101',
    });
  });

  it('narrows with a type guard', () => {
    const Version = refine(u8, (v): v is 1 | 2 => v === 1 || v === 2, 'version 1 or 2');
    const v: 1 | 2 = decode(Version, bin(2));
    expect(v).toBe(2);
  });

  it('gives the same records and errors in any chunking, and only DecodeErrors', () => {
    expect(expectChunkInvariant(Rec, bin(0, 1, 50, 0, 2, 60)).records).toHaveLength(2);
    expect(expectChunkInvariant(Rec, bin(0, 1, 50, 0, 2, 160)).error).toMatchObject({
      code: 'VALIDATION_FAILED',
      offset: 5,
    });
    fc.assert(
      fc.property(hostileBytes([bin(0, 1, 50, 0, 2, 60)]), (b) => {
        expectChunkInvariant(Rec, b, 3);
      }),
      { numRuns: 100 },
    );
  });
});

describe('literal', () => {
  const Header = struct({ version: literal(u8, 2), len: u16be });

  it('holds exactly its value, both ways', () => {
    expect(decode(Header, bin(2, 0, 5))).toEqual({ version: 2, len: 5 });
    expect(encode(Header, { version: 2, len: 5 })).toEqual(bin(2, 0, 5));
    const e = thrown(() => decode(Header, bin(3, 0, 5)));
    expect(e).toBeInstanceOf(ConstantError);
    expect(e).toMatchObject({ offset: 0, path: 'version', expected: '2', actual: '3' });
    expect(thrown(() => encode(Header, { version: 3 as 2, len: 5 }))).toMatchObject({
      code: 'BAD_CONSTANT',
      path: 'version',
    });
  });

  it('gives the same errors in any chunking, and only DecodeErrors', () => {
    expect(expectChunkInvariant(Header, bin(2, 0, 5, 4, 0, 5)).error).toMatchObject({
      code: 'BAD_CONSTANT',
      offset: 3,
    });
    fc.assert(
      fc.property(hostileBytes([bin(2, 0, 5, 2, 1, 1)]), (b) => {
        expectChunkInvariant(Header, b, 3);
      }),
      { numRuns: 100 },
    );
  });
});
