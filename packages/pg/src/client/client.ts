/**
 * PgClient: one connection to a PostgreSQL server over node:net, read by one PgReader. Queries
 * run one at a time in the order they are subscribed; each is an Observable of its rows.
 */
import { connect as netConnect, type Socket } from 'node:net';
import { encode } from '@stride/codec';
import { Fifo } from '@stride/view/fifo';
import { Observable, Subject } from 'rxjs';
import type { BackendMessageBytes } from '../messages/backend.js';
import { encodeFrontend } from '../messages/encode.js';
import { authenticationResponse } from '../messages/frontend.js';
import { PROTOCOL_3_0 } from '../messages/startup.js';
import { PgReader } from '../read/pg-reader.js';
import { md5Password, SCRAM_SHA_256, Scram } from './auth.js';
import { PgClientError, PgConnectionError, PgServerError } from './errors.js';
import { Job, type JobKind } from './job.js';
import { type BoundParam, bindParam } from './values.js';

export interface ConnectOptions {
  host: string;
  port: number;
  user: string;
  /** Default: the user's name, as the server's own default. */
  database?: string;
  /** For cleartext, MD5 and SCRAM-SHA-256 authentication. */
  password?: string;
  /** Ask for TLS first (SSLRequest); the client goes on in plain text after `N`, and fails on `S`. */
  sslRequest?: boolean;
  /**
   * More run-time parameters for the StartupMessage (application_name …). TimeZone, DateStyle and
   * client_encoding are the client's (see FIXED_PARAMETERS) and may not be given here.
   */
  parameters?: Record<string, string>;
  /** The largest message the client reads, in bytes (PgReader's `maxMessageBytes`; default 2^30 - 1). */
  maxMessageBytes?: number;
}

/** A result column's format: text (format code 0) or binary (1). */
export type ResultFormat = 'text' | 'binary';

export interface QueryOptions {
  /** One format for every result column, or one per column (default text). */
  format?: ResultFormat | readonly ResultFormat[];
}

/** A NotificationResponse: a NOTIFY on a channel this session LISTENs to. */
export interface PgNotification {
  /** The process id of the notifying session's backend. */
  processId: number;
  channel: string;
  payload: string;
}

/**
 * Set in every StartupMessage: the types' string forms assume them (timestamptz printed in UTC,
 * dates in ISO order, text in UTF-8).
 */
export const FIXED_PARAMETERS: Readonly<Record<string, string>> = Object.freeze({
  client_encoding: 'UTF8',
  DateStyle: 'ISO',
  TimeZone: 'UTC',
});

const TERMINATE = encodeFrontend({ type: 'Terminate' });
const SYNC = encodeFrontend({ type: 'Sync' });
const DESCRIBE_PORTAL = encodeFrontend({ type: 'Describe', kind: 'P', name: '' });
const EXECUTE = encodeFrontend({ type: 'Execute', portal: '', maxRows: 0 });
/** After Terminate, how long the server gets to close before the socket is destroyed. */
const CLOSE_GRACE_MS = 2000;

type Phase = 'ssl' | 'auth' | 'startup' | 'ready' | 'closed';

/** Makes a client (the constructor is private: `connect` is the way in). */
export let openClient: (options: ConnectOptions) => Promise<PgClient>;

export class PgClient {
  readonly #socket: Socket;
  readonly #reader: PgReader<'server', 'bytes'>;
  readonly #options: ConnectOptions;
  #phase: Phase;
  /** close() was called: no new queries; Terminate once the queue is empty. */
  #closing = false;
  /** What closed the client, if it failed. */
  #failure: unknown;
  /** A fault found while a chunk's messages are handled, raised once the chunk is done. */
  #fatal: unknown;
  #current: Job | undefined;
  readonly #queue = new Fifo<Job>();
  readonly #parameters: Record<string, string> = {};
  #processId = 0;
  #scram: Scram | undefined;
  readonly #notifications = new Subject<PgNotification>();
  readonly #ready: Promise<PgClient>;
  #settle: { resolve(c: PgClient): void; reject(e: unknown): void } | undefined;
  readonly #closed: Promise<void>;

  static {
    openClient = (options) => new PgClient(options).#ready;
  }

  private constructor(options: ConnectOptions) {
    this.#options = options;
    this.#reader = new PgReader({
      from: 'server',
      columns: 'bytes',
      maxMessageBytes: options.maxMessageBytes,
    });
    const startup = startupMessage(options);
    this.#ready = new Promise((resolve, reject) => {
      this.#settle = { resolve, reject };
    });
    this.#socket = netConnect({ host: options.host, port: options.port });
    this.#socket.setNoDelay(true);
    this.#closed = new Promise((resolve) => this.#socket.once('close', () => resolve()));
    this.#socket.on('data', (chunk: Buffer) => this.#read(chunk));
    this.#socket.on('end', () => this.#ended(undefined));
    this.#socket.on('error', (e) => this.#ended(e));
    this.#socket.on('close', () => this.#ended(undefined));
    if (options.sslRequest) {
      this.#phase = 'ssl';
      this.#socket.write(encodeFrontend({ type: 'SSLRequest' }));
    } else {
      this.#phase = 'auth';
      this.#socket.write(startup);
    }
    this.notifications = this.#notifications.asObservable();
  }

  /**
   * NOTIFY messages for the channels this session LISTENs to, as they arrive (between and during
   * queries). Completes when the client is closed, errors with what failed the connection.
   */
  readonly notifications: Observable<PgNotification>;

  /** The server's run-time parameters (ParameterStatus): server_version, TimeZone … kept current. */
  get parameters(): Readonly<Record<string, string>> {
    return { ...this.#parameters };
  }

  /** The backend's process id (BackendKeyData). */
  get processId(): number {
    return this.#processId;
  }

  /** Whether the client is closed (by close(), or by a failure). */
  get closed(): boolean {
    return this.#phase === 'closed';
  }

  /**
   * Runs `sql` when subscribed, after the queries subscribed before it: the rows as objects keyed
   * by column name (a later column of the same name wins), values decoded by their type OID, then
   * completion at the ReadyForQuery that ends the query. Without parameters and in text format it
   * is a simple Query (several statements allowed, their rows in order); otherwise Parse, Bind,
   * Describe, Execute and Sync, with the result formats asked for. A server error arrives as a
   * PgServerError after the rows before it, and the connection goes on. Unsubscribing early drops
   * the rest of the rows as they arrive. Each subscription runs the query again.
   */
  query<R extends Record<string, unknown> = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Observable<R> {
    return this.#run('rows', () => request(sql, params ?? [], options?.format ?? 'text')) as Observable<R>;
  }

  /** Runs a `COPY … TO STDOUT` statement: its CopyData payloads (each a row in text or CSV format), in order. */
  copyOut(sql: string): Observable<Uint8Array> {
    return this.#run('copy', () => encodeFrontend({ type: 'Query', query: sql })) as Observable<Uint8Array>;
  }

  /**
   * Lets the queries already subscribed finish, then sends Terminate and ends the connection.
   * Resolves once the socket is closed (at once if it already is, failed or not).
   */
  close(): Promise<void> {
    if (this.#phase !== 'closed' && !this.#closing) {
      this.#closing = true;
      this.#next();
    }
    return this.#closed;
  }

  #run(kind: JobKind, build: () => Uint8Array): Observable<unknown> {
    return new Observable((subscriber) => {
      if (this.#phase === 'closed' || this.#closing) {
        subscriber.error(
          this.#failure ??
            new PgConnectionError('CLIENT_CLOSED', 'the client is closed', this.#reader.offset),
        );
        return;
      }
      let bytes: Uint8Array;
      try {
        bytes = build();
      } catch (e) {
        subscriber.error(e); // a parameter or statement that cannot be sent: nothing was
        return;
      }
      const job = new Job(kind, bytes, subscriber);
      this.#queue.push(job);
      this.#next();
      return () => {
        job.cancelled = true;
        this.#queue.remove(job);
      };
    });
  }

  /** Starts the next query if none runs; Terminate after the last one once close() was called. */
  #next(): void {
    if (this.#current !== undefined || this.#phase !== 'ready') return;
    const job = this.#queue.shift();
    if (job !== undefined) {
      this.#current = job;
      this.#socket.write(job.request);
    } else if (this.#closing) this.#terminate();
  }

  #terminate(): void {
    this.#phase = 'closed';
    this.#socket.end(TERMINATE);
    setTimeout(() => this.#socket.destroy(), CLOSE_GRACE_MS).unref();
    this.#notifications.complete();
  }

  #read(chunk: Uint8Array): void {
    if (this.#phase === 'closed') return;
    try {
      this.#reader.write(chunk, this.#deliver);
    } catch (e) {
      this.#fail(this.#fatal ?? e);
      return;
    }
    if (this.#fatal !== undefined) this.#fail(this.#fatal);
  }

  /** The socket ended, failed or closed: the end of the input, then the client's. */
  #ended(cause: Error | undefined): void {
    if (this.#phase === 'closed') return;
    try {
      this.#reader.finish(this.#deliver); // a message cut short is an IncompleteError
    } catch (e) {
      this.#fail(this.#fatal ?? e);
      return;
    }
    const where = `${this.#options.host}:${this.#options.port}`;
    const what = cause
      ? `the connection to ${where} failed: ${cause.message}`
      : `the server at ${where} closed the connection`;
    this.#fail(this.#fatal ?? new PgConnectionError('CONNECTION_CLOSED', what, this.#reader.offset, cause));
  }

  /** Fails every query, running and queued, and the client. */
  #fail(error: unknown): void {
    if (this.#phase === 'closed') return;
    this.#phase = 'closed';
    this.#failure = error;
    this.#socket.destroy();
    const jobs = this.#current ? [this.#current, ...this.#queue.clear()] : this.#queue.clear();
    this.#current = undefined;
    for (const job of jobs) job.fail(error);
    this.#settle?.reject(error);
    this.#notifications.error(error);
  }

  readonly #deliver = (m: BackendMessageBytes | { type: 'SSLResponse'; answer: string }): void => {
    if (this.#fatal !== undefined || this.#phase === 'closed') return;
    try {
      this.#message(m, this.#reader.messageOffset);
    } catch (e) {
      this.#fatal = e;
    }
  };

  #message(m: BackendMessageBytes | { type: 'SSLResponse'; answer: string }, at: number): void {
    switch (m.type) {
      case 'ParameterStatus':
        this.#parameters[m.name] = m.value;
        return;
      case 'NotificationResponse':
        this.#notifications.next({ processId: m.processId, channel: m.channel, payload: m.payload });
        return;
      case 'NoticeResponse':
      case 'NegotiateProtocolVersion':
        return;
      case 'ErrorResponse': {
        const severity = m.fields.V ?? m.fields.S;
        // A FATAL or PANIC error ends the session; outside a query every error does.
        if (severity === 'FATAL' || severity === 'PANIC' || this.#current === undefined)
          throw new PgServerError(m.fields);
      }
    }
    if (this.#phase !== 'ready') {
      this.#startup(m, at);
      return;
    }
    const job = this.#current;
    if (job === undefined)
      throw new PgClientError('UNEXPECTED_MESSAGE', `a ${m.type} message while no query runs`, {
        offset: at,
      });
    if (job.handle(m as BackendMessageBytes, at, (bytes) => this.#socket.write(bytes))) {
      this.#current = undefined;
      this.#next();
    }
  }

  /** The startup phase: the SSL answer, authentication, then the session's parameters up to ReadyForQuery. */
  #startup(m: BackendMessageBytes | { type: 'SSLResponse'; answer: string }, at: number): void {
    if (this.#phase === 'ssl' && m.type === 'SSLResponse') {
      if (m.answer !== 'N')
        throw new PgClientError(
          'TLS_NOT_SUPPORTED',
          `the server answered SSLRequest with '${m.answer}': this client speaks no TLS`,
          {
            offset: at,
          },
        );
      this.#phase = 'auth';
      this.#socket.write(startupMessage(this.#options));
      return;
    }
    if (this.#phase === 'auth' && m.type === 'Authentication') {
      this.#authenticate(m, at);
      return;
    }
    if (this.#phase === 'startup' && m.type === 'BackendKeyData') {
      this.#processId = m.processId;
      return;
    }
    if (this.#phase === 'startup' && m.type === 'ReadyForQuery') {
      this.#phase = 'ready';
      this.#settle?.resolve(this);
      this.#settle = undefined;
      this.#next();
      return;
    }
    throw new PgClientError('UNEXPECTED_MESSAGE', `a ${m.type} message during the startup phase`, {
      offset: at,
    });
  }

  #authenticate(m: Extract<BackendMessageBytes, { type: 'Authentication' }>, at: number): void {
    const sasl = (step: () => void) => {
      try {
        step();
      } catch (e) {
        throw new PgClientError('BAD_SASL', `SCRAM-SHA-256: ${(e as Error).message}`, { offset: at });
      }
    };
    switch (m.kind) {
      case 'Ok':
        this.#phase = 'startup';
        return;
      case 'CleartextPassword':
        this.#sendPassword(this.#password(at));
        return;
      case 'MD5Password':
        this.#sendPassword(md5Password(this.#options.user, this.#password(at), m.salt));
        return;
      case 'SASL': {
        if (!m.mechanisms.includes(SCRAM_SHA_256))
          throw new PgClientError(
            'AUTH_NOT_SUPPORTED',
            `SASL mechanisms ${m.mechanisms.join(', ')}: this client speaks ${SCRAM_SHA_256} only`,
            {
              offset: at,
            },
          );
        const scram = new Scram(this.#password(at));
        this.#scram = scram;
        const data = encode(authenticationResponse.saslInitial, {
          mechanism: SCRAM_SHA_256,
          data: scram.first(),
        });
        this.#socket.write(encodeFrontend({ type: 'PasswordMessage', data }));
        return;
      }
      case 'SASLContinue':
        sasl(() => {
          if (!this.#scram) throw new Error('a SASLContinue before the exchange began');
          this.#socket.write(encodeFrontend({ type: 'PasswordMessage', data: this.#scram.final(m.data) }));
        });
        return;
      case 'SASLFinal':
        sasl(() => {
          if (!this.#scram) throw new Error('a SASLFinal before the exchange began');
          this.#scram.verify(m.data);
        });
        return;
      default:
        throw new PgClientError(
          'AUTH_NOT_SUPPORTED',
          `the server asks for ${m.kind} authentication, which this client does not implement`,
          {
            offset: at,
          },
        );
    }
  }

  #password(at: number): string {
    const { password } = this.#options;
    if (password === undefined)
      throw new PgConnectionError(
        'PASSWORD_REQUIRED',
        `the server asks user ${this.#options.user} for a password, and connect() got none`,
        at,
      );
    return password;
  }

  #sendPassword(password: string): void {
    const data = encode(authenticationResponse.password, { password });
    this.#socket.write(encodeFrontend({ type: 'PasswordMessage', data }));
  }
}

/** The StartupMessage: user, database, the caller's parameters and FIXED_PARAMETERS. */
function startupMessage(options: ConnectOptions): Uint8Array {
  const extra = options.parameters ?? {};
  for (const key of Object.keys(extra)) {
    const lower = key.toLowerCase();
    if (
      lower === 'user' ||
      lower === 'database' ||
      Object.keys(FIXED_PARAMETERS).some((k) => k.toLowerCase() === lower)
    )
      throw new TypeError(`parameters: ${key} is set by the client (see connect's options)`);
  }
  return encodeFrontend({
    type: 'StartupMessage',
    protocolVersion: PROTOCOL_3_0,
    parameters: {
      user: options.user,
      database: options.database ?? options.user,
      ...extra,
      ...FIXED_PARAMETERS,
    },
  });
}

const FORMAT_CODE = { text: 0, binary: 1 } as const;

/** The request for a query: a simple Query, or the extended protocol's five messages. */
function request(
  sql: string,
  params: readonly unknown[],
  format: ResultFormat | readonly ResultFormat[],
): Uint8Array {
  if (params.length === 0 && format === 'text') return encodeFrontend({ type: 'Query', query: sql });
  const bound: BoundParam[] = params.map(bindParam);
  const parse = encodeFrontend({
    type: 'Parse',
    name: '',
    query: sql,
    parameterTypes: bound.map((p) => p.typeOid),
  });
  const bind = encodeFrontend({
    type: 'Bind',
    portal: '',
    statement: '',
    parameterFormats: bound.some((p) => p.format === 1) ? bound.map((p) => p.format) : [],
    parameters: bound.map((p) => p.bytes),
    resultFormats:
      typeof format === 'string' ? (format === 'text' ? [] : [1]) : format.map((f) => FORMAT_CODE[f]),
  });
  return Buffer.concat([parse, bind, DESCRIBE_PORTAL, EXECUTE, SYNC]);
}
