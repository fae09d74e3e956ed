/**
 * The client's errors, besides the reader's (codec's DecodeErrors with RESP codes, which end the
 * connection) and the server's error replies (RedisReplyError, from values/plain.ts, after which the
 * connection goes on): a reply the client has no command for (RedisClientError, a DecodeError at the
 * reply's offset, which ends the connection), and the connection's end (RedisConnectionError).
 */
import { DecodeError } from '@stride/codec';

export type RedisClientErrorCode = 'UNEXPECTED_REPLY';

/** The server sent a reply when no command waits for one; `offset` is the reply's first byte. */
export class RedisClientError extends DecodeError<RedisClientErrorCode> {
  override name = 'RedisClientError';
}

export type RedisConnectionErrorCode = 'CONNECTION_CLOSED' | 'CLIENT_CLOSED' | 'CONNECT_TIMEOUT';

/**
 * The connection is gone or cannot go on: `CONNECTION_CLOSED` (refused, failed or ended before the
 * command's reply; `cause` is the socket's error, or the IncompleteError of a reply cut short),
 * `CLIENT_CLOSED` (a command after `close()`), `CONNECT_TIMEOUT` (no connection and handshake
 * within `connectTimeoutMs`).
 */
export class RedisConnectionError extends Error {
  override name = 'RedisConnectionError';
  readonly code: RedisConnectionErrorCode;
  /** Where the server's stream stood when it happened: the bytes of the replies read whole. */
  readonly offset: number;

  constructor(code: RedisConnectionErrorCode, message: string, offset: number, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
    this.offset = offset;
  }
}
