/**
 * The errors of reading RESP. Every one is a DecodeError from @stride/codec with a stable code and
 * the absolute stream offset of the byte at fault: codec finds every fault inside a value, so each
 * keeps codec's class (a ValidationError, a TagError, a LimitError …) and is recoded with RESP's
 * codes below; a stream cut inside a value is codec's IncompleteError (`INCOMPLETE`).
 */
import { DecodeError, type DecodeErrorCode, LimitError } from '@stride/codec';

export const RedisErrorCode = {
  /** A type byte that names no RESP type. */
  BAD_TYPE: 'BAD_TYPE',
  /** A length or count that is not one: a sign, a non-digit, a leading zero, too many digits, `-n` other than -1. */
  BAD_LENGTH: 'BAD_LENGTH',
  /** A value that does not match its type: an integer, a double, a boolean, a missing CRLF, a verbatim format … */
  BAD_VALUE: 'BAD_VALUE',
  /** A line (simple string, error, number, inline command) longer than `maxLineBytes` without its CRLF. */
  LINE_TOO_LONG: 'LINE_TOO_LONG',
  /** A bulk string over `maxBulkBytes`, an aggregate over `maxArrayLength`, a reply over `maxReplyBytes`. */
  TOO_LARGE: 'TOO_LARGE',
  /** Aggregates nested deeper than `maxDepth`. */
  TOO_DEEP: 'TOO_DEEP',
} as const;
export type RedisErrorCode = (typeof RedisErrorCode)[keyof typeof RedisErrorCode];

/** Every code an error from reading RESP carries: RESP's and codec's (`INCOMPLETE` …). */
export type RedisReadErrorCode = RedisErrorCode | DecodeErrorCode;

/** What `refine` says a length over maxBulkBytes is not (value.ts builds it with this prefix). */
export const LENGTH_BOUND = 'a length of at most';

/**
 * A fault in a length or count. Lengths and counts are the only unsigned decimals of the schema,
 * with codec's default digit bound (value.ts), so codec's own expectations tell them apart from an
 * integer's or a big number's: `digits, then …` (not `digits after an optional -`), `at most 16 digits`.
 */
function inLength(e: DecodeError<string>): boolean {
  return (
    e.expected !== undefined && (e.expected.startsWith('digits, then') || e.expected === 'at most 16 digits')
  );
}

/**
 * A codec fault recoded in RESP's terms (in place: the decoder raises the same error object again
 * on later calls, so this must be idempotent).
 */
export function redisError(e: unknown): unknown {
  if (!(e instanceof DecodeError)) return e;
  if ((e.code as string) in RedisErrorCode) return e;
  switch (e.code) {
    case 'BAD_TAG':
      return e.recode('BAD_TYPE', `unknown RESP type ${e.actual ?? ''}`);
    case 'LIMIT_EXCEEDED': {
      const limit = e instanceof LimitError ? e.limit : '';
      if (limit === 'maxDepth') return e.recode('TOO_DEEP');
      if (limit === 'maxLength') return e.recode('LINE_TOO_LONG');
      if (limit === 'maxDigits') return e.recode(inLength(e) ? 'BAD_LENGTH' : 'BAD_VALUE');
      if (limit === 'section') return e.recode('BAD_VALUE');
      return e.recode('TOO_LARGE');
    }
    case 'VALIDATION_FAILED':
      if (e.expected?.startsWith(LENGTH_BOUND)) return e.recode('TOO_LARGE');
      return e.recode(inLength(e) ? 'BAD_LENGTH' : 'BAD_VALUE');
    case 'INCOMPLETE':
      return e;
    default:
      return e.recode(inLength(e) && inLength(e) ? 'BAD_LENGTH' : 'BAD_VALUE');
  }
}
