/**
 * Verdicts anchored on libpng: an acTL after IDAT ("Invalid acTL after IDAT skipped") and a
 * non-empty IEND (a benign error) are warnings, and a file with such an acTL is a still image to
 * the rest of the APNG rules.
 */
import { type PngReadOptions, validatePng } from '@stride/png';
import { describe, expect, it } from 'vitest';
import { fctl, idat, iend, ihdr, png, read, type Spec, u32s } from '../read/build.js';

/** What these tests compare: the warnings (code, chunk, offset), the chunk types and the error. */
function outcome(bytes: Uint8Array, options: PngReadOptions = {}) {
  const { events, warnings, error } = read(bytes, options);
  return {
    error,
    warnings: warnings.map((e) => (e.kind === 'warning' ? [e.code, e.chunk, e.offset] : [])),
    types: events.flatMap((e) => (e.kind === 'chunk' || e.kind === 'end' ? [e.type] : [])),
  };
}

const actl = (frames: number): Spec => ['acTL', u32s(frames, 0)];
const fdat = (seq: number): Spec => ['fdAT', [...u32s(seq), ...(idat()[1] as Uint8Array)]];

/** Offsets of each chunk of `specs` in the file `png(...specs)` makes. */
function offsets(specs: Spec[]): number[] {
  const out: number[] = [];
  let at = 8;
  for (const [, data] of specs) {
    out.push(at);
    at += 12 + (data?.length ?? 0);
  }
  return out;
}

describe('acTL after IDAT (libpng: "Invalid acTL after IDAT skipped")', () => {
  it('is a MISPLACED_CHUNK warning and the file a valid still image', async () => {
    const specs: Spec[] = [ihdr(), idat(), actl(2), iend];
    const bytes = png(...specs);
    const { error, warnings } = outcome(bytes);
    expect(error).toBeUndefined();
    expect(warnings).toEqual([['MISPLACED_CHUNK', 'acTL', offsets(specs)[2]]]);
    const report = await validatePng(bytes);
    expect(report.valid).toBe(true);
    expect(report.warnings[0]?.message).toContain('acTL must come before IDAT');
  });

  it('leaves the file a still image: its fcTL and fdAT are ignored, with warnings, and no frame is counted or checked', async () => {
    // Frames that would break every APNG rule if acTL counted: two announced, one present, a bad
    // sequence number, a frame larger than the image.
    const specs: Spec[] = [ihdr(), idat(), actl(2), fctl(0, 9, 9), fdat(7), iend];
    const bytes = png(...specs);
    const at = offsets(specs);
    for (const options of [{}, { imageData: true }]) {
      const { error, warnings, types } = outcome(bytes, options);
      expect(error).toBeUndefined();
      expect(types).toEqual(['IHDR', 'IDAT', 'acTL', 'fcTL', 'fdAT', 'IEND']);
      expect(warnings).toEqual([
        ['MISPLACED_CHUNK', 'acTL', at[2]],
        ['MISPLACED_CHUNK', 'fcTL', at[3]],
        ['MISPLACED_CHUNK', 'fdAT', at[4]],
      ]);
    }
    expect((await validatePng(bytes)).valid).toBe(true);
  });

  it('an acTL before IDAT still makes an animation whose rules hold; a second one does not replace it', () => {
    expect(outcome(png(ihdr(), actl(1), fctl(0), idat(), iend)).error).toBeUndefined();
    expect(outcome(png(ihdr(), actl(2), fctl(0), idat(), iend)).error?.code).toBe('APNG_FRAME_COUNT');
    // A duplicate acTL (a warning) does not change the frame count the first announced.
    const dup = outcome(png(ihdr(), actl(1), actl(5), fctl(0), idat(), iend));
    expect(dup.error).toBeUndefined();
    expect(dup.warnings.map((w) => w[0])).toEqual(['DUPLICATE_CHUNK']);
    // Nor does a second acTL after IDAT (duplicate and misplaced).
    const late = outcome(png(ihdr(), actl(1), fctl(0), idat(), actl(3), iend));
    expect(late.error).toBeUndefined();
    expect(late.warnings.map((w) => w[0])).toEqual(['DUPLICATE_CHUNK', 'MISPLACED_CHUNK']);
  });
});

describe('IEND with data (libpng: a benign error, a warning by default)', () => {
  it('is an IEND_NOT_EMPTY warning; the image ends there and what follows is data after IEND', async () => {
    const specs: Spec[] = [ihdr(), idat(), ['IEND', [1, 2, 3]]];
    const bytes = png(...specs);
    const { error, warnings, types } = outcome(bytes);
    expect(error).toBeUndefined();
    expect(types).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(warnings).toEqual([['IEND_NOT_EMPTY', 'IEND', offsets(specs)[2]]]);
    const report = await validatePng(bytes);
    expect(report.valid).toBe(true);
    expect(report.chunks.at(-1)).toMatchObject({ type: 'IEND', length: 3, crcOk: true });

    const trailing = new Uint8Array([...bytes, 9, 9]);
    expect(outcome(trailing).warnings.map((w) => w[0])).toEqual(['IEND_NOT_EMPTY', 'DATA_AFTER_IEND']);
  });

  it('streamed (over maxChunkBytes), it still ends the image', () => {
    const bytes = png(ihdr(), idat(), ['IEND', new Uint8Array(40)]);
    const trailing = new Uint8Array([...bytes, 9, 9]);
    const { error, warnings, types } = outcome(trailing, { limits: { maxChunkBytes: 16 } });
    expect(error).toBeUndefined();
    expect(types).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(warnings.map((w) => w[0])).toContain('IEND_NOT_EMPTY');
    expect(warnings.map((w) => w[0])).toContain('DATA_AFTER_IEND');
  });
});
