/**
 * The delimited codecs search with `st.scan`, which remembers how far it looked: a field arriving
 * a byte at a time is searched about once, not once per byte. Counted through the sources' indexOf.
 */
import { bytes, decimal, string, struct } from '@stride/codec';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { countScans, feed } from '../stream/scan-count.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('delimited fields in linear time', () => {
  it('string, bytes and decimal fed a byte at a time search each byte about once', () => {
    const n = 30_000;
    const Rec = struct({
      line: string({ until: '\r\n' }),
      raw: bytes({ until: [0x3b], maxLength: n }),
      big: decimal({ until: '\r\n', bigint: true, maxDigits: n }),
    });
    // CRs in the line: each is a candidate match of the two-byte delimiter.
    const input = new TextEncoder().encode(`${'\r'.repeat(n)}\r\n${'x'.repeat(n)};1${'0'.repeat(n - 1)}\r\n`);
    const scans = countScans();
    const [r] = feed(Rec, input, 1);
    expect(r?.line).toHaveLength(n);
    expect(r?.raw).toHaveLength(n);
    expect(r?.big).toBe(10n ** BigInt(n - 1));
    expect(scans.bytes).toBeLessThanOrEqual(2 * input.length + 16);
  });
});
