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
}

export const defaultPngLimits: Readonly<PngLimits> = Object.freeze({
  maxChunkBytes: 8_000_000,
  maxInflatedBytes: 8_000_000,
  maxTextChunks: 1000,
  maxWidth: 1_000_000,
  maxHeight: 1_000_000,
});

export function resolvePngLimits(partial: Partial<PngLimits> | undefined): PngLimits {
  return { ...defaultPngLimits, ...partial };
}
