import {
  array,
  DecodeError,
  Decoder,
  decode,
  defineCodec,
  Encoder,
  encode,
  IncompleteError,
  LimitError,
  refine,
  sizeOf,
  struct,
  TrailingBytesError,
  u8,
  u16be,
  u32le,
  u64le,
} from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shape, thrown } from '../helpers.js';

const Rec = struct({ id: u32le, ts: u64le, pair: array(u8, 2) });
const recArb = fc.record({
  id: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  ts: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
  pair: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 2, maxLength: 2 }),
});

describe('decode / encode', () => {
  it('refuses trailing bytes unless asked, and starts at an offset', () => {
    const bytes = new Uint8Array([9, 1, 2, 3, 4]);
    const e = thrown(() => decode(u8, bytes));
    expect(e).toBeInstanceOf(TrailingBytesError);
    expect(e).toMatchObject({ code: 'TRAILING_BYTES', offset: 1, excerpt: '01 02 03 04' });
    expect(decode(u8, bytes, { allowTrailing: true })).toBe(9);
    expect(decode(u16be, bytes, { offset: 3 })).toBe(0x0304);
  });

  it('compiled and interpreted decoding agree on values and errors for any bytes', () => {
    const Msg = struct({ n: u8 }).field('items', (s) => array(Rec, s.n));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        const run = (compile: boolean) => {
          try {
            return { value: decode(Msg, bytes, { compile, allowTrailing: true }) };
          } catch (e) {
            return { error: shape(e) };
          }
        };
        expect(run(true)).toEqual(run(false));
      }),
    );
  });

  it('compiled and interpreted encoding give the same bytes', () => {
    fc.assert(
      fc.property(recArb, (v) => {
        expect(encode(Rec, v, { compile: true })).toEqual(encode(Rec, v, { compile: false }));
      }),
    );
  });

  it('errors carry code, offset, path, expected/actual and a hex excerpt', () => {
    const Magic = defineCodec<void>({
      size: 2,
      read: (st) => {
        const at = st.pos;
        const v = st.u16be();
        if (v !== 0xcafe) st.badConstant(at, 2, 'ca fe', v.toString(16));
      },
      write: (w) => w.u16be(0xcafe),
    });
    const S = struct({ id: u32le, body: struct({ magic: Magic }) });
    const e = thrown(() => decode(S, new Uint8Array([1, 2, 3, 4, 0xbe, 0xef])));
    expect(e).toBeInstanceOf(DecodeError);
    expect(e).toMatchObject({
      code: 'BAD_CONSTANT',
      offset: 4,
      path: 'body.magic',
      expected: 'ca fe',
      actual: 'beef',
      excerpt: '01 02 03 04 be ef',
      excerptStart: 0,
    });
    expect((e as Error).message).toBe(
      'body.magic: expected ca fe, got beef at byte 4 (bytes from 0: 01 02 03 04 be ef)',
    );
  });

  it('maxRecordBytes bounds what a record may span', () => {
    const Blob = struct({ n: u32le }).field('data', (s) => array(u8, s.n));
    const e = thrown(() =>
      decode(Blob, new Uint8Array([0, 0, 0, 1, 0]), {
        limits: { maxRecordBytes: 1024, maxArrayLength: 2 ** 30 },
      }),
    );
    expect(e).toBeInstanceOf(LimitError);
    expect(e).toMatchObject({ limit: 'maxRecordBytes', offset: 4 });
  });

  it('Decoder reads consecutive records and reports where the last one was cut', () => {
    const enc = new Encoder(Rec);
    const values = [
      { id: 1, ts: 2n, pair: [3, 4] },
      { id: 5, ts: 6n, pair: [7, 8] },
    ];
    for (const v of values) enc.write(v);
    expect(enc.length).toBe(2 * 14);
    const bytes = enc.finish();
    expect([...new Decoder(Rec, bytes)]).toEqual(values);
    const d = new Decoder(Rec, bytes.subarray(0, 20));
    expect(d.read()).toEqual(values[0]);
    expect(thrown(() => d.read())).toBeInstanceOf(IncompleteError);
  });

  it('Encoder grows its buffer and can be reset', () => {
    const enc = new Encoder(u32le, { initialSize: 4 });
    for (let i = 0; i < 100; i++) enc.write(i);
    const bytes = enc.peek();
    expect(bytes.length).toBe(400);
    expect(new DataView(bytes.buffer, bytes.byteOffset).getUint32(396, true)).toBe(99);
    enc.reset();
    enc.write(7);
    expect(enc.finish()).toEqual(new Uint8Array([7, 0, 0, 0]));
  });

  it('sizeOf gives the fixed size, or measures a value', () => {
    expect(sizeOf(Rec)).toBe(14);
    const V = array(u8, { count: u8 });
    expect(sizeOf(V, [1, 2, 3])).toBe(4);
    expect(() => sizeOf(V)).toThrow(TypeError);
  });
});

describe('Decoder.readEach', () => {
  const Pair = struct({ a: u8, b: u16be });

  it('emits every record, then throws at the first bad one, after those before it', () => {
    const bytes = new Uint8Array([1, 0, 2, 3, 0, 4, 5, 0]);
    const seen: number[] = [];
    const d = new Decoder(Pair, bytes);
    expect(() => d.readEach((r) => seen.push(r.a))).toThrow(IncompleteError);
    expect(seen).toEqual([1, 3]);
    expect(d.offset).toBe(6);
    expect(new Decoder(Pair, bytes.subarray(0, 6)).readEach(() => {})).toBe(2);
  });

  it('an error thrown by the callback propagates, with the offset past that record', () => {
    const d = new Decoder(Pair, new Uint8Array([1, 0, 2, 3, 0, 4, 5, 0, 6]));
    let calls = 0;
    expect(() =>
      d.readEach(() => {
        if (++calls === 2) throw new Error('stop');
      }),
    ).toThrow('stop');
    expect(d.offset).toBe(6);
    expect(d.read()).toEqual({ a: 5, b: 6 });
  });

  it('records that need the interpreter mid-run (a dependent field) come out the same', () => {
    const Msg = struct({ n: u8 }).field('items', (s) => array(u8, s.n));
    const bytes = new Uint8Array([2, 1, 2, 0, 1, 9]);
    const seen: unknown[] = [];
    new Decoder(Msg, bytes).readEach((r) => seen.push(r));
    expect(seen).toEqual([
      { n: 2, items: [1, 2] },
      { n: 0, items: [] },
      { n: 1, items: [9] },
    ]);
  });
});

describe('Decoder.readEach and maxRecordBytes', () => {
  it('the compiled loop does not accept a record past the limit', () => {
    const Msg = struct({ n: u8 }).field('items', (s) => array(u8, s.n));
    const d = new Decoder(Msg, new Uint8Array([1, 7, 5, 1, 2, 3, 4, 5]), { limits: { maxRecordBytes: 4 } });
    const seen: unknown[] = [];
    expect(() => d.readEach((r) => seen.push(r))).toThrow(LimitError);
    expect(seen).toEqual([{ n: 1, items: [7] }]);
    expect(d.offset).toBe(2);
  });
});

describe('decode and Decoder with a base offset', () => {
  const Pair = struct({ a: u16be, b: refine(u8, (v) => v < 10, 'below 10') });

  it('names absolute offsets in errors and in Decoder.offset', () => {
    const bytes = Uint8Array.of(0, 1, 5, 0, 2, 99);
    expect(decode(Pair, bytes.subarray(0, 3), { base: 1000 })).toEqual({ a: 1, b: 5 });
    const e = thrown(() => decode(Pair, bytes, { base: 1000, offset: 3 }));
    expect(e).toMatchObject({ code: 'VALIDATION_FAILED', offset: 1005, path: 'b', excerptStart: 1003 });
    const trailing = thrown(() => decode(Pair, bytes, { base: 1000 }));
    expect(trailing).toMatchObject({ code: 'TRAILING_BYTES', offset: 1003, excerpt: '00 02 63' });
    const d = new Decoder(Pair, bytes, { base: 1000 });
    expect(d.read()).toEqual({ a: 1, b: 5 });
    expect(d.offset).toBe(1003);
    expect(thrown(() => d.read())).toMatchObject({ offset: 1005 });
  });
});
