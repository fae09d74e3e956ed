import {
  type BitWidths,
  bits,
  bool,
  DecodeError,
  decode,
  EncodeError,
  encode,
  IncompleteError,
  struct,
  u8,
} from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectChunkInvariant, shape } from '../helpers.js';

/** A reference: the bytes as one bigint, fields cut out of it in order (separate from the codec's halves). */
function reference(widths: number[], bytes: Uint8Array, msb: boolean): number[] {
  let n = 0n;
  for (let i = 0; i < bytes.length; i++) {
    const b = BigInt(bytes[msb ? i : bytes.length - 1 - i] as number);
    n = (n << 8n) | b;
  }
  const total = bytes.length * 8;
  let at = msb ? total : 0;
  return widths.map((w) => {
    const shift = msb ? at - w : at;
    at = msb ? shift : shift + w;
    return Number((n >> BigInt(shift)) & ((1n << BigInt(w)) - 1n));
  });
}

describe('bits', () => {
  it('msb: the first field in the high bits of the first byte (IPv4 version/IHL)', () => {
    const VersionIhl = bits({ version: 4, ihl: 4 });
    expect(VersionIhl.size).toBe(1);
    expect(decode(VersionIhl, new Uint8Array([0x45]))).toEqual({ version: 4, ihl: 5 });
    expect(encode(VersionIhl, { version: 4, ihl: 5 })).toEqual(new Uint8Array([0x45]));
    const Frag = bits({ reserved: bool, df: bool, mf: bool, offset: 13 });
    expect(decode(Frag, new Uint8Array([0x40, 0x00]))).toEqual({
      reserved: false,
      df: true,
      mf: false,
      offset: 0,
    });
    expect(decode(Frag, new Uint8Array([0x21, 0x02]))).toEqual({
      reserved: false,
      df: false,
      mf: true,
      offset: 0x102,
    });
  });

  it('lsb: the first field in the low bits of the first byte (a DEFLATE block header)', () => {
    const Block = bits({ final: bool, type: 2, rest: 5 }, { order: 'lsb' });
    expect(decode(Block, new Uint8Array([0b00000101]))).toEqual({ final: true, type: 2, rest: 0 });
    expect(encode(Block, { final: true, type: 2, rest: 3 })).toEqual(new Uint8Array([0b00011101]));
  });

  it('fields across the 32-bit halves and full 32-bit fields, both orders', () => {
    for (const order of ['msb', 'lsb'] as const) {
      const B = bits({ a: 20, b: 32, c: 12 }, { order });
      expect(B.size).toBe(8);
      const v = { a: 0xabcde, b: 0xfedcba98, c: 0x123 };
      expect(decode(B, encode(B, v))).toEqual(v);
    }
    expect(encode(bits({ a: 20, b: 32, c: 12 }), { a: 0xabcde, b: 0xfedcba98, c: 0x123 })).toEqual(
      new Uint8Array([0xab, 0xcd, 0xef, 0xed, 0xcb, 0xa9, 0x81, 0x23]),
    );
  });

  it('size leaves unused bits after the fields: ignored on decode, written as 0', () => {
    const B = bits({ a: 3, b: 2 }, { size: 2 });
    expect(B.size).toBe(2);
    expect(decode(B, new Uint8Array([0b10110111, 0xff]))).toEqual({ a: 0b101, b: 0b10 });
    expect(encode(B, { a: 0b101, b: 0b10 })).toEqual(new Uint8Array([0b10110000, 0]));
    const L = bits({ a: 3 }, { order: 'lsb', size: 1 });
    expect(decode(L, new Uint8Array([0xff]))).toEqual({ a: 7 });
    expect(encode(L, { a: 5 })).toEqual(new Uint8Array([5]));
  });

  it('agrees with a BigInt reference on random layouts and bytes, both orders', () => {
    const layout = fc
      .array(fc.integer({ min: 1, max: 32 }), { minLength: 1, maxLength: 8 })
      .filter((ws) => ws.reduce((a, b) => a + b, 0) <= 64);
    fc.assert(
      fc.property(layout, fc.boolean(), fc.uint8Array({ minLength: 8, maxLength: 8 }), (ws, msb, raw) => {
        const total = ws.reduce((a, b) => a + b, 0);
        const size = Math.ceil(total / 8);
        const widths: BitWidths = Object.fromEntries(ws.map((w, i) => [`f${i}`, w]));
        const B = bits(widths, { order: msb ? 'msb' : 'lsb', size });
        const input = raw.subarray(0, size);
        const got = decode(B, input);
        expect(Object.values(got)).toEqual(reference(ws, input, msb));
        const back = encode(B, got);
        expect(decode(B, back)).toEqual(got);
        // Only the unused bits may differ, and they are written as 0.
        if (total === size * 8) expect(back).toEqual(input);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses values that do not fit their width, naming the field', () => {
    const B = bits({ a: 3, flag: bool, b: 4 });
    expect(() => encode(B, { a: 8, flag: true, b: 0 })).toThrow(EncodeError);
    expect(() => encode(B, { a: 1, flag: 1 as never, b: 0 })).toThrow(/flag: /);
    expect(() => encode(struct({ h: B }), { h: { a: 1, flag: true, b: -1 } })).toThrow(/h\.b: /);
    expect(() => encode(B, null as never)).toThrow(EncodeError);
  });

  it('refuses layouts it cannot hold', () => {
    expect(() => bits({ a: 3 })).toThrow(TypeError);
    expect(() => bits({ a: 33, b: 7 })).toThrow(TypeError);
    expect(() => bits({ a: 32, b: 32, c: 8 })).toThrow(TypeError);
    expect(() => bits({ a: 9 }, { size: 1 })).toThrow(TypeError);
    expect(() => bits({ a: 0, b: 8 })).toThrow(TypeError);
  });

  it('cut short, in a struct: IncompleteError with the path', () => {
    try {
      decode(struct({ t: u8, h: bits({ a: 12, b: 4 }) }), new Uint8Array([1, 2]));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(IncompleteError);
      expect(e).toMatchObject({ offset: 1, path: 'h', needed: 1 });
    }
  });

  it('any chunking gives the same records; compiled and interpreted agree', () => {
    const Rec = struct({
      h: bits({ a: 1, b: 3, c: 20, d: bool, e: 7 }),
      f: bits({ x: 4, y: 12 }, { order: 'lsb' }),
    });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 20 }), (b) => {
        expectChunkInvariant(Rec, b, 5);
        const run = (compile: boolean) => {
          try {
            return { v: decode(Rec, b, { compile, allowTrailing: true }) };
          } catch (e) {
            if (!(e instanceof DecodeError)) throw e;
            return { e: shape(e) };
          }
        };
        expect(run(true)).toEqual(run(false));
        const enc = (compile: boolean) => {
          const r = run(true);
          return 'v' in r ? encode(Rec, r.v as never, { compile }) : undefined;
        };
        expect(enc(true)).toEqual(enc(false));
      }),
      { numRuns: 100 },
    );
  });
});
