import { Buffer } from 'node:buffer';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { internalsOf } from '../../src/chain/buffer-chain.js';
import { BufferChain } from '../../src/chain/index.js';
import { DecodeError, IncompleteError, OffsetError, ValidationError } from '../../src/stream-errors.js';
import { chainOf } from './chains.js';

/**
 * The chain's private state through its module-private channel, for checks a user cannot make
 * (released slots, scratch reuse); `head` is the first live chunk's slot.
 */
const internals = (chain: BufferChain) => {
  const s = internalsOf(chain);
  return { chunks: s.chunks, views: s.views, scratch: s.scratch, head: s.views.length - chain.chunkCount };
};

describe('BufferChain basics', () => {
  it('an empty chain', () => {
    const chain = new BufferChain();
    expect([chain.length, chain.start, chain.end, chain.chunkCount]).toEqual([0, 0, 0, 0]);
    expect(chain.toBytes()).toEqual(new Uint8Array(0));
    expect(chain.subarray()).toEqual(new Uint8Array(0));
    expect(chain.segments()).toEqual([]);
    expect(chain.crc32()).toBe(0);
    expect(chain.indexOf(0)).toBe(-1);
    expect(chain.indexOf(new Uint8Array(0))).toBe(0);
    expect(chain.need(0, 4)).toBe(4);
    expect(() => chain.u8(0)).toThrow(IncompleteError);
    expect(() => chain.u8(0)).toThrow(
      'cannot take 1 byte, 1 past the end: available bytes are [0, 0) at byte 0',
    );
    expect(() => chain.cursor().u32le()).toThrow(IncompleteError);
    chain.consume(0);
    expect(chain.start).toBe(0);
  });

  it('append keeps the chunk, ignores empty ones and rejects non-Uint8Arrays', () => {
    const a = new Uint8Array([1, 2]);
    const chain = chainOf(a, [], Buffer.from([3]));
    expect([chain.length, chain.chunkCount, chain.end]).toEqual([3, 2, 3]);
    expect(internals(chain).chunks[0]).toBe(a);
    expect(() => chain.append([1, 2] as unknown as Uint8Array)).toThrow(TypeError);
  });

  it('honours byteOffset and byteLength of chunks that share a larger buffer', () => {
    const slab = new Uint8Array([0xee, 0xee, 1, 2, 3, 0xee, 4, 5, 0xee]);
    const chain = chainOf(slab.subarray(2, 5), slab.subarray(6, 8));
    const dv = internals(chain).views[0] as DataView;
    expect([dv.byteOffset, dv.byteLength]).toEqual([2, 3]);
    expect(chain.u32be(0)).toBe(0x01020304);
    expect(chain.u16le(3)).toBe(0x0504);
    expect(chain.toBytes()).toEqual(new Uint8Array([1, 2, 3, 4, 5]));
  });

  it('toBytes is a fresh copy', () => {
    const chunk = new Uint8Array([1, 2, 3]);
    const chain = chainOf(chunk);
    const out = chain.toBytes();
    out[0] = 9;
    expect(chunk[0]).toBe(1);
    expect(out.buffer).not.toBe(chunk.buffer);
  });
});

describe('reads at absolute offsets', () => {
  const chain = chainOf([0x01, 0x02, 0x03], [0x04], [0x05, 0x06, 0x07, 0x08, 0x09]);

  it('inside a chunk and across chunks, both byte orders', () => {
    expect(chain.u8(3)).toBe(4);
    expect(chain.u16be(0)).toBe(0x0102);
    expect(chain.u16le(2)).toBe(0x0403);
    expect(chain.u32be(1)).toBe(0x02030405);
    expect(chain.u32le(1)).toBe(0x05040302);
    expect(chain.u64be(0)).toBe(0x0102030405060708n);
    expect(chain.u64le(1)).toBe(0x0908070605040302n);
  });

  it('signed and float reads', () => {
    const c = chainOf([0xff, 0xfe], [0x80, 0x00, 0x00, 0x00], [0x3c, 0x00]);
    expect(c.i8(0)).toBe(-1);
    expect(c.i16be(0)).toBe(-2);
    expect(c.i16le(1)).toBe(-32514); // fe 80 is 0x80fe
    expect(c.i32be(2)).toBe(-0x80000000);
    expect(c.f16be(6)).toBe(1);
    expect(c.f16le(5)).toBe(1); // 00 3c is 0x3c00
    expect(c.f32be(2)).toBe(-0);
    expect(Object.is(c.f32be(2), -0)).toBe(true);
  });

  it('reads up to the last byte and not one past it, with a helpful error', () => {
    expect(chain.u8(8)).toBe(9);
    expect(chain.u64le(1)).toBe(0x0908070605040302n);
    expect(() => chain.u64le(2)).toThrow(IncompleteError);
    expect(() => chain.u64le(2)).toThrow(
      'cannot take 8 bytes, 1 past the end: available bytes are [0, 9) at byte 2',
    );
    expect(() => chain.u8(9)).toThrow(IncompleteError);
    expect(() => chain.u8(-1)).toThrow(OffsetError);
    expect(() => chain.u8(1.5)).toThrow('offsets must be integers');
    expect(() => chain.u8(Number.NaN)).toThrow(RangeError);
  });

  it('a read outside the bytes is a DecodeError with a code, the absolute offset and what is needed', () => {
    const c = chainOf([1, 2, 3], [4, 5, 6]);
    c.consume(2);
    const caught = (f: () => unknown): unknown => {
      try {
        f();
      } catch (e) {
        return e;
      }
      throw new Error('did not throw');
    };
    const past = caught(() => c.u32be(4));
    expect(past).toBeInstanceOf(DecodeError);
    expect(past).toMatchObject({ name: 'IncompleteError', code: 'INCOMPLETE', offset: 4, needed: 2 });
    expect(caught(() => c.cursor(5).u16le())).toMatchObject({ code: 'INCOMPLETE', offset: 5, needed: 1 });
    expect(caught(() => c.subarray(3, 9))).toMatchObject({ code: 'INCOMPLETE', offset: 3, needed: 3 });
    expect(caught(() => c.consume(5))).toMatchObject({ code: 'INCOMPLETE', offset: 2, needed: 1 });
    const gone = caught(() => c.u8(1));
    expect(gone).toBeInstanceOf(DecodeError);
    expect(gone).toMatchObject({ name: 'OffsetError', code: 'BAD_OFFSET', offset: 1 });
    expect(caught(() => c.segments(0, 4))).toMatchObject({ code: 'BAD_OFFSET', offset: 0 });
    expect(caught(() => c.need(1, 1))).toMatchObject({ code: 'BAD_OFFSET', offset: 1 });
    expect(caught(() => c.cursor(1))).toMatchObject({ code: 'BAD_OFFSET', offset: 1 });
  });

  it('offsets stay absolute after consume', () => {
    const c = chainOf([1, 2, 3], [4, 5, 6]);
    c.consume(4);
    expect([c.start, c.end, c.length]).toEqual([4, 6, 2]);
    expect(c.u16be(4)).toBe(0x0506);
    expect(() => c.u8(3)).toThrow('cannot take 1 byte, consumed: available bytes are [4, 6) at byte 3');
  });

  it('the Number variants of 64-bit reads stop at ±(2^53 - 1)', () => {
    const le = (v: bigint) => {
      const b = new Uint8Array(8);
      new DataView(b.buffer).setBigInt64(0, v, true);
      return chainOf(b.subarray(0, 3), b.subarray(3));
    };
    const max = BigInt(Number.MAX_SAFE_INTEGER);
    expect(le(max).u64leNumber(0)).toBe(Number.MAX_SAFE_INTEGER);
    expect(le(max).i64leNumber(0)).toBe(Number.MAX_SAFE_INTEGER);
    expect(le(-max).i64leNumber(0)).toBe(-Number.MAX_SAFE_INTEGER);
    expect(le(-1n).i64leNumber(0)).toBe(-1);
    expect(() => le(max + 1n).u64leNumber(0)).toThrow(ValidationError);
    expect(() => le(max + 1n).i64leNumber(0)).toThrow(ValidationError);
    expect(() => le(-max - 1n).i64leNumber(0)).toThrow(ValidationError);
    expect(() => le(-1n).u64leNumber(0)).toThrow('64-bit integer 18446744073709551615 is outside');
    expect(() => le(-1n).u64leNumber(0)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', offset: 0, actual: '18446744073709551615' }),
    );
    expect(() => le(-1n).u64beNumber(0)).toThrow(ValidationError);
    const odd = le(-(2n ** 40n));
    expect(odd.i64beNumber(0)).toBe(Number(new DataView(odd.toBytes().buffer).getBigInt64(0, false)));
  });
});

describe('consume', () => {
  it('validates n', () => {
    const chain = chainOf([1, 2, 3]);
    expect(() => chain.consume(-1)).toThrow(RangeError);
    expect(() => chain.consume(1.5)).toThrow(RangeError);
    expect(() => chain.consume(4)).toThrow('BufferChain.consume: cannot take 4 bytes, 1 past the end');
    expect(chain.length).toBe(3);
  });

  it('drops and releases fully consumed chunks, keeps the partly consumed one', () => {
    const a = new Uint8Array([1, 2]);
    const b = new Uint8Array([3, 4, 5]);
    const c = new Uint8Array([6]);
    const chain = chainOf(a, b, c);
    chain.consume(3);
    const s = internals(chain);
    expect(s.chunks.slice(0, s.head)).toEqual([undefined]);
    expect(s.views.slice(0, s.head)).toEqual([undefined]);
    expect(s.chunks.slice(s.head)).toEqual([b, c]);
    expect(chain.chunkCount).toBe(2);
    expect(chain.toBytes()).toEqual(new Uint8Array([4, 5, 6]));
  });

  it('consuming everything empties the arrays; offsets continue with the next append', () => {
    const chain = chainOf([1, 2], [3]);
    chain.consume(3);
    expect(internals(chain).chunks).toEqual([]);
    expect([chain.start, chain.end, chain.chunkCount]).toEqual([3, 3, 0]);
    chain.append(new Uint8Array([7, 8]));
    expect(chain.u16be(3)).toBe(0x0708);
    expect(() => chain.u8(2)).toThrow('available bytes are [3, 5)');
  });

  it('compacts the array once the consumed part is large, and reads stay correct', () => {
    const chain = new BufferChain();
    for (let i = 0; i < 3000; i++) chain.append(new Uint8Array([i & 0xff, i >> 8]));
    const cur = chain.cursor(2490 * 2);
    for (let i = 2490; i < 2500; i++) expect(cur.u16le()).toBe(i);
    for (let i = 0; i < 2500; i++) chain.consume(2);
    // At 1500 consumed of 3000 the dead half was spliced away; 1000 more are below the threshold.
    const s = internals(chain);
    expect([s.chunks.length, s.head]).toEqual([1500, 1000]);
    expect(chain.chunkCount).toBe(500);
    expect(chain.u16le(2999 * 2)).toBe(2999);
    expect(chain.u16le(2600 * 2)).toBe(2600);
    // A cursor that read before the compaction still finds its way.
    for (let i = 2500; i < 3000; i++) expect(cur.u16le()).toBe(i);
  });

  it('consume across many chunks in one call', () => {
    const chain = new BufferChain();
    for (let i = 0; i < 100; i++) chain.append(new Uint8Array([i]));
    chain.consume(97);
    expect(chain.toBytes()).toEqual(new Uint8Array([97, 98, 99]));
    expect(internals(chain).chunks.filter((c) => c !== undefined)).toHaveLength(3);
  });
});

describe('subarray, isContiguous, segments', () => {
  const a = new Uint8Array([0, 1, 2, 3]);
  const b = new Uint8Array([4, 5]);
  const c = new Uint8Array([6, 7, 8]);
  const chain = chainOf(a, b, c);

  it('inside one chunk: a view of the chunk', () => {
    const sub = chain.subarray(1, 3);
    expect(sub).toEqual(new Uint8Array([1, 2]));
    expect(sub.buffer).toBe(a.buffer);
    expect(sub.byteOffset).toBe(a.byteOffset + 1);
    expect(chain.isContiguous(1, 3)).toBe(true);
    // A range that is exactly a later chunk, after a read in an earlier one.
    chain.u8(0);
    const whole = chain.subarray(4, 6);
    expect(whole.buffer).toBe(b.buffer);
    expect(chain.isContiguous(4, 6)).toBe(true);
  });

  it('across chunks: a copy', () => {
    const sub = chain.subarray(3, 7);
    expect(sub).toEqual(new Uint8Array([3, 4, 5, 6]));
    expect([a.buffer, b.buffer, c.buffer]).not.toContain(sub.buffer);
    expect(chain.isContiguous(3, 7)).toBe(false);
    expect(chain.subarray()).toEqual(new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8]));
  });

  it('keeps the Buffer type of Buffer chunks', () => {
    const buf = Buffer.from([1, 2, 3]);
    expect(Buffer.isBuffer(chainOf(buf).subarray(0, 2))).toBe(true);
  });

  it('segments are views of the chunks, in order', () => {
    const segs = chain.segments(2, 8);
    expect(segs.map((s) => [...s])).toEqual([
      [2, 3],
      [4, 5],
      [6, 7],
    ]);
    expect(segs.map((s) => s.buffer)).toEqual([a.buffer, b.buffer, c.buffer]);
    expect(segs[0]?.byteOffset).toBe(a.byteOffset + 2);
    expect(chain.segments(5, 5)).toEqual([]);
  });

  it('checks ranges', () => {
    expect(() => chain.subarray(3, 2)).toThrow('BufferChain.subarray: [3, 2) is not a range');
    expect(() => chain.subarray(0, 10)).toThrow(IncompleteError);
    expect(() => chain.segments(-1, 2)).toThrow(OffsetError);
    expect(() => chain.isContiguous(0.5, 2)).toThrow(RangeError);
  });
});

describe('indexOf', () => {
  const chain = chainOf([1, 2, 3], [4], [5, 6, 1, 2], [3, 4]);

  it('finds needles inside chunks and across boundaries', () => {
    expect(chain.indexOf(new Uint8Array([1, 2, 3, 4, 5]))).toBe(0);
    expect(chain.indexOf(new Uint8Array([3, 4, 5, 6]))).toBe(2);
    expect(chain.indexOf(new Uint8Array([1, 2, 3]), 1)).toBe(6);
    expect(chain.indexOf(new Uint8Array([2, 3, 4]), 2)).toBe(7);
    expect(chain.indexOf(new Uint8Array([4, 4]))).toBe(-1);
    expect(chain.indexOf(Buffer.from([6, 1]))).toBe(5);
    expect(chain.indexOf(new Uint8Array([1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 0]))).toBe(-1);
  });

  it('a needle straddling at every split point', () => {
    const bytes = [9, 8, 7, 6, 5, 4, 3];
    const needle = new Uint8Array([7, 6, 5, 4]);
    for (let cut = 1; cut < bytes.length; cut++) {
      for (let cut2 = cut; cut2 < bytes.length; cut2++) {
        const c = chainOf(bytes.slice(0, cut), bytes.slice(cut, cut2), bytes.slice(cut2));
        expect(c.indexOf(needle)).toBe(2);
        expect(c.indexOf(needle, 3)).toBe(-1);
      }
    }
  });

  it('byte needles, from, empty needles, and errors', () => {
    expect(chain.indexOf(4)).toBe(3);
    expect(chain.indexOf(4, 4)).toBe(9);
    expect(chain.indexOf(7)).toBe(-1);
    expect(chain.indexOf(new Uint8Array(0), 5)).toBe(5);
    expect(chain.indexOf(new Uint8Array([3, 4]), 10)).toBe(-1);
    expect(() => chain.indexOf(256)).toThrow(RangeError);
    expect(() => chain.indexOf(1.5)).toThrow(RangeError);
    expect(() => chain.indexOf(1, 11)).toThrow(IncompleteError);
    const consumed = chainOf([1, 2, 3], [1, 2]);
    consumed.consume(2);
    expect(consumed.indexOf(new Uint8Array([1, 2]))).toBe(3);
    expect(() => consumed.indexOf(1, 1)).toThrow(OffsetError);
  });
});

describe('need, crc32', () => {
  it('need counts the bytes still missing', () => {
    const chain = chainOf([1, 2, 3]);
    expect(chain.need(0, 3)).toBe(0);
    expect(chain.need(1, 4)).toBe(2);
    expect(chain.need(5, 1)).toBe(3);
    expect(chain.need(3, 0)).toBe(0);
    chain.consume(2);
    expect(chain.need(2, 1)).toBe(0);
    expect(() => chain.need(1, 1)).toThrow(OffsetError);
    expect(() => chain.need(2, -1)).toThrow(RangeError);
  });

  it('crc32 over segments equals the standard check value, and chains with a seed', () => {
    const text = Buffer.from('123456789');
    const chain = chainOf(text.subarray(0, 2), text.subarray(2, 3), text.subarray(3));
    expect(chain.crc32()).toBe(0xcbf43926);
    expect(chain.crc32(4, 9, chain.crc32(0, 4))).toBe(0xcbf43926);
    expect(chain.crc32(3, 3, 1234)).toBe(1234);
    expect(() => chain.crc32(0, 10)).toThrow(IncompleteError);
  });
});

describe('costs', () => {
  const OriginalDataView = globalThis.DataView;
  const OriginalUint8Array = globalThis.Uint8Array;
  afterEach(() => {
    globalThis.DataView = OriginalDataView;
    globalThis.Uint8Array = OriginalUint8Array;
    vi.restoreAllMocks();
  });

  it('straddling reads allocate nothing: no DataView, no Uint8Array, no subarray', () => {
    const chain = new BufferChain();
    for (let i = 0; i < 64; i++) chain.append(new Uint8Array([i, i, i]));
    const cur = chain.cursor(1);
    cur.u8();
    const cur2 = chain.cursor();
    const scratch = internals(chain).scratch;
    let made = 0;
    const counting = <T extends object>(C: T): T =>
      new Proxy(C, {
        construct(target, args, newTarget) {
          made++;
          return Reflect.construct(target as new (...a: unknown[]) => object, args, newTarget);
        },
      });
    globalThis.DataView = counting(OriginalDataView);
    globalThis.Uint8Array = counting(OriginalUint8Array);
    const subarray = vi.spyOn(Object.getPrototypeOf(OriginalUint8Array.prototype), 'subarray');
    let sum = 0;
    for (let off = 1; off + 8 <= chain.end; off += 3) {
      sum += chain.u32le(off) + Number(chain.u64be(off)) + chain.f64le(off) + chain.u16be(off + 1);
      sum += cur.u8() + cur.u16be();
    }
    for (let k = 0; k < 30; k++) sum += cur2.u32le() + cur2.i16be();
    const calls = subarray.mock.calls.length;
    globalThis.DataView = OriginalDataView;
    globalThis.Uint8Array = OriginalUint8Array;
    vi.restoreAllMocks();
    expect(Number.isNaN(sum)).toBe(false);
    expect([made, calls]).toEqual([0, 0]);
    // The one scratch holds the bytes of the last straddling read.
    expect(internals(chain).scratch).toBe(scratch);
  });
});
