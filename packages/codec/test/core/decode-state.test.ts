import {
  type Codec,
  type DecodeState,
  decode,
  defineCodec,
  f16be,
  f16le,
  f32be,
  f32le,
  f64be,
  f64le,
  i16be,
  i16le,
  i32be,
  i32le,
  i64be,
  i64le,
  tuple,
  u8,
  u16be,
  u16le,
  u32be,
  u32le,
  u64be,
  u64le,
} from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** Each DecodeState reader and the number codec of the same name. */
const readers: [keyof DecodeState & string, Codec<number | bigint>][] = [
  ['u16le', u16le],
  ['u16be', u16be],
  ['i16le', i16le],
  ['i16be', i16be],
  ['u32le', u32le],
  ['u32be', u32be],
  ['i32le', i32le],
  ['i32be', i32be],
  ['u64le', u64le],
  ['u64be', u64be],
  ['i64le', i64le],
  ['i64be', i64be],
  ['f16le', f16le],
  ['f16be', f16be],
  ['f32le', f32le],
  ['f32be', f32be],
  ['f64le', f64le],
  ['f64be', f64be],
];

describe('DecodeState number readers', () => {
  it('read what the codec of the same name reads, and move past it', () => {
    for (const [name, builtin] of readers) {
      const custom = defineCodec<number | bigint>({
        read: (st) => (st[name] as () => number | bigint)(),
        write: (w, v) => builtin.write(w, v),
      });
      fc.assert(
        fc.property(fc.uint8Array({ minLength: 9, maxLength: 9 }), (bytes) => {
          const record = bytes.subarray(0, (builtin.size as number) + 1);
          expect(decode(tuple([custom, u8]), record), name).toEqual(decode(tuple([builtin, u8]), record));
        }),
        { numRuns: 50 },
      );
    }
  });
});
