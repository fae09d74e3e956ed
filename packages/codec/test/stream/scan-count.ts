/**
 * Counting the work of delimiter searches, for the linear-time tests: the bytes the sources'
 * `indexOf` covers, and a decoder fed in pieces. Restore the spies with `vi.restoreAllMocks()`.
 */
import { type Codec, StreamDecoder } from '@stride/codec';
import { vi } from 'vitest';
import { ChainSource, FlatSource } from '../../src/core/source.js';

/** Bytes the decoder's delimiter searches cover from now on, counted through `indexOf`. */
export function countScans(): { readonly bytes: number } {
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

/** The records of `input` fed to a new StreamDecoder in pieces of `piece` bytes. */
export function feed<T>(codec: Codec<T>, input: Uint8Array, piece: number): T[] {
  const d = new StreamDecoder(codec, { limits: { maxRecordBytes: 1 << 24 } });
  const out: T[] = [];
  for (let i = 0; i < input.length; i += piece) d.write(input.subarray(i, i + piece), (r) => out.push(r));
  d.finish((r) => out.push(r));
  return out;
}
