import { ChecksumError, decode, encode, LimitError, StreamDecoder } from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Frame, type Frame as FrameValue } from '../../examples/codec/strd.js';

const item = fc.oneof(
  fc.record({
    kind: fc.constant(1 as const),
    id: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    name: fc.string({ maxLength: 20 }),
  }),
  fc.record({ kind: fc.constant(2 as const), x: fc.float({ noNaN: true }), y: fc.float({ noNaN: true }) }),
);
const frame: fc.Arbitrary<FrameValue> = fc
  .record({
    flags: fc.record({
      compressed: fc.boolean(),
      encrypted: fc.boolean(),
      reserved: fc.integer({ min: 0, max: 63 }),
    }),
    items: fc.array(item, { maxLength: 6 }),
  })
  .map(({ flags, items }) => ({ version: 1, flags, count: items.length, items }));

describe('examples/codec/strd.ts', () => {
  it('round-trips any frame, and decodes a stream of frames in any chunking', () => {
    fc.assert(
      fc.property(
        fc.array(frame, { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 30 })),
        (frames, sizes) => {
          const wire = Buffer.concat(frames.map((f) => encode(Frame, f)));
          for (const f of frames) expect(decode(Frame, encode(Frame, f))).toEqual(f);
          const d = new StreamDecoder(Frame);
          const got: FrameValue[] = [];
          let at = 0;
          const emit = (f: FrameValue) => got.push(f);
          for (const n of sizes) {
            d.write(wire.subarray(at, at + n), emit);
            at += n;
          }
          d.write(wire.subarray(at), emit);
          d.finish(emit);
          expect(got).toEqual(frames);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reports a length that runs past the frame, and a damaged CRC', () => {
    const bytes = encode(Frame, {
      version: 1,
      flags: { compressed: false, encrypted: true, reserved: 0 },
      count: 1,
      items: [{ kind: 1, id: 7, name: 'seven' }],
    });
    const long = bytes.slice();
    long[17] = 0x30;
    expect(() => decode(Frame, long)).toThrow(LimitError);
    expect(() => decode(Frame, long)).toThrow(
      /^items\[0\]\.name: needs 48 bytes but its enclosing section ends 5 bytes later at byte 18/,
    );
    const crc = bytes.slice();
    crc[crc.length - 1] = (crc[crc.length - 1] as number) ^ 1;
    expect(() => decode(Frame, crc)).toThrow(ChecksumError);
  });
});
