/**
 * The client's errors, besides the reader's (PgError and codec's DecodeErrors, which end the
 * connection): what the server reports (PgServerError, the connection stays usable unless it is
 * FATAL), what the server does against the protocol's order of messages (PgClientError, a
 * DecodeError at the offending message's offset, which ends the connection), and the connection's
 * end (PgConnectionError).
 */
import { DecodeError } from '@stride/codec';

/** An ErrorResponse: the server refused a statement (or, FATAL, the session). */
export class PgServerError extends Error {
  override name = 'PgServerError';
  /** SQLSTATE, e.g. `22012` (division_by_zero). */
  readonly code: string;
  /** `ERROR`, `FATAL` or `PANIC`, not localized (field V; S when the server sends no V). */
  readonly severity: string;
  readonly detail: string | undefined;
  readonly hint: string | undefined;
  /** 1-based character position in the statement where the error was found (field P). */
  readonly position: number | undefined;
  /** Every field as the server sent it, keyed by its one-letter code (S, V, C, M, D, H, P, W …). */
  readonly fields: Readonly<Record<string, string>>;

  constructor(fields: Record<string, string>) {
    super(fields.M ?? 'the server sent an ErrorResponse without a message');
    this.fields = Object.freeze({ ...fields });
    this.code = fields.C ?? '';
    this.severity = fields.V ?? fields.S ?? '';
    this.detail = fields.D;
    this.hint = fields.H;
    this.position = fields.P === undefined ? undefined : Number(fields.P);
  }
}

export const PgClientErrorCode = {
  /** A message the protocol does not allow at this point (a DataRow with no query running …). */
  UNEXPECTED_MESSAGE: 'UNEXPECTED_MESSAGE',
  /** The server answered SSLRequest with `S`: this client speaks no TLS. */
  TLS_NOT_SUPPORTED: 'TLS_NOT_SUPPORTED',
  /** An authentication method this client does not implement (Kerberos, GSSAPI, SSPI, a SASL mechanism other than SCRAM-SHA-256). */
  AUTH_NOT_SUPPORTED: 'AUTH_NOT_SUPPORTED',
  /** A SCRAM-SHA-256 message that is malformed, or a server signature that proves nothing. */
  BAD_SASL: 'BAD_SASL',
} as const;
export type PgClientErrorCode = (typeof PgClientErrorCode)[keyof typeof PgClientErrorCode];

/** The server broke the protocol's sequence; `offset` is the offending message's first byte. */
export class PgClientError extends DecodeError<PgClientErrorCode> {
  override name = 'PgClientError';
}

export type PgConnectionErrorCode = 'CONNECTION_CLOSED' | 'CLIENT_CLOSED' | 'PASSWORD_REQUIRED';

/**
 * The connection is gone or cannot go on: `CONNECTION_CLOSED` (it ended, between messages, before
 * the query's end; `cause` is the socket's error if there was one), `CLIENT_CLOSED` (a query
 * after `close()`), `PASSWORD_REQUIRED` (the server asks for a password and `connect` got none).
 */
export class PgConnectionError extends Error {
  override name = 'PgConnectionError';
  readonly code: PgConnectionErrorCode;
  /** Bytes read from the server when it happened. */
  readonly offset: number;

  constructor(code: PgConnectionErrorCode, message: string, offset: number, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
    this.offset = offset;
  }
}
