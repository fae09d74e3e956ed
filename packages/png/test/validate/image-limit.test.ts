/** `limits.maxImageBytes`: validatePng refuses to inflate an image larger than the limit, at IHDR. */
import { deflateSync } from 'node:zlib';
import { defaultPngLimits, validatePng } from '@stride/png';
import { readPng } from '@stride/png/rx';
import { lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { iend, ihdr, png } from '../read/build.js';

describe('limits.maxImageBytes', () => {
  it('defaults to 256 MiB of pixel data (an 8192 x 8192 8-bit RGBA image)', () => {
    expect(defaultPngLimits.maxImageBytes).toBe(8192 * 8192 * 4);
  });

  it('an IHDR promising 4 GiB is IMAGE_TOO_LARGE at IHDR, before any inflating', async () => {
    // 32768 x 32768 RGBA: 4 GiB of pixels, allowed by IHDR and by maxWidth/maxHeight. The IDAT is
    // 4 MB of zeros' deflate: inflating it all would take tens of seconds.
    const zeros = deflateSync(new Uint8Array(4 << 20));
    const bytes = png(ihdr(32768, 32768, 8, 6), ['IDAT', zeros], iend);
    const t0 = performance.now();
    const report = await validatePng(bytes);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(report.valid).toBe(false);
    expect(report.errors).toEqual([
      { code: 'IMAGE_TOO_LARGE', offset: 8, message: expect.stringContaining('over limits.maxImageBytes') },
    ]);
    expect(report.error?.path).toBe('chunks[0]');
    expect(report.chunks.map((c) => c.type)).toEqual([]); // IHDR's own event comes after its rules
    // Reading without inflating is not limited.
    const events = await lastValueFrom(readPng(bytes).pipe(toArray()));
    expect(events.filter((e) => e.kind === 'chunk').map((e) => e.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
  });

  it('counts pixel bytes without filter bytes, Adam7 passes included: exactly the limit passes', async () => {
    // 5x3 truecolour, 8-bit: 45 bytes of pixels (48 inflated with the filter bytes).
    const rows = new Uint8Array(3 * 16);
    const plain = png(ihdr(5, 3, 8, 2), ['IDAT', deflateSync(rows)], iend);
    expect((await validatePng(plain, { limits: { maxImageBytes: 45 } })).valid).toBe(true);
    const over = await validatePng(plain, { limits: { maxImageBytes: 44 } });
    expect(over.errors.map((e) => e.code)).toEqual(['IMAGE_TOO_LARGE']);
    expect(over.errors[0]?.message).toContain('5x3 image of 45 bytes of pixel data');
    // Adam7 on 5x3: passes 1 (1x1), 2 (1x1), 3 (2x1), 4 (1x2)... each row rounded to whole bytes.
    const interlaced = png(ihdr(5, 3, 8, 2, 1), ['IDAT', deflateSync(new Uint8Array(64))], iend);
    const adam7 = await validatePng(interlaced, { limits: { maxImageBytes: 44 } });
    expect(adam7.errors.map((e) => e.code)).toEqual(['IMAGE_TOO_LARGE']);
    expect(adam7.errors[0]?.message).toContain('45 bytes of pixel data');
  });
});
