/**
 * Limits against hostile files, with libpng's defaults (png_set_user_limits,
 * png_set_chunk_cache_max, png_set_chunk_malloc_max): no length read from the input sizes an
 * allocation past them.
 */
export interface PngLimits {
  /**
   * Largest chunk held whole (default 8,000,000 bytes, libpng's USER_CHUNK_MALLOC_MAX). A larger
   * chunk is streamed: a `header` event, its data in `data` events as it arrives, an `end` event
   * with the CRC verdict. Its fields are not decoded.
   */
  maxChunkBytes: number;
  /** Largest decompressed zTXt/iTXt text or iCCP profile (default 8,000,000, as libpng). */
  maxInflatedBytes: number;
  /** tEXt, zTXt, iTXt and sPLT chunks decoded (default 1000, libpng's chunk cache); the rest are listed only. */
  maxTextChunks: number;
  /** Largest IHDR width (default 1,000,000, libpng's USER_WIDTH_MAX). */
  maxWidth: number;
  /** Largest IHDR height (default 1,000,000, libpng's USER_HEIGHT_MAX). */
  maxHeight: number;
  /**
   * With `imageData`: the largest image whose data is inflated, in bytes of pixel data (the
   * scanlines IHDR promises without their filter-type bytes, Adam7 passes included). Default
   * 268,435,456 (256 MiB: an 8192 x 8192 8-bit RGBA image). A larger image is an IMAGE_TOO_LARGE
   * error at IHDR, before anything is inflated: inflating costs time in proportion (~7 ms per MiB
   * here), and a 4 MB IDAT may legally inflate to 4 GiB. libpng has no such limit of its own (its
   * user limits stop at 1,000,000 x 1,000,000 pixels); an application sets one by what it can hold.
   */
  maxImageBytes: number;
}

export const defaultPngLimits: Readonly<PngLimits> = Object.freeze({
  maxChunkBytes: 8_000_000,
  maxInflatedBytes: 8_000_000,
  maxTextChunks: 1000,
  maxWidth: 1_000_000,
  maxHeight: 1_000_000,
  maxImageBytes: 256 * 1024 * 1024,
});

export function resolvePngLimits(partial: Partial<PngLimits> | undefined): PngLimits {
  return { ...defaultPngLimits, ...partial };
}
