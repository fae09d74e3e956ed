import { EncodeState } from '@stride/codec';
import { describe, expect, it } from 'vitest';

describe('EncodeState', () => {
  it('every writer lands in the grown buffer when it has to grow', () => {
    const writers: [string, (w: EncodeState) => void, number[]][] = [
      ['u8', (w) => w.u8(0xab), [0xab]],
      ['i8', (w) => w.i8(-2), [0xfe]],
      ['u16', (w) => w.u16(0x0102, false), [1, 2]],
      ['i16', (w) => w.i16(-2, true), [0xfe, 0xff]],
      ['u32', (w) => w.u32(0x01020304, false), [1, 2, 3, 4]],
      ['i32', (w) => w.i32(-1, true), [255, 255, 255, 255]],
      ['u64', (w) => w.u64(1n, false), [0, 0, 0, 0, 0, 0, 0, 1]],
      ['i64', (w) => w.i64(-1n, true), [255, 255, 255, 255, 255, 255, 255, 255]],
      ['f16', (w) => w.f16(1, true), [0x00, 0x3c]],
      ['f32', (w) => w.f32(1, false), [0x3f, 0x80, 0, 0]],
      ['f64', (w) => w.f64(1, false), [0x3f, 0xf0, 0, 0, 0, 0, 0, 0]],
      ['bytes', (w) => w.bytes(new Uint8Array([9, 8, 7])), [9, 8, 7]],
    ];
    for (const [name, write, expected] of writers) {
      const w = new EncodeState(16);
      w.reserve(15);
      write(w);
      expect([...w.written().subarray(15)], name).toEqual(expected);
      expect(w.u8a.length, name).toBeGreaterThanOrEqual(15 + expected.length);
    }
  });
});
