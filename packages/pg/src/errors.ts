/**
 * The errors of reading PostgreSQL's protocol. Every one is a DecodeError from @stride/codec with a
 * stable code and the absolute stream offset of the byte at fault. A fault codec finds inside a
 * message keeps its class (a ValidationError, a TagError …) and is recoded with PostgreSQL's terms
 * below; a stream cut inside a message is codec's IncompleteError (`INCOMPLETE`).
 */
import { DecodeError, type DecodeErrorCode, type DecodeErrorDetails, LimitError } from '@stride/codec';

export const PgErrorCode = {
  /** A message length below 4 (the length counts itself; a startup message too short for its code is BAD_MESSAGE). */
  BAD_LENGTH: 'BAD_LENGTH',
  /** A message longer than `maxMessageBytes`, refused when its length is read (nothing is held for it). */
  MESSAGE_TOO_LARGE: 'MESSAGE_TOO_LARGE',
  /** A type byte that names no message of this direction. */
  UNKNOWN_MESSAGE: 'UNKNOWN_MESSAGE',
  /** A message whose body does not match its type (a string without NUL, bytes left over, a bad count …). */
  BAD_MESSAGE: 'BAD_MESSAGE',
  /** A DataRow whose number of columns differs from the RowDescription before it. */
  COLUMN_COUNT: 'COLUMN_COUNT',
  /** Bytes after the server accepted SSL or GSSAPI encryption: the rest of the stream is encrypted. */
  ENCRYPTED: 'ENCRYPTED',
} as const;
export type PgErrorCode = (typeof PgErrorCode)[keyof typeof PgErrorCode];

/** Every code an error from reading the protocol carries: PostgreSQL's and codec's (`INCOMPLETE` …). */
export type PgReadErrorCode = PgErrorCode | DecodeErrorCode;

/** A rule of the protocol was broken. `code` is one of `PgErrorCode`. */
export class PgError extends DecodeError<PgErrorCode> {
  override name = 'PgError';
  constructor(code: PgErrorCode, detail: string, details: DecodeErrorDetails) {
    super(code, detail, details);
  }
}

/** The `expected` of codec's error for a section length that is not a length (a message length below 4). */
const NOT_A_LENGTH = 'a length';

/**
 * A codec fault recoded in PostgreSQL's terms (in place: the decoder raises the same error object
 * again on later calls, so this must be idempotent). `maxMessageBytes`: the limit, for the text.
 */
export function pgError(e: unknown, maxMessageBytes: number): unknown {
  if (!(e instanceof DecodeError) || e instanceof PgError) return e;
  switch (e.code) {
    case 'BAD_TAG':
      return e.recode('UNKNOWN_MESSAGE', `unknown message type ${e.actual ?? ''}`);
    case 'VALIDATION_FAILED':
      if (e.expected === NOT_A_LENGTH && e.path === '') {
        const n = Number(e.actual) + 4;
        return e.recode('BAD_LENGTH', `message length ${n} is below 4 (the length counts itself)`);
      }
      return e.recode('BAD_MESSAGE');
    case 'LIMIT_EXCEEDED':
      // A body that reads past its own section is malformed; past maxRecordBytes, too large.
      if (e instanceof LimitError && e.limit === 'section') return e.recode('BAD_MESSAGE');
      return e.recode(
        'MESSAGE_TOO_LARGE',
        `the message is longer than maxMessageBytes (${maxMessageBytes}); raise it if messages this large are legitimate`,
      );
    case 'INCOMPLETE':
      return e;
    default:
      return (e.code as string) in PgErrorCode ? e : e.recode('BAD_MESSAGE');
  }
}
