// Chunk-split invariance: every capture read whole, a byte at a time and in random pieces gives the
// same records (packets with their data, metadata blocks with their options), and the reader never
// holds more than one block's bytes.

import { CaptureReader } from '@stride/pcap';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CAPTURES, fixture, readRecords } from './support.js';

describe('every capture gives the same records in any chunking', () => {
  for (const name of CAPTURES) {
    const bytes = fixture(name);
    const whole = readRecords(bytes);

    it(`${name}: a byte at a time`, () => {
      const cuts = Array.from({ length: bytes.length - 1 }, (_, i) => i + 1);
      expect(readRecords(bytes, cuts)).toEqual(whole);
    });

    it(`${name}: the interpreter reads the same records as the compiled code`, () => {
      expect(readRecords(bytes, [], { compile: false })).toEqual(whole);
      expect(readRecords(bytes, [100, 1000], { compile: false })).toEqual(whole);
    });

    it(`${name}: random pieces`, () => {
      fc.assert(
        fc.property(
          fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 200 }),
          (cuts) => {
            expect(
              readRecords(
                bytes,
                cuts.sort((a, b) => a - b),
              ),
            ).toEqual(whole);
          },
        ),
        { numRuns: 10 },
      );
    });
  }

  it('holds at most one block: buffered stays under the largest record', () => {
    const bytes = fixture('websocket.pcap');
    const reader = new CaptureReader();
    let most = 0;
    for (let at = 0; at < bytes.length; at += 7) {
      reader.write(bytes.subarray(at, at + 7), () => {});
      most = Math.max(most, reader.buffered);
    }
    reader.finish(() => {});
    expect(most).toBeGreaterThan(1000);
    expect(most).toBeLessThanOrEqual(16 + 65_536 + 200);
    expect(reader.offset).toBe(bytes.length);
  });
});
