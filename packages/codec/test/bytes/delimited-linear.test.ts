/**
 * The delimited codecs search with `st.scan`, which remembers how far it looked: a field arriving
 * a byte at a time is searched about once, not once per byte. Counted through the sources' indexOf.
 */
import { bytes, type Codec, decimal, StreamDecoder, string, struct } from '@stride/codec';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChainSource, FlatSource } from '../../src/core/source.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Bytes covered by delimiter searches from now on. */
function countScans(): { readonly bytes: number } {
  const count = { bytes: 0 };
  for (const proto of [FlatSource.prototype, ChainSource.prototype]) {
    const indexOf = proto.indexOf;
    vi.spyOn(proto, 'indexOf').mockImplementation(function (this: FlatSource | ChainSource, b, from, to) {
      const i = indexOf.call(this, b, from, to);
      count.bytes += (i < 0 ? to : i + 1) - from;
      return i;
    });
  }
  return count;
}

/** Records of `input` fed to a StreamDecoder a byte at a time. */
function trickle<T>(codec: Codec<T>, input: Uint8Array): T[] {
  const d = new StreamDecoder(codec, { limits: { maxRecordBytes: 1 << 24 } });
  const out: T[] = [];
  for (let i = 0; i < input.length; i++) d.write(input.subarray(i, i + 1), (r) => out.push(r));
  d.finish((r) => out.push(r));
  return out;
}

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
    const [r] = trickle(Rec, input);
    expect(r?.line).toHaveLength(n);
    expect(r?.raw).toHaveLength(n);
    expect(r?.big).toBe(10n ** BigInt(n - 1));
    expect(scans.bytes).toBeLessThanOrEqual(2 * input.length + 16);
  });
});
