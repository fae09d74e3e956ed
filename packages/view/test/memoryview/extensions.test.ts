import { IndexError, memoryview, ValueError } from '@stride/view';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** A view of 0..n-1 as bytes, laid out in `shape`. */
function arange(shape: number[]) {
  const n = shape.reduce((a, b) => a * b, 1);
  const bytes = Uint8Array.from({ length: n }, (_, i) => i);
  return memoryview(bytes, { shape });
}

describe('byte-order prefixes are readable and writable', () => {
  const dv = new DataView(new ArrayBuffer(16));
  for (let i = 0; i < 16; i++) dv.setUint8(i, i * 17 + 3);
  const bytes = new Uint8Array(dv.buffer);
  const reads: [string, (o: number) => number | bigint, number][] = [
    ['<H', (o) => dv.getUint16(o, true), 2],
    ['>H', (o) => dv.getUint16(o, false), 2],
    ['!h', (o) => dv.getInt16(o, false), 2],
    ['<i', (o) => dv.getInt32(o, true), 4],
    ['>I', (o) => dv.getUint32(o, false), 4],
    ['<l', (o) => dv.getInt32(o, true), 4],
    ['>L', (o) => dv.getUint32(o, false), 4],
    ['<q', (o) => dv.getBigInt64(o, true), 8],
    ['>Q', (o) => dv.getBigUint64(o, false), 8],
    ['<f', (o) => dv.getFloat32(o, true), 4],
    ['>d', (o) => dv.getFloat64(o, false), 8],
  ];
  for (const [format, read, size] of reads) {
    it(`reads ${format} like DataView`, () => {
      const m = memoryview(bytes, { format });
      expect(m.itemsize).toBe(size);
      expect(m.tolist()).toEqual(Array.from({ length: 16 / size }, (_, i) => read(i * size)));
    });
  }

  it('writes in the byte order asked for', () => {
    const out = new Uint8Array(4);
    memoryview(out, { format: '>I' }).set(0, 0x01020304);
    expect([...out]).toEqual([1, 2, 3, 4]);
    memoryview(out, { format: '<H' }).set(1, 0xbeef);
    expect([...out]).toEqual([1, 2, 0xef, 0xbe]);
    memoryview(out, { format: '>e' }).set(0, 1.5);
    expect([...out.subarray(0, 2)]).toEqual([0x3e, 0x00]);
  });

  it('refuses out-of-range values for the standard size', () => {
    const m = memoryview(new Uint8Array(4), { format: '<l' });
    expect(() => m.set(0, 2 ** 31)).toThrow(new ValueError("memoryview: invalid value for format '<l'"));
  });

  it('keeps cast faithful to CPython: no prefixed destination', () => {
    expect(() => memoryview(new Uint8Array(4)).cast('<i')).toThrow(ValueError);
  });
});

describe('view(...keys): N-D slicing', () => {
  it('picks, slices, inserts axes and expands an ellipsis', () => {
    const m = arange([3, 4]);
    expect(m.view(1).tolist()).toEqual([4, 5, 6, 7]);
    expect(m.view(':', 2).tolist()).toEqual([2, 6, 10]);
    expect(m.view('::-1', '1:3').tolist()).toEqual([
      [9, 10],
      [5, 6],
      [1, 2],
    ]);
    expect(m.view({ step: 2 }, { start: -1, step: -3 }).tolist()).toEqual([
      [3, 0],
      [11, 8],
    ]);
    expect(m.view('...', 0).tolist()).toEqual([0, 4, 8]);
    expect(m.view(null, 0).shape).toEqual([1, 4]);
    expect(m.view(1, 2).ndim).toBe(0);
    expect(m.view(1, 2).get()).toBe(6);
  });

  it('reports bad keys', () => {
    const m = arange([3, 4]);
    expect(() => m.view(0, 0, 0)).toThrow(IndexError);
    expect(() => m.view(3)).toThrow(new IndexError('index out of bounds on dimension 1'));
    expect(() => m.view(':', -5)).toThrow(new IndexError('index out of bounds on dimension 2'));
    expect(() => m.view('a:b')).toThrow(TypeError);
    expect(() => m.view('::0')).toThrow(new ValueError('slice step cannot be zero'));
  });

  // Each dimension's key selects the same indices as the (CPython-checked) 1-D slice does.
  it('agrees with 1-D slicing applied dimension by dimension', () => {
    const bound = fc.option(fc.integer({ min: -7, max: 7 }), { nil: undefined });
    const key = fc.oneof(
      fc.integer({ min: -6, max: 5 }),
      fc.record({
        start: bound,
        stop: bound,
        step: fc.option(
          fc.integer({ min: -3, max: 3 }).filter((s) => s !== 0),
          { nil: undefined },
        ),
      }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 3 }),
        fc.array(key, { maxLength: 3 }),
        (shape, rawKeys) => {
          const keys = rawKeys
            .slice(0, shape.length)
            .map((k, d) =>
              typeof k === 'number'
                ? ((k % (shape[d] as number)) + (shape[d] as number)) % (shape[d] as number)
                : k,
            );
          const m = arange(shape);
          const picked = keys.map((k, d) => {
            const axis = memoryview(Int32Array.from({ length: shape[d] as number }, (_, i) => i));
            return typeof k === 'number' ? k : (axis.slice(k.start, k.stop, k.step).tolist() as number[]);
          });
          const strides = m.strides;
          const expected = (d: number, off: number): unknown => {
            if (d === shape.length) return off;
            const p = picked[d];
            if (typeof p === 'number') return expected(d + 1, off + p * (strides[d] as number));
            return (p ?? Array.from({ length: shape[d] as number }, (_, i) => i)).map((i) =>
              expected(d + 1, off + i * (strides[d] as number)),
            );
          };
          expect(m.view(...keys).tolist()).toEqual(expected(0, 0));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('transpose, asStrided and N-D assign', () => {
  it('transposes without copying', () => {
    const m = arange([2, 3]);
    const t = m.T;
    expect(t.shape).toEqual([3, 2]);
    expect(t.tolist()).toEqual([
      [0, 3],
      [1, 4],
      [2, 5],
    ]);
    expect([t.cContiguous, t.fContiguous]).toEqual([false, true]);
    expect([...t.tobytes('A')]).toEqual([0, 1, 2, 3, 4, 5]); // memory order
    expect([...t.tobytes('C')]).toEqual([0, 3, 1, 4, 2, 5]);
    expect(m.transpose(0, 1).tolist()).toEqual(m.tolist());
    expect(() => m.transpose(0, 0)).toThrow(new ValueError("axes don't match view"));
  });

  it('asStrided builds sliding windows and checks bounds', () => {
    const m = memoryview(Uint8Array.from([0, 1, 2, 3, 4, 5]));
    expect(m.asStrided([4, 3], [1, 1]).tolist()).toEqual([
      [0, 1, 2],
      [1, 2, 3],
      [2, 3, 4],
      [3, 4, 5],
    ]);
    expect(m.slice(2).asStrided([2], [-2], 2).tolist()).toEqual([4, 2]);
    expect(() => m.asStrided([4, 3], [1, 2])).toThrow(ValueError);
    expect(() => m.asStrided([2], [1], -1)).toThrow(ValueError);
    expect(() => m.asStrided([3], [-1], 1)).toThrow(ValueError);
    expect(m.asStrided([0], [1000]).tolist()).toEqual([]);
  });

  it('assigns N-D views of the same structure', () => {
    const dst = memoryview(new Uint8Array(12), { shape: [3, 4] });
    const src = arange([2, 2]);
    dst.view('1:3', '::2').assign(src);
    expect(dst.tolist()).toEqual([
      [0, 0, 0, 0],
      [0, 0, 1, 0],
      [2, 0, 3, 0],
    ]);
    expect(() => dst.view('1:3', '1:').assign(src)).toThrow(
      new ValueError('memoryview assignment: lvalue and rvalue have different structures'),
    );
  });

  it('assigns overlapping memory like memmove', () => {
    const bytes = Uint8Array.from([1, 2, 3, 4, 5, 6]);
    const m = memoryview(bytes);
    m.slice(0, 4).assign(m.slice(2, 6));
    expect([...bytes]).toEqual([3, 4, 5, 6, 5, 6]);
    m.slice(undefined, undefined, -1).assign(memoryview(Uint8Array.from(bytes)));
    expect([...bytes]).toEqual([6, 5, 6, 5, 4, 3]);
  });
});
