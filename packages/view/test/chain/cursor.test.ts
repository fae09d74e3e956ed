import { afterEach, describe, expect, it } from 'vitest';
import { setMaxWindow } from '../../src/chain/cursor.js';
import { BufferChain } from '../../src/chain/index.js';
import { IncompleteError, OffsetError, ValidationError } from '../../src/stream-errors.js';
import { chainOf } from './chains.js';

describe('ChainCursor', () => {
  it('reads sequentially across chunk boundaries and tracks the absolute offset', () => {
    const chain = chainOf([0x01, 0x02, 0x03], [0x04], [0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d]);
    const cur = chain.cursor();
    expect(cur.offset).toBe(0);
    expect(cur.u16be()).toBe(0x0102);
    expect(cur.u32le()).toBe(0x06050403);
    expect(cur.offset).toBe(6);
    expect(cur.u8()).toBe(7);
    expect(cur.i8()).toBe(8);
    expect(cur.u32be()).toBe(0x090a0b0c);
    expect(cur.offset).toBe(12);
    expect(cur.u8()).toBe(0x0d);
    expect(cur.offset).toBe(chain.end);
  });

  it('every width and byte order, signed and float', () => {
    const bytes = [0xff, 0xfe, 0xfd, 0xfc, 0x3c, 0x00, 0x3f, 0x80, 0x00, 0x00, 0xbf, 0xf0, 0, 0, 0, 0, 0, 0];
    const chain = chainOf(bytes.slice(0, 5), bytes.slice(5, 7), bytes.slice(7));
    const ref = new DataView(new Uint8Array(bytes).buffer);
    const cur = chain.cursor();
    expect(cur.i16le()).toBe(-257);
    expect(cur.i16be()).toBe(-516);
    expect(cur.f16be()).toBe(1);
    expect(cur.f32be()).toBe(1);
    expect(cur.f64be()).toBe(-1);
    const c2 = chain.cursor();
    expect(c2.i32be()).toBe(-66052);
    expect(c2.i32le()).toBe(ref.getInt32(4, true));
    expect(c2.u16le()).toBe(0);
    expect(c2.u64be()).toBe(0xbff0000000000000n);
    expect(c2.offset).toBe(18);
    const c3 = chain.cursor(2);
    expect(c3.i64le()).toBe(ref.getBigInt64(2, true));
    expect(c3.f32le()).toBe(ref.getFloat32(10, true));
    expect(c3.f16le()).toBe(0);
    expect(chain.cursor(10).f64le()).toBe(ref.getFloat64(10, true));
    expect(chain.cursor(1).u64le()).toBe(ref.getBigUint64(1, true));
    expect(chain.cursor(1).u32le()).toBe(ref.getUint32(1, true));
    expect(chain.cursor(10).u64leNumber()).toBe(Number(ref.getBigUint64(10, true)));
    expect(chain.cursor(5).u16be()).toBe(0x003f);
  });

  it('validates where it starts', () => {
    const chain = chainOf([1, 2, 3]);
    chain.consume(1);
    expect(chain.cursor().offset).toBe(1);
    expect(chain.cursor(3).offset).toBe(3);
    expect(() => chain.cursor(0)).toThrow(
      'BufferChain.cursor: cannot take 0 bytes, consumed: available bytes are [1, 3)',
    );
    expect(() => chain.cursor(0)).toThrow(OffsetError);
    expect(() => chain.cursor(4)).toThrow(IncompleteError);
    expect(() => chain.cursor(1.5)).toThrow(RangeError);
  });

  it('a read past the end throws IncompleteError and does not move; it succeeds once more bytes arrive', () => {
    const chain = chainOf([1, 2], [3]);
    const cur = chain.cursor(1);
    expect(() => cur.u32be()).toThrow(
      'cannot take 4 bytes, 2 past the end: available bytes are [0, 3) at byte 1',
    );
    expect(() => cur.u32be()).toThrow(expect.objectContaining({ code: 'INCOMPLETE', offset: 1, needed: 2 }));
    expect(cur.offset).toBe(1);
    expect(cur.u16be()).toBe(0x0203);
    expect(() => cur.u8()).toThrow(IncompleteError);
    chain.append(new Uint8Array([4, 5]));
    expect(cur.u16be()).toBe(0x0405);
    chain.append(new Uint8Array([6]));
    expect(cur.u8()).toBe(6);
  });

  it('a 64-bit value past 2^53 throws ValidationError and leaves the cursor in place', () => {
    const big = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f];
    for (const chain of [chainOf(big), chainOf(big.slice(0, 3), big.slice(3))]) {
      const cur = chain.cursor();
      expect(() => cur.u64leNumber()).toThrow(ValidationError);
      expect(() => cur.i64leNumber()).toThrow(ValidationError);
      expect(() => cur.u64beNumber()).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED', offset: 0 }),
      );
      expect(cur.offset).toBe(0);
      expect(cur.i64beNumber()).toBe(-129); // ff..ff7f big-endian
      expect(cur.offset).toBe(8);
    }
  });

  it('skip and bytes: zero-copy inside a chunk, a copy across, checked', () => {
    const a = new Uint8Array([1, 2, 3, 4]);
    const chain = new BufferChain();
    chain.append(a);
    chain.append(new Uint8Array([5, 6]));
    const cur = chain.cursor();
    cur.skip(1);
    const inside = cur.bytes(2);
    expect([...inside]).toEqual([2, 3]);
    expect(inside.buffer).toBe(a.buffer);
    const across = cur.bytes(2);
    expect([...across]).toEqual([4, 5]);
    expect(across.buffer).not.toBe(a.buffer);
    expect(cur.bytes(0)).toHaveLength(0);
    expect(() => cur.skip(2)).toThrow(IncompleteError);
    expect(() => cur.bytes(-1)).toThrow(RangeError);
    expect(() => cur.skip(0.5)).toThrow(RangeError);
    expect(cur.offset).toBe(5);
    cur.skip(1);
    expect(cur.offset).toBe(6);
  });

  it('skips across many chunks', () => {
    const chain = new BufferChain();
    for (let i = 0; i < 50; i++) chain.append(new Uint8Array([i, i]));
    const cur = chain.cursor();
    cur.skip(61);
    expect(cur.u16be()).toBe((30 << 8) | 31);
  });

  it('after consume past it, the cursor refuses to read released bytes', () => {
    const chain = chainOf([1, 2], [3, 4]);
    const cur = chain.cursor();
    chain.consume(3);
    expect(() => cur.u8()).toThrow(OffsetError);
    const ok = chain.cursor();
    expect(ok.u8()).toBe(4);
  });

  it('consuming up to the cursor keeps it working, also when the chain empties and refills', () => {
    const chain = chainOf([1, 2, 3]);
    const cur = chain.cursor();
    expect(cur.u16be()).toBe(0x0102);
    chain.consume(cur.offset - chain.start);
    expect(cur.u8()).toBe(3);
    chain.consume(cur.offset - chain.start);
    expect(chain.chunkCount).toBe(0);
    chain.append(new Uint8Array([4, 5]));
    chain.append(new Uint8Array([6, 7]));
    expect(cur.u32be()).toBe(0x04050607);
  });

  describe('chunks longer than the window', () => {
    let saved = 0;
    afterEach(() => {
      setMaxWindow(saved);
    });

    it('are read through windows, with reads across window edges', () => {
      saved = setMaxWindow(8);
      const bytes = Uint8Array.from({ length: 40 }, (_, i) => i * 7);
      const chain = new BufferChain();
      chain.append(bytes.subarray(0, 33));
      chain.append(bytes.subarray(33));
      const dv = new DataView(bytes.buffer);
      const c = chain.cursor(1);
      for (let p = 1; p + 4 <= 40; p += 4) expect(c.u32le()).toBe(dv.getUint32(p, true));
      const d = chain.cursor(3);
      for (let p = 3; p + 8 <= 40; p += 8) expect(d.u64be()).toBe(dv.getBigUint64(p, false));
      const e = chain.cursor(2);
      e.u8();
      const window = e.window(1); // the current chunk's window, 8 bytes of the 33
      expect(window.byteLength).toBe(8);
      expect(window.buffer).toBe(bytes.buffer);
    });
  });
});
