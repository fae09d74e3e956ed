// Guide example 2: modifying a bytearray in place (examples/memoryview/modify-in-place.ts).
import { ValueError } from '@stride/view';
import { describe, expect, it } from 'vitest';
import {
  assignWrongLength,
  replaceWorld,
  setFirstLetter,
} from '../../../../examples/memoryview/modify-in-place.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('guide 2: modifying a bytearray in place', () => {
  it("mv[6:11] = b'Earth' changes the underlying bytes in place", () => {
    const data = bytes('Hello World');
    const result = replaceWorld(data);
    expect(result).toBe(data);
    expect(text(data)).toBe('Hello Earth');
  });

  it("mv[0] = ord('J') writes one byte", () => {
    const data = bytes('Hello Earth');
    setFirstLetter(data, 'J');
    expect(text(data)).toBe('Jello Earth');
  });

  it("mv[7:9] = b'was' raises Python's ValueError, with Python's message", () => {
    const data = bytes('Jello Earth');
    const error = assignWrongLength(data);
    expect(error).toBeInstanceOf(ValueError);
    expect(error.name).toBe('ValueError');
    expect(error.message).toBe('memoryview assignment: lvalue and rvalue have different structures');
  });

  it('a failed assignment leaves the data untouched', () => {
    const data = bytes('Jello Earth');
    assignWrongLength(data);
    expect(text(data)).toBe('Jello Earth');
  });

  it('the views write into the very buffer passed in, also at an offset into a larger ArrayBuffer', () => {
    const backing = new Uint8Array(32).fill(0x2e);
    const data = backing.subarray(8, 19);
    data.set(bytes('Hello World'));
    replaceWorld(data);
    expect(text(backing)).toBe(`${'.'.repeat(8)}Hello Earth${'.'.repeat(13)}`);
  });
});
