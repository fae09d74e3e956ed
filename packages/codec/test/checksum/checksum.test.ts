import { crc32 as zlibCrc32 } from 'node:zlib';
import {
  bytes,
  ChecksumError,
  checksummed,
  decode,
  encode,
  StreamDecoder,
  struct,
  u8,
  u16be,
  u32be,
} from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bin, expectChunkInvariant, thrown, written } from '../helpers.js';
import { hostileBytes } from '../mutations.js';

const be32 = (v: number) => [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];

// A PNG chunk: the CRC covers the type and the data, not the length before them.
const Chunk = struct({ length: u32be }).field('chunk', (s) =>
  checksummed(struct({ type: bytes(4), data: bytes(s.length) }), { algorithm: 'crc32', checksum: u32be }),
);
const IEND = bin(0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82);
const ihdrBody = bin(0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0);
const IHDR = bin(0, 0, 0, 13, ...ihdrBody, ...be32(zlibCrc32(ihdrBody)));

describe('checksummed', () => {
  it('decodes a PNG chunk whose CRC matches, and writes the CRC on encode', () => {
    const v = decode(Chunk, IEND);
    expect(v).toEqual({ length: 0, chunk: { type: bin(0x49, 0x45, 0x4e, 0x44), data: bin() } });
    expect(encode(Chunk, v)).toEqual(IEND);
    expect(encode(Chunk, decode(Chunk, IHDR))).toEqual(IHDR);
  });

  it('raises ChecksumError at the stored checksum, with both values in hex', () => {
    const bad = Uint8Array.from(IHDR);
    bad[10] = 9; // in the data
    const e = thrown(() => decode(Chunk, bad));
    expect(e).toBeInstanceOf(ChecksumError);
    const crc = zlibCrc32(bad.subarray(4, 21)).toString(16).padStart(8, '0');
    expect(e).toMatchObject({
      code: 'CHECKSUM_MISMATCH',
      offset: 21,
      path: 'chunk',
      expected: `0x${crc}`,
      actual: `0x${zlibCrc32(ihdrBody).toString(16).padStart(8, '0')}`,
    });
    expect(e.message).toContain('over bytes [4, 21)');
  });

  it('reads a checksum placed before the body', () => {
    const sum8 = (segments: readonly Uint8Array[]) => {
      let s = 0;
      for (const seg of segments) for (const b of seg) s = (s + b) & 255;
      return s;
    };
    const Rec = checksummed(struct({ a: u8, b: u16be }), {
      algorithm: sum8,
      checksum: u8,
      placement: 'before',
    });
    expect(Rec.size).toBe(4);
    expect(encode(Rec, { a: 1, b: 0x0203 })).toEqual(bin(6, 1, 2, 3));
    expect(decode(Rec, bin(6, 1, 2, 3))).toEqual({ a: 1, b: 0x0203 });
    expect(thrown(() => decode(Rec, bin(7, 1, 2, 3)))).toMatchObject({
      code: 'CHECKSUM_MISMATCH',
      offset: 0,
      expected: '0x06',
      actual: '0x07',
    });
  });

  it('hands the algorithm the chunks holding the body, never copied (chunks of 4 KiB or more are held by reference)', () => {
    const seen: Uint8Array[] = [];
    const Rec = checksummed(bytes(13_000), {
      algorithm: (segments) => {
        seen.push(...segments);
        return zlibCrc32(Buffer.concat(segments));
      },
      checksum: u32be,
    });
    const body = Uint8Array.from({ length: 13_000 }, (_, i) => i * 7);
    const whole = encode(Rec, body);
    const chunks = [whole.slice(0, 4096), whole.slice(4096, 8192), whole.slice(8192)];
    const d = new StreamDecoder(Rec);
    const out = chunks.flatMap((c) => written(d, c));
    expect(out).toEqual([body]);
    const last = seen.slice(-3);
    expect(last.map((s) => s.length)).toEqual([4096, 4096, 4808]);
    last.forEach((s, i) => {
      expect(s.buffer).toBe(chunks[i]?.buffer);
    });
  });

  it('gives the same records and errors in any chunking, and only DecodeErrors', () => {
    const stream = bin(...IHDR, ...IEND);
    expect(expectChunkInvariant(Chunk, stream).records).toHaveLength(2);
    const bad = Uint8Array.from(stream);
    bad[bad.length - 1] = 0;
    expect(expectChunkInvariant(Chunk, bad).error).toMatchObject({
      code: 'CHECKSUM_MISMATCH',
      offset: 25 + 8,
    });
    const Small = struct({ length: u8 }).field('chunk', (s) =>
      checksummed(bytes(s.length), { algorithm: 'crc32', checksum: u32be }),
    );
    const samples = [bin(2, 7, 8, ...be32(zlibCrc32(bin(7, 8)))), bin(0, 0, 0, 0, 0)];
    fc.assert(
      fc.property(hostileBytes(samples), (b) => {
        expectChunkInvariant(Small, b, 3);
      }),
      { numRuns: 150 },
    );
  });
});
