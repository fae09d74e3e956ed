import { BufferError, MemoryView, memoryview, ValueError } from '@stride/view';
import { describe, expect, it } from 'vitest';

describe('memoryview(obj)', () => {
  it('takes its format and shape from a typed array', () => {
    const cases: [ArrayBufferView, string, number][] = [
      [new Uint8Array(3), 'B', 1],
      [new Uint8ClampedArray(3), 'B', 1],
      [new Int8Array(3), 'b', 1],
      [new Uint16Array(3), 'H', 2],
      [new Int16Array(3), 'h', 2],
      [new Uint32Array(3), 'I', 4],
      [new Int32Array(3), 'i', 4],
      [new Float32Array(3), 'f', 4],
      [new Float64Array(3), 'd', 8],
      [new BigInt64Array(3), 'q', 8],
      [new BigUint64Array(3), 'Q', 8],
      [Buffer.alloc(3), 'B', 1],
    ];
    for (const [arr, format, itemsize] of cases) {
      const m = memoryview(arr);
      expect([m.format, m.itemsize, m.shape, m.strides, m.nbytes]).toEqual([
        format,
        itemsize,
        [3],
        [itemsize],
        3 * itemsize,
      ]);
      expect(m.obj).toBe(arr);
    }
  });

  it('honours byteOffset and byteLength of pooled Buffers and subarrays', () => {
    const b = Buffer.from('hello'); // sits in Node's 8 KiB pool at a non-zero offset
    expect(b.byteOffset).toBeGreaterThan(0);
    const m = memoryview(b);
    expect(m.nbytes).toBe(5);
    expect(Buffer.from(m.tobytes()).toString()).toBe('hello');
    const sub = new Uint8Array([9, 8, 7, 6, 5]).subarray(1, 4);
    expect(memoryview(sub).tolist()).toEqual([8, 7, 6]);
  });

  it('views ArrayBuffers and DataViews as bytes', () => {
    const ab = new Uint8Array([1, 2, 3, 4]).buffer;
    expect(memoryview(ab).tolist()).toEqual([1, 2, 3, 4]);
    expect(memoryview(new DataView(ab, 1, 2)).tolist()).toEqual([2, 3]);
  });

  it('rejects what is not bytes-like with CPython’s message', () => {
    expect(() => memoryview('abc' as never)).toThrow(
      new TypeError("memoryview: a bytes-like object is required, not 'str'"),
    );
    expect(() => memoryview([1, 2] as never)).toThrow("not 'list'");
  });

  it('memoryview(m) shares the memory and the exporter', () => {
    const u8 = new Uint8Array([1, 2, 3]);
    const m = memoryview(u8);
    const m2 = memoryview(m);
    expect(m2).not.toBe(m);
    expect(m2.obj).toBe(u8);
    m2.set(0, 42);
    expect(m.get(0)).toBe(42);
    m.release();
    expect(m2.get(0)).toBe(42); // releasing one view leaves the others alone
  });

  it('lays out bytes with options: format, shape, strides, offset, readonly', () => {
    const bytes = new Uint8Array([0, 1, 0, 2, 0, 3, 0, 4, 9]);
    const m = memoryview(bytes, { format: '>H', shape: [2, 2], offset: 0, readonly: true });
    expect(m.tolist()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(m.readonly).toBe(true);
    const cols = memoryview(bytes, { format: '>H', shape: [2], strides: [4], offset: 2 });
    expect(cols.tolist()).toEqual([2, 4]);
    expect(() => memoryview(bytes, { format: '>H', shape: [5] })).toThrow(ValueError);
    expect(() => memoryview(bytes, { format: 'Z' })).toThrow("memoryview: invalid format 'Z'");
    expect(() => memoryview(m, { readonly: false })).toThrow(BufferError);
  });

  it('cannot be constructed directly', () => {
    expect(() => new (MemoryView as unknown as new () => unknown)()).toThrow(TypeError);
  });
});

describe('release, exports and disposal', () => {
  it('forbids every use after release except release, released and equals', () => {
    const m = memoryview(new Uint8Array(4));
    m.release();
    m.release(); // idempotent
    expect(m.released).toBe(true);
    const forbidden = new ValueError('operation forbidden on released memoryview object');
    for (const use of [
      () => m.format,
      () => m.shape,
      () => m.nbytes,
      () => m.obj,
      () => m.length,
      () => m.get(0),
      () => m.tobytes(),
      () => m.tolist(),
      () => m.slice(0, 1),
      () => m.cast('b'),
      () => [...m],
    ]) {
      expect(use).toThrow(forbidden);
    }
    expect(m.equals(m)).toBe(true);
    expect(m.equals(memoryview(new Uint8Array(4)))).toBe(false);
  });

  it('refuses to release while an export is alive', () => {
    const m = memoryview(new Uint8Array(4));
    const e1 = m.export();
    const e2 = m.export();
    expect(() => m.release()).toThrow(new BufferError('memoryview has 2 exported buffers'));
    e1.release();
    expect(() => m.release()).toThrow(new BufferError('memoryview has 1 exported buffer'));
    expect(m.get(0)).toBe(0); // still usable
    e2[Symbol.dispose]();
    m.release();
    expect(m.released).toBe(true);
  });

  it('works with `using`', () => {
    let outer: MemoryView | undefined;
    {
      using m = memoryview(new Uint8Array(2));
      outer = m;
      expect(m.released).toBe(false);
    }
    expect(outer.released).toBe(true);
  });

  it('treats a detached buffer as released', () => {
    const u8 = new Uint8Array(8);
    const m = memoryview(u8);
    structuredClone(u8.buffer, { transfer: [u8.buffer] });
    expect(() => m.get(0)).toThrow('operation forbidden on released memoryview object');
  });
});
