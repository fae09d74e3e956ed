/**
 * One query's run on the connection: the messages that answer it, from the first after its request
 * to the ReadyForQuery that ends it, turned into the subscriber's rows (or COPY data), error or
 * completion. A server error (non-FATAL) or a value that does not decode is kept and delivered at
 * the ReadyForQuery, after the rows before it: the connection is ready again when the subscriber
 * hears of it. A cancelled job (its subscriber unsubscribed) drains its messages silently.
 */
import { DecodeError } from '@stride/codec';
import type { Subscriber } from 'rxjs';
import type { BackendMessageBytes } from '../messages/backend.js';
import { encodeFrontend } from '../messages/encode.js';
import { PgClientError, PgServerError } from './errors.js';
import { rowReader } from './values.js';

/** Rows (`query`) or COPY's data (`copyOut`). */
export type JobKind = 'rows' | 'copy';

/** What the client answers a COPY FROM STDIN with: this client sends no COPY data. */
const COPY_FAIL = encodeFrontend({
  type: 'CopyFail',
  message: 'COPY FROM STDIN is not supported by this client',
});

/** Messages that need nothing of a job: the extended protocol's acknowledgements and the like. */
const IGNORED = new Set([
  'ParseComplete',
  'BindComplete',
  'CloseComplete',
  'NoData',
  'ParameterDescription',
  'PortalSuspended',
  'CopyDone',
]);

export class Job {
  readonly kind: JobKind;
  /** The bytes to send when the job's turn comes. */
  readonly request: Uint8Array;
  /** Set when the subscriber unsubscribes: messages are still read, nothing is delivered. */
  cancelled = false;
  readonly #subscriber: Subscriber<unknown>;
  #row: ReturnType<typeof rowReader> | undefined;
  #rows = 0;
  #error: unknown;

  constructor(kind: JobKind, request: Uint8Array, subscriber: Subscriber<unknown>) {
    this.kind = kind;
    this.request = request;
    this.#subscriber = subscriber;
  }

  /**
   * Takes one message (`at`: its absolute offset); true once the ReadyForQuery that ends the job
   * has come. `send` writes a reply to the server. A message that has no place here is a
   * PgClientError, thrown: the connection cannot go on.
   */
  handle(m: BackendMessageBytes, at: number, send: (bytes: Uint8Array) => void): boolean {
    switch (m.type) {
      case 'RowDescription':
        this.#row = rowReader(m.fields);
        if (this.kind === 'copy')
          this.#error ??= new TypeError('copyOut(): the statement returned rows, not COPY data: use query()');
        return false;
      case 'DataRow':
        this.#dataRow(m.columns, at);
        return false;
      case 'CommandComplete':
      case 'EmptyQueryResponse':
        this.#row = undefined;
        return false;
      case 'ErrorResponse':
        this.#error ??= new PgServerError(m.fields);
        this.#row = undefined;
        return false;
      case 'CopyOutResponse':
        if (this.kind === 'rows')
          this.#error ??= new TypeError('query(): the statement is a COPY … TO STDOUT: use copyOut()');
        return false;
      case 'CopyData':
        if (this.kind === 'copy' && !this.cancelled && this.#error === undefined)
          this.#subscriber.next(m.data.slice()); // a copy: the view would pin the socket's buffer
        return false;
      case 'CopyInResponse':
        send(COPY_FAIL);
        return false;
      case 'ReadyForQuery':
        this.#end();
        return true;
      default:
        if (IGNORED.has(m.type)) return false;
        throw new PgClientError('UNEXPECTED_MESSAGE', `a ${m.type} message while a query runs`, {
          offset: at,
        });
    }
  }

  /** The connection failed: the subscriber hears of it (unless it left). */
  fail(error: unknown): void {
    if (!this.cancelled) this.#subscriber.error(error);
  }

  #dataRow(columns: readonly (Uint8Array | null)[], at: number): void {
    const read = this.#row;
    if (read === undefined)
      throw new PgClientError('UNEXPECTED_MESSAGE', 'a DataRow without a RowDescription before it', {
        offset: at,
      });
    const index = this.#rows++;
    if (this.cancelled || this.#error !== undefined || this.kind !== 'rows') return;
    let row: Record<string, unknown>;
    try {
      row = read(columns, at);
    } catch (e) {
      // A value the server sent that its type's codec refuses: this query fails, the connection goes on.
      this.#error = e instanceof DecodeError ? e.within(index).within('rows') : e;
      return;
    }
    this.#subscriber.next(row);
  }

  #end(): void {
    if (this.cancelled) return;
    if (this.#error !== undefined) this.#subscriber.error(this.#error);
    else this.#subscriber.complete();
  }
}
