/**
 * @stride/pg/client: a small PostgreSQL client over node:net, its rows as RxJS Observables. One
 * connection, one PgReader reading it; queries run one at a time; results in text or binary format,
 * decoded by type OID.
 *
 * Every StartupMessage sets TimeZone=UTC, DateStyle=ISO and client_encoding=UTF8
 * (`FIXED_PARAMETERS`): the types' string forms assume them (a timestamptz reads '… +00').
 */
import { type ConnectOptions, openClient, type PgClient } from './client.js';

export {
  type ConnectOptions,
  FIXED_PARAMETERS,
  type PgClient,
  type PgNotification,
  type QueryOptions,
  type ResultFormat,
} from './client.js';
export {
  PgClientError,
  PgClientErrorCode,
  PgConnectionError,
  type PgConnectionErrorCode,
  PgServerError,
} from './errors.js';
export { PgParam, typed } from './values.js';

/**
 * Connects, authenticates (trust, cleartext password, MD5 or SCRAM-SHA-256) and resolves once the
 * server is ready for queries. Rejects with a PgServerError (a bad password, an unknown database
 * …), a PgClientError (TLS asked for and offered, an unsupported authentication method), a
 * PgConnectionError (refused, closed) or a DecodeError from the reader.
 */
export function connect(options: ConnectOptions): Promise<PgClient> {
  try {
    return openClient(options);
  } catch (e) {
    return Promise.reject(e);
  }
}
