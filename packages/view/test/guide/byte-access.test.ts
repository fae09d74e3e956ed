// Guide example 1: byte access and tobytes() of a slice (examples/memoryview/byte-access.ts).
import { type MemoryView, memoryview } from '@stride/view';
import { describe, expect, it } from 'vitest';
import { byteAccess } from '../../../../examples/memoryview/byte-access.js';

describe('guide 1: byte access and tobytes()', () => {
  const r = byteAccess();

  it('mv[1] is 98 and mv[-1] is 103', () => {
    expect(r.second).toBe(98);
    expect(r.last).toBe(103);
  });

  it("mv[1:4].tobytes() is b'bce', list(mv[1:4]) is [98, 99, 101]", () => {
    expect(r.slice).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(r.slice)).toBe('bce');
    expect(r.sliceList).toEqual([98, 99, 101]);
  });

  it('a view of immutable bytes is read-only: mv[0] = 65 raises TypeError', () => {
    expect(r.readonly).toBe(true);
    expect(r.writeError).toBeInstanceOf(TypeError);
    expect(r.writeError.message).toBe('cannot modify read-only memory');
  });

  it('tobytes() copies: changing the source afterwards does not change the bytes returned', () => {
    const buf = Buffer.from('abcefg');
    const mv = memoryview(buf);
    const copy = mv.slice(1, 4).tobytes();
    buf[1] = 0x7a;
    expect(mv.get(1)).toBe(0x7a);
    expect([...copy]).toEqual([98, 99, 101]);
  });

  it('`using` releases the view at the end of the block, like `with memoryview(...)`', () => {
    let escaped: MemoryView<'B'> | undefined;
    {
      using mv = memoryview(Buffer.from('abcefg'));
      escaped = mv;
      expect(mv.released).toBe(false);
    }
    if (escaped === undefined) throw new Error('unreachable');
    expect(escaped.released).toBe(true);
    expect(() => escaped.get(0)).toThrow('operation forbidden on released memoryview object');
  });
});
