import { describe, expect, it } from 'vitest';
import { BufferChain, SegmentedStore } from '../../src/chain/index.js';
import { IndexError, ValueError } from '../../src/errors.js';
import { IncompleteError, OffsetError } from '../../src/stream-errors.js';
import { chainOf } from './chains.js';

const bytes = (...v: number[]) => new Uint8Array(v);

describe('SegmentedStore', () => {
  it('window inside a segment is the DataView it was given, at the right offset', () => {
    const chunk = bytes(0, 1, 2, 3, 4, 5);
    const dv = new DataView(chunk.buffer);
    const store = new SegmentedStore([chunk.subarray(2, 5), bytes(9, 9)], [dv]);
    expect(store.byteLength).toBe(5);
    expect(store.window(1, 2)).toBe(dv);
    expect(store.at).toBe(3);
    expect(dv.getUint8(store.at)).toBe(3);
    // Without a given view the store makes one per segment.
    const own = store.window(3, 2);
    expect(own.buffer).not.toBe(chunk.buffer);
    expect(own.getUint16(store.at)).toBe(0x0909);
  });

  it('a straddling item goes through one reused scratch, and commit writes it back', () => {
    const a = bytes(1, 2, 3);
    const b = bytes(4);
    const c = bytes(5, 6);
    const store = new SegmentedStore([a, b, c]);
    const w = store.window(2, 4);
    expect(store.at).toBe(0);
    expect(w.getUint32(0)).toBe(0x03040506);
    w.setUint32(0, 0xa0b0c0d0);
    store.commit(2, 4);
    expect([...a, ...b, ...c]).toEqual([1, 2, 0xa0, 0xb0, 0xc0, 0xd0]);
    expect(store.window(2, 2)).toBe(w);
    expect(w.getUint16(0)).toBe(0xa0b0);
    store.commit(0, 2); // inside one segment: nothing to write back
    expect(() => store.window(0, 9)).toThrow(ValueError);
  });

  it('copyOut and copyIn across segments, small and large pieces', () => {
    const [a, b, c] = [new Uint8Array(20), new Uint8Array(3), new Uint8Array(30)];
    const store = new SegmentedStore([a, b, c]);
    const src = Uint8Array.from({ length: 50 }, (_, i) => i + 1);
    store.copyIn(src, 2);
    expect([...a.subarray(0, 3), ...b, c[0]]).toEqual([0, 0, 1, 19, 20, 21, 22]);
    const out = new Uint8Array(52);
    store.copyOut(1, 51, out, 1);
    expect([...out.subarray(0, 4)]).toEqual([0, 0, 1, 2]);
    expect(out[51]).toBe(50);
    expect(() => store.copyOut(50, 4, out, 0)).toThrow(IndexError);
    expect(() => store.copyIn(src, 4)).toThrow('SegmentedStore: range [4, 54) is outside [0, 53)');
  });

  it('copyIn from memory that overlaps the destination behaves like memmove', () => {
    const a = bytes(1, 2, 3);
    const b = bytes(4, 5, 6);
    const store = new SegmentedStore([a, b]);
    store.copyIn(a.subarray(0, 3), 2);
    expect([...a, ...b]).toEqual([1, 2, 1, 2, 3, 6]);
  });

  it('drops empty segments and checks the views it is given', () => {
    const store = new SegmentedStore([bytes(), bytes(7), bytes(), bytes(8)]);
    expect(store.byteLength).toBe(2);
    expect(store.window(0, 2).getUint16(store.at)).toBe(0x0708);
    expect(new SegmentedStore([]).byteLength).toBe(0);
    const x = bytes(1, 2, 3);
    expect(() => new SegmentedStore([x], [new DataView(new ArrayBuffer(3))])).toThrow(ValueError);
    expect(() => new SegmentedStore([x], [new DataView(x.buffer, 1)])).toThrow(ValueError);
  });

  it('isDetached once a segment buffer is transferred', () => {
    const a = bytes(1, 2);
    const store = new SegmentedStore([bytes(0), a]);
    expect(store.isDetached()).toBe(false);
    structuredClone(a.buffer, { transfer: [a.buffer] });
    expect(store.isDetached()).toBe(true);
  });
});

describe('BufferChain.view', () => {
  it('a byte view over the chain by default, without concatenating', () => {
    const chain = chainOf([1, 2], [3], [4, 5]);
    const m = chain.view(1, 5);
    expect(m.format).toBe('B');
    expect(m.shape).toEqual([4]);
    expect(m.tolist()).toEqual([2, 3, 4, 5]);
    expect(m.obj).toBe(chain);
    expect(m.hex()).toBe('02030405');
  });

  it('typed items that straddle chunks, and an N-D shape', () => {
    const chain = chainOf([0x01, 0x00, 0x02], [0x00, 0x03, 0x00], [0x04, 0x00]);
    const h = chain.view(0, 8, '<H');
    expect(h.tolist()).toEqual([1, 2, 3, 4]);
    expect(h.get(1)).toBe(2);
    expect(h.tobytes()).toEqual(bytes(1, 0, 2, 0, 3, 0, 4, 0));
    const grid = chain.view(0, 6, 'B', [2, 3]);
    expect(grid.tolist()).toEqual([
      [1, 0, 2],
      [0, 3, 0],
    ]);
    expect(grid.get(1, 1)).toBe(3);
    expect(chain.view(3, 3, '<I').tolist()).toEqual([]);
  });

  it('writes land in the chunks, for every split of an item', () => {
    for (let cut = 1; cut < 8; cut++) {
      const a = new Uint8Array(cut);
      const b = new Uint8Array(8 - cut);
      const chain = new BufferChain();
      chain.append(a);
      chain.append(b);
      const m = chain.view(0, 8, '>Q');
      m.set(0, 0x0102030405060708n);
      expect([...a, ...b]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(m.get(0)).toBe(0x0102030405060708n);
    }
  });

  it('keeps its chunks after the chain consumed them', () => {
    const chain = chainOf([1, 2], [3, 4]);
    const m = chain.view(0, 4, '>H');
    chain.consume(4);
    expect(m.tolist()).toEqual([0x0102, 0x0304]);
  });

  it('checks the range and the layout', () => {
    const chain = chainOf([1, 2, 3]);
    expect(() => chain.view(0, 4)).toThrow(IncompleteError);
    expect(() => chain.view(0, 3, '<H')).toThrow(TypeError);
    expect(() => chain.view(0, 3, 'B', [2, 2])).toThrow(TypeError);
    chain.consume(1);
    expect(() => chain.view(0, 2)).toThrow(OffsetError);
    expect(chain.view(1, 3).tolist()).toEqual([2, 3]);
  });
});
