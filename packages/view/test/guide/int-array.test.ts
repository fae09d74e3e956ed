// Guide example 3: processing an array('i') through a view (examples/memoryview/int-array.ts).
import { memoryview, ValueError } from '@stride/view';
import { describe, expect, it } from 'vitest';
import {
  assignSlice,
  describe as describeView,
  doubleAll,
  makeNumbers,
  rawBytes,
} from '../../../../examples/memoryview/int-array.js';

describe("guide 3: an array('i') of integers", () => {
  it("an Int32Array is viewed with format 'i', itemsize 4", () => {
    expect(describeView(makeNumbers())).toEqual({ format: 'i', itemsize: 4, nbytes: 20, first: 1, last: 5 });
  });

  it("mv[1:3] = array('i', [20, 30]) assigns through the view", () => {
    const numbers = makeNumbers();
    expect(assignSlice(numbers)).toEqual([1, 20, 30, 4, 5]);
    expect([...numbers]).toEqual([1, 20, 30, 4, 5]);
  });

  it("mv[1:3] = memoryview(array('i', [20, 30])): the right-hand side may be a view too", () => {
    const numbers = makeNumbers();
    memoryview(numbers)
      .slice(1, 3)
      .assign(memoryview(Int32Array.of(20, 30)));
    expect([...numbers]).toEqual([1, 20, 30, 4, 5]);
  });

  it('mv[i] *= 2 doubles every item in place', () => {
    const numbers = makeNumbers();
    expect(doubleAll(numbers)).toBe(numbers);
    expect([...numbers]).toEqual([2, 4, 6, 8, 10]);
  });

  it("mv.cast('B') shows the native-order bytes of the integers", () => {
    const numbers = Int32Array.of(2, 40, 60, -1, 0x01020304);
    const native = [...new Uint8Array(numbers.buffer)];
    expect(rawBytes(numbers, 20)).toEqual(native);
    expect(rawBytes(numbers, 8)).toEqual(native.slice(0, 8));
    if (new Uint8Array(Uint16Array.of(1).buffer)[0] === 1) {
      expect(rawBytes(numbers, 8)).toEqual([2, 0, 0, 0, 40, 0, 0, 0]);
    }
  });

  it('slice assignment requires the same format and length, as in Python', () => {
    const mv = memoryview(makeNumbers());
    const message = 'memoryview assignment: lvalue and rvalue have different structures';
    // mv[1:3] = array('i', [1])
    expect(() => mv.slice(1, 3).assign(Int32Array.of(1))).toThrow(ValueError);
    expect(() => mv.slice(1, 3).assign(Int32Array.of(1))).toThrow(message);
    // mv[1:3] = array('b', [1, 2])
    expect(() => mv.slice(1, 3).assign(Int8Array.of(1, 2))).toThrow(message);
    expect(mv.tolist()).toEqual([1, 2, 3, 4, 5]);
  });
});
