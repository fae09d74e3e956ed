import {
  array,
  bytes,
  Decoder,
  decode,
  encode,
  LimitError,
  pointer,
  StreamDecoder,
  sized,
  struct,
  u8,
  u16be,
  ValidationError,
} from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bin, expectChunkInvariant, thrown, written } from '../helpers.js';
import { hostileBytes } from '../mutations.js';

// A record with a small string table: the name is `len` bytes at `at` from the record's start.
const Entry = struct({ at: u8, len: u8, id: u16be })
  .field('name', (s) => pointer(bytes(s.len), s.at))
  .field('table', bytes(3));

describe('pointer', () => {
  it('reads at an offset from the record start and comes back', () => {
    const v = decode(Entry, bin(5, 2, 0, 7, 0x61, 0x62, 0x63));
    expect(v).toEqual({ at: 5, len: 2, id: 7, name: bin(0x62, 0x63), table: bin(0x61, 0x62, 0x63) });
  });

  it('counts from the record, the current position or the input start', () => {
    const At = (relativeTo: 'record' | 'current' | 'absolute') =>
      struct({ skip: u8, off: u8 }).field('v', (s) => pointer(u8, s.off, { relativeTo }));
    // the record starts at 2 (skip 0, off 3); bytes 0 and 1 come before it
    const b = bin(0xee, 0xee, 0, 3, 20, 21, 22, 23);
    const at2 = { offset: 2, allowTrailing: true };
    expect(decode(At('record'), b, at2).v).toBe(21);
    expect(decode(At('current'), b, at2).v).toBe(23);
    expect(decode(At('absolute'), b, at2).v).toBe(3);
    expect(decode(At('absolute'), bin(0, 3, 0, 42), { allowTrailing: true }).v).toBe(42);
    const Back = struct({ off: u8 }).field('v', pointer(u8, -1, { relativeTo: 'current' }));
    expect(decode(Back, bin(7))).toEqual({ off: 7, v: 7 });
  });

  it('addresses the current record only: a target before it is a ValidationError in every mode', () => {
    const Abs = struct({ off: u8 }).field('v', (s) => pointer(u8, s.off, { relativeTo: 'absolute' }));
    // the second record (at 1) points at byte 0, in the first record
    const input = bin(1, 0);
    const d = new Decoder(Abs, input);
    expect(d.read()).toEqual({ off: 1, v: 0 });
    const e = thrown(() => d.read());
    expect(e).toBeInstanceOf(ValidationError);
    expect(e).toMatchObject({ offset: 2, path: 'v', actual: '0', expected: 'a target at or after byte 1' });
    expect(expectChunkInvariant(Abs, input).error).toMatchObject({ code: 'VALIDATION_FAILED', offset: 2 });
    const Neg = struct({ off: u8 }).field('v', pointer(u8, -2, { relativeTo: 'current' }));
    expect(thrown(() => decode(Neg, bin(1)))).toMatchObject({ code: 'VALIDATION_FAILED', offset: 1 });
    const Frac = struct({ off: u8 }).field('v', (s) => pointer(u8, s.off / 2));
    expect(thrown(() => decode(Frac, bin(1)))).toMatchObject({ code: 'VALIDATION_FAILED', path: 'v' });
  });

  it('may leave its enclosing section, but not the record limit', () => {
    const Inner = struct({ off: u8 }).field('v', (s) => pointer(u8, s.off));
    const Outer = struct({ body: sized(1, Inner), tail: u8 });
    expect(decode(Outer, bin(1, 9))).toEqual({ body: { off: 1, v: 9 }, tail: 9 });
    const Far = struct({ off: u16be }).field('v', (s) => pointer(u8, s.off));
    const e = thrown(() => decode(Far, bin(0x10, 0), { limits: { maxRecordBytes: 100 } }));
    expect(e).toBeInstanceOf(LimitError);
    expect(e).toMatchObject({ limit: 'maxRecordBytes', offset: 0x1000, path: 'v' });
  });

  it('reports faults at the target with their offset and path', () => {
    const List = array(Entry, { count: u8 });
    // the record is the list: the second entry's name, 20 bytes at 6, runs past the input
    const input = bin(2, 5, 2, 0, 1, 0x61, 0x62, 0x63, 6, 20, 0, 2, 1, 2, 3);
    const e = thrown(() => decode(List, input));
    expect(e).toMatchObject({ code: 'INCOMPLETE', offset: 6, path: '[1].name' });
    expect(expectChunkInvariant(List, input).error).toMatchObject({ offset: 6, path: '[1].name' });
  });

  it('is decode-only: encoding raises NOT_ENCODABLE', () => {
    expect(thrown(() => encode(pointer(u8, 0), 1))).toMatchObject({ code: 'NOT_ENCODABLE' });
    const v = decode(Entry, bin(5, 2, 0, 7, 0x61, 0x62, 0x63));
    expect(thrown(() => encode(Entry, v))).toMatchObject({ code: 'NOT_ENCODABLE', path: 'name' });
  });

  it('gives the same records and errors in any chunking, and only DecodeErrors', () => {
    const input = bin(5, 2, 0, 7, 0x61, 0x62, 0x63, 4, 3, 0, 8, 1, 2, 3);
    expect(expectChunkInvariant(Entry, input).records).toHaveLength(2);
    const d = new StreamDecoder(Entry);
    expect(written(d, input.subarray(0, 5))).toEqual([]);
    expect(written(d, input.subarray(5))).toHaveLength(2);
    fc.assert(
      fc.property(hostileBytes([input]), (b) => {
        expectChunkInvariant(Entry, b, 3);
      }),
      { numRuns: 150 },
    );
  });
});
