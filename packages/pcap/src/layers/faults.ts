/**
 * LayerErrors as the layer decoders raise them: a fault at an offset with what was expected and
 * found, and a header cut short by the end of the data.
 */
import { LayerError, LayerErrorCode } from '../errors.js';

/** A LayerError at `offset`, with what was expected and what was found. */
export function layerError(
  code: LayerErrorCode,
  offset: number,
  detail: string,
  expected?: string,
  actual?: string,
): LayerError {
  return new LayerError(code, detail, { offset, expected, actual });
}

/** The LayerError for a header of `length` bytes at `offset` that `data` cuts short. */
export function truncated(what: string, offset: number, length: number, data: Uint8Array): LayerError {
  const left = Math.max(0, data.length - offset);
  return layerError(
    LayerErrorCode.HEADER_TRUNCATED,
    offset,
    `the ${what} needs ${length} bytes, ${left} left`,
    `${length} bytes`,
    `${left} bytes`,
  );
}
