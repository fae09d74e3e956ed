/**
 * A byte field is a plain Uint8Array however the input was chunked: never a Buffer (whose
 * `toString` and `slice` differ) when it happens to lie inside one Buffer chunk.
 */
import { bytes, Decoder, decode, StreamDecoder, struct, u8 } from '@stride/codec';
import { describe, expect, it } from 'vitest';
import { written } from '../helpers.js';

const isPlain = (x: unknown) => Object.getPrototypeOf(x) === Uint8Array.prototype;

describe('bytes from Buffers', () => {
  const input = Buffer.from([9, 1, 2, 3, 4, 9, 5, 6, 7, 8]);
  const Rec = struct({ tag: u8, body: bytes(4) });

  it('are plain Uint8Arrays from decode and a Decoder', () => {
    const one = decode(bytes(4), input.subarray(1, 5));
    expect(isPlain(one)).toBe(true);
    expect([...one]).toEqual([1, 2, 3, 4]);
    expect(isPlain(decode(Rec, input.subarray(0, 5)).body)).toBe(true);
    for (const r of new Decoder(Rec, input)) expect(isPlain(r.body)).toBe(true);
  });

  it('are plain Uint8Arrays from a StreamDecoder, inside one chunk or across two', () => {
    const whole = written(new StreamDecoder(bytes(4)), input.subarray(1, 5));
    const d = new StreamDecoder(bytes(4));
    const split = [...written(d, input.subarray(1, 3)), ...written(d, input.subarray(3, 5))];
    expect([...whole, ...split].map(isPlain)).toEqual([true, true]);
    expect(String(whole[0])).toBe(String(split[0]));
    const records = written(new StreamDecoder(Rec), input);
    expect(records.map((r) => isPlain(r.body))).toEqual([true, true]);
    // A record begun in one chunk whose body lies inside the next (a large one, held as it is).
    const straddling = new StreamDecoder(Rec);
    written(straddling, Buffer.from([9]));
    const [first] = written(straddling, Buffer.alloc(5000));
    expect(isPlain(first?.body)).toBe(true);
  });
});
