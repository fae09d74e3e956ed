/**
 * PNG's errors and warnings. Every rule this package checks has a stable code, listed here, and
 * every report names the absolute offset of the byte at fault (a chunk's own rule: the chunk's
 * first byte, its length field).
 *
 * Errors are DecodeErrors from @stride/codec: `PngError` for PNG's rules, and codec's own
 * `IncompleteError` (truncation) and `LimitError` (a configured limit) where those fit. A fault
 * codec finds inside a chunk's fields keeps its class (a ValidationError, a ConstantError …) and
 * is recoded `BAD_CHUNK_DATA`, with its path and offset.
 */
import { DecodeError, type DecodeErrorCode, type DecodeErrorDetails } from '@stride/codec';

/** Codes of the errors that stop a read. */
export const PngErrorCode = {
  /** The 8-byte signature differs (the message names the byte and a CR/LF hint where it fits). */
  BAD_SIGNATURE: 'BAD_SIGNATURE',
  /** A length field above 2^31-1, refused before anything is allocated. */
  LENGTH_OUT_OF_RANGE: 'LENGTH_OUT_OF_RANGE',
  /** A chunk type byte that is not an ASCII letter. */
  BAD_CHUNK_TYPE: 'BAD_CHUNK_TYPE',
  /** A chunk's stored CRC differs from the one computed over its type and data. */
  CRC_MISMATCH: 'CRC_MISMATCH',
  /** The first chunk is not IHDR. */
  IHDR_NOT_FIRST: 'IHDR_NOT_FIRST',
  /** IHDR's data is not 13 bytes. */
  IHDR_BAD_LENGTH: 'IHDR_BAD_LENGTH',
  /** Width or height is 0 or above 2^31-1. */
  IHDR_BAD_DIMENSIONS: 'IHDR_BAD_DIMENSIONS',
  IHDR_BAD_COLOR_TYPE: 'IHDR_BAD_COLOR_TYPE',
  /** A bit depth the colour type does not allow. */
  IHDR_BAD_BIT_DEPTH: 'IHDR_BAD_BIT_DEPTH',
  IHDR_BAD_COMPRESSION: 'IHDR_BAD_COMPRESSION',
  IHDR_BAD_FILTER: 'IHDR_BAD_FILTER',
  IHDR_BAD_INTERLACE: 'IHDR_BAD_INTERLACE',
  /** A second IHDR or PLTE (critical chunks that may appear once). */
  DUPLICATE_CRITICAL_CHUNK: 'DUPLICATE_CRITICAL_CHUNK',
  /** PLTE length not a multiple of 3, empty, or more entries than 256 or than the bit depth allows. */
  PLTE_BAD_LENGTH: 'PLTE_BAD_LENGTH',
  /** PLTE in a greyscale image (colour types 0 and 4). */
  PLTE_NOT_ALLOWED: 'PLTE_NOT_ALLOWED',
  /** PLTE after the first IDAT. */
  PLTE_AFTER_IDAT: 'PLTE_AFTER_IDAT',
  /** An indexed-colour image (type 3) reached IDAT without PLTE. */
  MISSING_PLTE: 'MISSING_PLTE',
  /** IEND came before any IDAT. */
  MISSING_IDAT: 'MISSING_IDAT',
  /** IDAT chunks separated by another chunk. */
  IDAT_NOT_CONSECUTIVE: 'IDAT_NOT_CONSECUTIVE',
  /** The input ended after whole chunks but before IEND. */
  MISSING_IEND: 'MISSING_IEND',
  /** A critical chunk this reader does not know (with `unknownCritical: 'error'`, the default). */
  UNKNOWN_CRITICAL_CHUNK: 'UNKNOWN_CRITICAL_CHUNK',
  /** APNG: fcTL/fdAT sequence numbers not 0, 1, 2 … */
  APNG_BAD_SEQUENCE: 'APNG_BAD_SEQUENCE',
  /** APNG: the number of fcTL chunks differs from acTL's num_frames, or acTL is missing. */
  APNG_FRAME_COUNT: 'APNG_FRAME_COUNT',
  /** APNG: fdAT before IDAT, fdAT without its fcTL, a second fcTL before IDAT, a frame outside the image. */
  APNG_BAD_ORDER: 'APNG_BAD_ORDER',
  /** A field of a critical chunk (or of a chunk being decoded) holds a value the spec forbids. */
  BAD_CHUNK_DATA: 'BAD_CHUNK_DATA',
  /**
   * `imageData` only: IHDR promises more pixel bytes than `limits.maxImageBytes` (raised at IHDR,
   * before anything is inflated).
   */
  IMAGE_TOO_LARGE: 'IMAGE_TOO_LARGE',
  /** validatePng: the IDAT stream is not valid zlib data. */
  BAD_IMAGE_DATA: 'BAD_IMAGE_DATA',
  /** validatePng: the IDAT stream ended before the scanlines IHDR promises. */
  NOT_ENOUGH_IMAGE_DATA: 'NOT_ENOUGH_IMAGE_DATA',
} as const;
export type PngErrorCode = (typeof PngErrorCode)[keyof typeof PngErrorCode];

/** Codes of warnings: the read goes on. */
export const PngWarningCode = {
  /** A second copy of an ancillary chunk that may appear once (ignored, as libpng does). */
  DUPLICATE_CHUNK: 'DUPLICATE_CHUNK',
  /**
   * An ancillary chunk out of its place (e.g. gAMA after PLTE, tRNS after IDAT). acTL after IDAT
   * is one too (libpng's APNG reader: "Invalid acTL after IDAT skipped"): it is ignored, and the
   * file is read as a still image.
   */
  MISPLACED_CHUNK: 'MISPLACED_CHUNK',
  /** Bytes after IEND (the message gives how many). */
  DATA_AFTER_IEND: 'DATA_AFTER_IEND',
  /** An ancillary chunk whose data the spec forbids (wrong size, bad value): its fields are left out. */
  BAD_CHUNK_DATA: 'BAD_CHUNK_DATA',
  /** Lenient CRC mode: an ancillary chunk's CRC differs (delivered with `crcOk: false`, no fields). */
  CRC_MISMATCH: 'CRC_MISMATCH',
  /** Colour chunks that should not stand together (iCCP with sRGB) or without each other (mDCV without cICP). */
  COLOUR_CHUNK_CONFLICT: 'COLOUR_CHUNK_CONFLICT',
  /** The third letter of a chunk type is lowercase: the datastream follows a later PNG version. */
  RESERVED_BIT_SET: 'RESERVED_BIT_SET',
  /** An unknown critical chunk, with `unknownCritical: 'warn'`. */
  UNKNOWN_CRITICAL_CHUNK: 'UNKNOWN_CRITICAL_CHUNK',
  /**
   * IEND's data field is not empty (libpng: a benign error, a warning by default). The data is
   * not parsed; the image ends there as usual.
   */
  IEND_NOT_EMPTY: 'IEND_NOT_EMPTY',
  /**
   * With `misplacedCritical: 'warn'`: a critical chunk out of its place, the error of the same
   * code let through (the read goes on with what it has).
   */
  IHDR_NOT_FIRST: 'IHDR_NOT_FIRST',
  DUPLICATE_CRITICAL_CHUNK: 'DUPLICATE_CRITICAL_CHUNK',
  PLTE_AFTER_IDAT: 'PLTE_AFTER_IDAT',
  MISSING_PLTE: 'MISSING_PLTE',
  MISSING_IDAT: 'MISSING_IDAT',
  IDAT_NOT_CONSECUTIVE: 'IDAT_NOT_CONSECUTIVE',
  /** More text/sPLT chunks than `limits.maxTextChunks`: the rest are listed but not decoded. */
  TOO_MANY_TEXT_CHUNKS: 'TOO_MANY_TEXT_CHUNKS',
  /** A chunk over `limits.maxChunkBytes` was streamed in pieces, so its fields are not decoded. */
  FIELDS_NOT_DECODED: 'FIELDS_NOT_DECODED',
  /** validatePng: image data after the scanlines IHDR promises, or bytes after the zlib stream. */
  EXTRA_IMAGE_DATA: 'EXTRA_IMAGE_DATA',
} as const;
export type PngWarningCode = (typeof PngWarningCode)[keyof typeof PngWarningCode];

/**
 * Every code an error from reading a PNG carries: PNG's own and codec's (`INCOMPLETE`,
 * `LIMIT_EXCEEDED`), so `switch (e.code)` on a `DecodeError<PngReadErrorCode>` narrows.
 */
export type PngReadErrorCode = PngErrorCode | DecodeErrorCode;

/** A PNG rule was broken. `code` is one of `PngErrorCode`. */
export class PngError extends DecodeError<PngErrorCode> {
  override name = 'PngError';
  constructor(code: PngErrorCode, detail: string, details: DecodeErrorDetails) {
    super(code, detail, details);
  }
}
