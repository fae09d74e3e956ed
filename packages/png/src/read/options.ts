import type { PngLimits } from '../limits.js';

/** How a read treats what it finds. */
export interface PngReadOptions {
  /**
   * CRC mismatches: `'strict'` (default) stops with a CRC_MISMATCH error for any chunk;
   * `'lenient'` does what libpng does by default: an error for a critical chunk, a warning for an
   * ancillary one (delivered with `crcOk: false` and no fields); `'ignore'` delivers every chunk,
   * with `crcOk` telling.
   */
  crc?: 'strict' | 'lenient' | 'ignore';
  /**
   * A critical chunk this reader does not know: `'error'` (default; the spec says an image
   * decoder cannot show the image) or `'warn'` (list it and go on, as a chunk lister may).
   */
  unknownCritical?: 'error' | 'warn';
  /**
   * A critical chunk out of its place: IHDR not first, a second IHDR or PLTE, PLTE after IDAT,
   * IDAT chunks not in one run, no PLTE before an indexed image's IDAT, IEND before IDAT.
   * `'error'` (default) stops the read; `'warn'` reports it as a warning of the same code and goes
   * on with what it has (what `stride png inspect --keep-going` does, as pngcheck -f).
   */
  misplacedCritical?: 'error' | 'warn';
  /**
   * Also inflate the IDAT stream (never keeping it) and check that it holds exactly the scanlines
   * IHDR promises, as pngcheck does. `validatePng` turns this on.
   */
  imageData?: boolean;
  limits?: Partial<PngLimits>;
}
