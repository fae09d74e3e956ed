/**
 * The errors of @stride/ksy. A fault in a .ksy description itself (bad YAML, an unknown key, a
 * type that does not exist, an expression that does not parse or type-check) is a `KsyError`: its
 * `code` is stable, `path` is the YAML path of the key at fault (`['seq', 2, 'size']`), `line` and
 * `column` (1-based) where that key's value starts in the .ksy source, and `file` the .ksy's name
 * when it was imported. Faults in the data a description reads are codec DecodeErrors (added here
 * as `KsyDecodeError`).
 */
import { DecodeError, type DecodeErrorCode, EncodeError } from '@stride/codec';

export const KsyErrorCode = {
  /** The source is not YAML, or not a mapping at the top. */
  BAD_YAML: 'BAD_YAML',
  /** A key the Kaitai Struct language does not have where it stands, or a value of the wrong kind. */
  BAD_KEY: 'BAD_KEY',
  /** A required key missing (meta.id at the top, id in seq). */
  MISSING_KEY: 'MISSING_KEY',
  /** An identifier that breaks the language's rules (lower_snake_case). */
  BAD_IDENTIFIER: 'BAD_IDENTIFIER',
  /** A type, enum or import that cannot be found. */
  UNKNOWN_NAME: 'UNKNOWN_NAME',
  /** An expression that does not parse. */
  BAD_EXPRESSION: 'BAD_EXPRESSION',
  /** An expression whose operand types do not fit (`"a" + 1`, a method the type lacks). */
  TYPE_MISMATCH: 'TYPE_MISMATCH',
  /** A combination the language forbids (`size` with `size-eos`, `repeat-expr` without `repeat: expr` …). */
  BAD_COMBINATION: 'BAD_COMBINATION',
} as const;
export type KsyErrorCode = (typeof KsyErrorCode)[keyof typeof KsyErrorCode];

/** Where in a .ksy a fault is. */
export interface KsyLocation {
  /** The YAML path: mapping keys and sequence indexes from the document's top. */
  readonly path?: readonly (string | number)[];
  /** 1-based line and column in the .ksy source. */
  readonly line?: number;
  readonly column?: number;
  /** The .ksy's name (as `imports` named it); absent for the main source. */
  readonly file?: string;
}

const MAX_MESSAGE = 400;

/** A fault in a .ksy description, with its YAML path and line. */
export class KsyError extends Error {
  override readonly name = 'KsyError';
  readonly code: KsyErrorCode;
  readonly path: readonly (string | number)[];
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly file: string | undefined;

  constructor(code: KsyErrorCode, message: string, at: KsyLocation = {}) {
    const where = [
      at.file,
      at.line === undefined ? undefined : `line ${at.line}${at.column === undefined ? '' : `:${at.column}`}`,
      at.path && at.path.length > 0 ? at.path.join('/') : undefined,
    ]
      .filter((w) => w !== undefined)
      .join(', ');
    const text = where ? `${message} (${where})` : message;
    super(text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text);
    this.code = code;
    this.path = at.path ?? [];
    this.line = at.line;
    this.column = at.column;
    this.file = at.file;
  }
}

/**
 * Codes of faults in the data a description reads, each with Kaitai's own error kind (what a
 * `.kst` spec's `exception` names) in `KAITAI_ERROR`.
 */
export const KsyDecodeErrorCode = {
  /** A read past the end of its stream (or substream): Kaitai's EndOfStreamError. */
  END_OF_STREAM: 'END_OF_STREAM',
  /** `valid: eq` / `contents` failed: ValidationNotEqualError. */
  NOT_EQUAL: 'NOT_EQUAL',
  /** `valid: min` failed: ValidationLessThanError. */
  LESS_THAN: 'LESS_THAN',
  /** `valid: max` failed: ValidationGreaterThanError. */
  GREATER_THAN: 'GREATER_THAN',
  /** `valid: any-of` failed: ValidationNotAnyOfError. */
  NOT_ANY_OF: 'NOT_ANY_OF',
  /** `valid: in-enum` failed: ValidationNotInEnumError. */
  NOT_IN_ENUM: 'NOT_IN_ENUM',
  /** `valid: expr` failed: ValidationExprError. */
  EXPR_FAILED: 'EXPR_FAILED',
  /** A computed `endian` matched no case: UndecidedEndiannessError. */
  UNDECIDED_ENDIANNESS: 'UNDECIDED_ENDIANNESS',
  /** A string that is not a number in `to_i`: ConversionError. */
  CONVERSION: 'CONVERSION',
  /** A `process` routine refused its data (zlib data that does not inflate): a ProcessError. */
  PROCESS_FAILED: 'PROCESS_FAILED',
  /** A record of a stream that reads no bytes, so the stream would never move on (Stride's own). */
  EMPTY_RECORD: 'EMPTY_RECORD',
  TOO_DEEP: 'TOO_DEEP',
} as const;
export type KsyDecodeErrorCode = (typeof KsyDecodeErrorCode)[keyof typeof KsyDecodeErrorCode];

/** Kaitai's name of each code's error (without the `<type>` of the validation errors). */
export const KAITAI_ERROR: Readonly<Record<KsyDecodeErrorCode, string>> = {
  END_OF_STREAM: 'EndOfStreamError',
  NOT_EQUAL: 'ValidationNotEqualError',
  LESS_THAN: 'ValidationLessThanError',
  GREATER_THAN: 'ValidationGreaterThanError',
  NOT_ANY_OF: 'ValidationNotAnyOfError',
  NOT_IN_ENUM: 'ValidationNotInEnumError',
  EXPR_FAILED: 'ValidationExprError',
  UNDECIDED_ENDIANNESS: 'UndecidedEndiannessError',
  CONVERSION: 'ConversionError',
  PROCESS_FAILED: 'ProcessError',
  EMPTY_RECORD: 'EmptyRecordError',
  TOO_DEEP: 'TooDeepError',
};

/** Every code a decode with a description can fail with: its own and codec's (`INCOMPLETE` in a stream, limits). */
export type KsyReadErrorCode = KsyDecodeErrorCode | DecodeErrorCode;

/** A fault in the data a description reads: `offset` absolute, `path` the fields from the top type. */
export class KsyDecodeError extends DecodeError<KsyDecodeErrorCode> {
  override name = 'KsyDecodeError';
  /**
   * The object being read when the fault came (the top one, from `decode`), as far as it was read:
   * its fields before the one at fault, and that one as far as it went (a list with its items so
   * far, the item at fault last), as Kaitai's `ks-debug` parsers leave it. Undefined when the fault
   * came reading an instance after the decode.
   */
  readonly partial: object | undefined;
  /** Kaitai's name of this error's kind (`ValidationNotEqualError` …). */
  get kaitaiName(): string {
    return KAITAI_ERROR[this.code];
  }
}

/** An error leaving a read or write function: its field `at` (and array index `ix`) added to its path. */
export function withinField(error: unknown, at: string, ix: number): unknown {
  if ((error instanceof DecodeError || error instanceof EncodeError) && at !== '') {
    if (ix >= 0) error.within(ix);
    error.within(at);
  }
  return error;
}

const unplaced = new WeakSet<KsyDecodeError>();

/**
 * A fault of an expression's value (a ConversionError: `to_i` of a string that is no number), which
 * knows no stream: the read function it leaves places it where its stream was (`placeAt`).
 */
export function conversionError(detail: string, actual?: string): KsyDecodeError {
  const error = new KsyDecodeError('CONVERSION', detail, {
    offset: 0,
    ...(actual !== undefined && { actual }),
  });
  unplaced.add(error);
  return error;
}

/** Gives an expression's fault (see conversionError) the offset where it came, once. */
export function placeAt(error: unknown, offset: number): void {
  if (!(error instanceof KsyDecodeError) || !unplaced.delete(error)) return;
  (error as { offset: number }).offset = offset;
  (error as { excerptStart: number }).excerptStart = offset;
}

/**
 * What a type's read function does with an error leaving it (the generated code calls it): the
 * partial object of its field `at` (item `ix`) is put in its place in `self`, the object it was
 * reading, which becomes the error's partial object. Without `self` (an instance's read function,
 * run from an expression of whatever field was being read) the partial object is dropped, so that
 * it cannot be taken for that field's value.
 */
export function keepPartial(error: unknown, at: string, ix: number, self?: Record<string, unknown>): unknown {
  if (!(error instanceof KsyDecodeError)) return error;
  const inner = error.partial;
  if (self !== undefined && inner !== undefined && at !== '') {
    const value = self[at];
    if (ix < 0 && value === undefined) self[at] = inner;
    else if (ix >= 0 && Array.isArray(value) && value.length === ix) value.push(inner);
  }
  (error as { partial: object | undefined }).partial = self;
  return error;
}
