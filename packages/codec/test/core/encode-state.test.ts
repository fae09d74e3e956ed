import { describe, expect, it } from 'vitest';
import { EncodeState } from '../../src/core/encode-state.js';

describe('EncodeState', () => {
  it('every writer lands in the grown buffer when it has to grow', () => {
    const writers: [string, (w: EncodeState) => void, number[]][] = [
      ['u8', (w) => w.u8(0xab), [0xab]],
      ['i8', (w) => w.i8(-2), [0xfe]],
      ['u16le', (w) => w.u16le(0x0102), [2, 1]],
      ['u16be', (w) => w.u16be(0x0102), [1, 2]],
      ['i16le', (w) => w.i16le(-2), [0xfe, 0xff]],
      ['i16be', (w) => w.i16be(-2), [0xff, 0xfe]],
      ['u32le', (w) => w.u32le(0x01020304), [4, 3, 2, 1]],
      ['u32be', (w) => w.u32be(0x01020304), [1, 2, 3, 4]],
      ['i32le', (w) => w.i32le(-2), [0xfe, 255, 255, 255]],
      ['i32be', (w) => w.i32be(-2), [255, 255, 255, 0xfe]],
      ['u64le', (w) => w.u64le(1n), [1, 0, 0, 0, 0, 0, 0, 0]],
      ['u64be', (w) => w.u64be(1n), [0, 0, 0, 0, 0, 0, 0, 1]],
      ['i64le', (w) => w.i64le(-2n), [0xfe, 255, 255, 255, 255, 255, 255, 255]],
      ['i64be', (w) => w.i64be(-2n), [255, 255, 255, 255, 255, 255, 255, 0xfe]],
      ['f16le', (w) => w.f16le(1), [0x00, 0x3c]],
      ['f16be', (w) => w.f16be(1), [0x3c, 0x00]],
      ['f32le', (w) => w.f32le(1), [0, 0, 0x80, 0x3f]],
      ['f32be', (w) => w.f32be(1), [0x3f, 0x80, 0, 0]],
      ['f64le', (w) => w.f64le(1), [0, 0, 0, 0, 0, 0, 0xf0, 0x3f]],
      ['f64be', (w) => w.f64be(1), [0x3f, 0xf0, 0, 0, 0, 0, 0, 0]],
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
