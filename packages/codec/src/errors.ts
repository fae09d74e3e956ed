/**
 * The error family. DecodeError, its base subclasses and EncodeError live in @stride/view (so a
 * BufferChain raises them too) and are re-exported here as the very same classes; this module adds
 * codec's own subclasses and the union of the codes codec raises.
 *
 * Every failure on bad input is a DecodeError subclass with a stable `code`, the absolute stream
 * `offset` of the byte at fault, the field `path` (`items[3].name`), what was `expected` and what
 * was `actual`, and a hex excerpt of the bytes around the offset.
 */
import {
  type DecodeErrorDetails,
  DecodeError as StreamDecodeError,
  EncodeError as StreamEncodeError,
  type StreamErrorCode,
  IncompleteError as StreamIncompleteError,
  OffsetError as StreamOffsetError,
  ValidationError as StreamValidationError,
} from '@stride/view';

export type { DecodeErrorDetails, PathSegment, StreamErrorCode } from '@stride/view';

/*
 * The classes are re-exported as constants of this module, not with `export … from`: a catch
 * clause at the bottom of an exhausted stack (`e instanceof EncodeError` as a deep value unwinds)
 * must reach the class in one step, and a module loader that implements a re-export as a chain of
 * getters (Vitest's does) can fail there with a TypeError instead of the RangeError that
 * `TOO_DEEP` is made from.
 */
export type EncodeError = StreamEncodeError;
export const EncodeError: typeof StreamEncodeError = StreamEncodeError;
export type IncompleteError = StreamIncompleteError;
export const IncompleteError: typeof StreamIncompleteError = StreamIncompleteError;
export type OffsetError = StreamOffsetError;
export const OffsetError: typeof StreamOffsetError = StreamOffsetError;
export type ValidationError = StreamValidationError;
export const ValidationError: typeof StreamValidationError = StreamValidationError;

/** Every code a DecodeError from @stride/view or @stride/codec carries; protocol packages add theirs. */
export type DecodeErrorCode =
  | StreamErrorCode
  | 'LIMIT_EXCEEDED'
  | 'CHECKSUM_MISMATCH'
  | 'BAD_CONSTANT'
  | 'BAD_TAG'
  | 'TRAILING_BYTES';

/**
 * @stride/view's DecodeError, the very same class, typed here with codec's codes: `DecodeError` in a
 * signature narrows on `switch (e.code)`, as does each subclass (`IncompleteError`: `INCOMPLETE`)
 * and a protocol's (`PngError`). After `e instanceof DecodeError` the code is untyped: the error may
 * come from any protocol.
 */
export type DecodeError<C extends string = DecodeErrorCode> = StreamDecodeError<C>;
export const DecodeError: typeof StreamDecodeError = StreamDecodeError;

/** A checksum over a span did not match the one stored. */
export class ChecksumError extends DecodeError<'CHECKSUM_MISMATCH'> {
  override name = 'ChecksumError';
  constructor(detail: string, details: DecodeErrorDetails) {
    super('CHECKSUM_MISMATCH', detail, details);
  }
}

/** A length, count, depth or size went past a configured limit (or past its enclosing section). */
export class LimitError extends DecodeError<'LIMIT_EXCEEDED'> {
  override name = 'LimitError';
  /** Which limit: `maxRecordBytes`, `maxArrayLength`, `maxDepth`, `section`, or a codec's own. */
  readonly limit: string;
  constructor(limit: string, detail: string, details: DecodeErrorDetails) {
    super('LIMIT_EXCEEDED', detail, details);
    this.limit = limit;
  }
}

/** A magic constant or fixed value did not match. */
export class ConstantError extends DecodeError<'BAD_CONSTANT'> {
  override name = 'ConstantError';
  constructor(detail: string, details: DecodeErrorDetails) {
    super('BAD_CONSTANT', detail, details);
  }
}

/** A union's tag matched no variant. */
export class TagError extends DecodeError<'BAD_TAG'> {
  override name = 'TagError';
  constructor(detail: string, details: DecodeErrorDetails) {
    super('BAD_TAG', detail, details);
  }
}

/** `decode()` consumed the record but bytes were left over (pass `allowTrailing` to accept them). */
export class TrailingBytesError extends DecodeError<'TRAILING_BYTES'> {
  override name = 'TrailingBytesError';
  constructor(detail: string, details: DecodeErrorDetails) {
    super('TRAILING_BYTES', detail, details);
  }
}

/** Hex of bytes, space separated. */
export function hex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++)
    out += (i === 0 ? '' : ' ') + (bytes[i] as number).toString(16).padStart(2, '0');
  return out;
}
