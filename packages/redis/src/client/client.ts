/**
 * RedisClient: one connection to a Redis server over node:net, read by one RespReader. Commands are
 * written in the order they are issued (those of one tick in one system call) and their replies
 * matched in order, first in, first out: issuing commands without awaiting each one pipelines them.
 * Pub/sub pushes are told apart from replies by PubSub (subscribe.ts).
 */
import { connect as netConnect, type Socket } from 'node:net';
import { DecodeError } from '@stride/codec';
import { Fifo } from '@stride/view/fifo';
import { Observable } from 'rxjs';
import { RespReader, type RespReaderOptions } from '../read/resp-reader.js';
import { type CommandArg, encodeCommand } from '../resp/encode.js';
import type { RespValue } from '../resp/value.js';
import { type Plain, plain, RedisReplyError } from '../values/plain.js';
import { RedisClientError, RedisConnectionError } from './errors.js';
import { type MessageOf, PubSub, type PubSubMessage, type SubscribeOptions } from './subscribe.js';

export interface ConnectOptions {
  host: string;
  port: number;
  /** RESP2 (default) or RESP3, which the client asks for with `HELLO 3`. */
  protocol?: 2 | 3;
  /** Authenticates (in HELLO with RESP3, else AUTH) as `username` (default: Redis's `default` user). */
  password?: string;
  username?: string;
  /** Fail with CONNECT_TIMEOUT unless connected and authenticated within this many milliseconds (default: no limit). */
  connectTimeoutMs?: number;
  /** The reader's bounds (RespReader's options; defaults: Redis's own limits). */
  limits?: Pick<
    RespReaderOptions,
    'maxBulkBytes' | 'maxLineBytes' | 'maxArrayLength' | 'maxDepth' | 'maxReplyBytes'
  >;
}

/** A command waiting for its reply. */
interface Pending {
  /** Confirmation pushes still awaited ((P)SUBSCRIBE, (P)UNSUBSCRIBE: one per name); 0: an ordinary reply. */
  confirmations: number;
  settle(reply: RespValue): void;
  fail(error: unknown): void;
}

/** Commands whose replies would not match the queue, with what to do instead. */
const REFUSED: Record<string, string> = {
  SUBSCRIBE: 'use subscribe()',
  PSUBSCRIBE: 'use psubscribe()',
  UNSUBSCRIBE: "unsubscribe from subscribe()'s Observable",
  PUNSUBSCRIBE: "unsubscribe from psubscribe()'s Observable",
  SSUBSCRIBE: 'sharded pub/sub is not supported by this client',
  SUNSUBSCRIBE: 'sharded pub/sub is not supported by this client',
  MONITOR: 'its stream of pushes is not supported by this client',
  RESET: "it would end the client's subscriptions and protocol behind its back",
  HELLO: "connect({ protocol }) sends it, and client.server holds the server's answer",
};

const QUIT = encodeCommand(['QUIT']);
/** After QUIT's reply, how long the server gets to close before the socket is destroyed. */
const CLOSE_GRACE_MS = 2000;

/** Makes a client, connected and authenticated (the constructor is private: `connect` is the way in). */
export let openClient: (options: ConnectOptions) => Promise<RedisClient>;

export class RedisClient {
  readonly #socket: Socket;
  readonly #reader: RespReader;
  readonly #options: ConnectOptions;
  readonly #protocol: 2 | 3;
  readonly #pubsub: PubSub;
  /** `closing`: close() was called, QUIT is queued after the commands before it. */
  #state: 'open' | 'closing' | 'closed' = 'open';
  /** What closed the client, if it failed. */
  #failure: Error | undefined;
  /** A fault found while a chunk's values are taken, raised once the chunk is done. */
  #fatal: unknown;
  readonly #queue = new Fifo<Pending>();
  /** Writes wait for the end of the tick (see #send). */
  #corked = false;
  #server: ReadonlyMap<string, Plain> | undefined;
  readonly #connected: Promise<void>;
  #settleConnect: { resolve(): void; reject(e: unknown): void } | undefined;
  /** Resolves when the socket is closed: undefined after close(), else what failed the connection. */
  readonly closed: Promise<Error | undefined>;

  static {
    openClient = async (options) => {
      const client = new RedisClient(options);
      const ms = options.connectTimeoutMs;
      const timer = ms === undefined ? undefined : setTimeout(() => client.#timeout(ms), ms);
      try {
        await Promise.all([client.#connected, client.#handshake()]);
      } catch (e) {
        client.#fail(e);
        throw e;
      } finally {
        clearTimeout(timer);
      }
      return client;
    };
  }

  private constructor(options: ConnectOptions) {
    this.#options = options;
    this.#protocol = options.protocol ?? 2;
    if (this.#protocol !== 2 && this.#protocol !== 3)
      throw new RangeError(`protocol must be 2 or 3, not ${String(this.#protocol)}`);
    if (options.username !== undefined && options.password === undefined)
      throw new TypeError('a username needs a password');
    this.#reader = new RespReader({ ...options.limits });
    this.#pubsub = new PubSub(this.#protocol, (args, confirmations) =>
      this.#promise(args, confirmations, false),
    );
    this.#connected = new Promise((resolve, reject) => {
      this.#settleConnect = { resolve, reject };
    });
    const socket = netConnect({ host: options.host, port: options.port });
    this.#socket = socket;
    socket.setNoDelay(true);
    socket.once('connect', () => this.#settleConnect?.resolve());
    socket.on('data', (chunk: Buffer) => this.#read(chunk));
    socket.on('end', () => this.#ended(undefined));
    socket.on('error', (e) => this.#ended(e));
    this.closed = new Promise((resolve) =>
      socket.once('close', () => {
        this.#ended(undefined);
        resolve(this.#failure);
      }),
    );
  }

  /** 2 or 3: the protocol the connection speaks. */
  get protocol(): 2 | 3 {
    return this.#protocol;
  }

  /** The server's answer to `HELLO 3` (server, version, proto, id, mode, role, modules); undefined in RESP2. */
  get server(): ReadonlyMap<string, Plain> | undefined {
    return this.#server;
  }

  /**
   * Sends a command (`command('SET', 'k', 'v')`); resolves with its reply as a RespValue (bulk
   * strings are views of the socket's chunks). An error reply rejects with a RedisReplyError (`code`:
   * `WRONGTYPE`, `ERR` …) and the connection goes on; a protocol fault (a DecodeError from the
   * reader) or the connection's end (RedisConnectionError) rejects every command waiting. Refuses
   * (TypeError) the commands whose replies the queue cannot match: (P|S)(UN)SUBSCRIBE, MONITOR,
   * RESET, HELLO and CLIENT REPLY.
   */
  command(...args: CommandArg[]): Promise<RespValue> {
    return this.#promise(args, 0, true);
  }

  /** `command`, its reply made plain (`plain()`: strings, numbers, arrays, Map, Set …) and cast to T. */
  async call<T = Plain>(...args: CommandArg[]): Promise<T> {
    return plain(await this.command(...args)) as T;
  }

  /** `command` as a cold Observable: sends on each subscription, emits the reply and completes. */
  command$(...args: CommandArg[]): Observable<RespValue> {
    return new Observable((subscriber) => {
      this.#issue(args, true, {
        confirmations: 0,
        settle: (reply) => {
          const error = replyError(reply);
          if (error) subscriber.error(error);
          else {
            subscriber.next(reply);
            subscriber.complete();
          }
        },
        fail: (e) => subscriber.error(e),
      });
      // Unsubscribing cannot unsend: the reply is read and dropped.
    });
  }

  /**
   * Sends the commands in one write; resolves with their replies in order. Error replies are in the
   * array as values (`{ type: 'error', … }`), not rejections; the connection's end rejects.
   */
  pipeline(commands: readonly (readonly CommandArg[])[]): Promise<RespValue[]> {
    const pending: Pending[] = [];
    const replies = commands.map(
      () =>
        new Promise<RespValue>((settle, fail) => {
          pending.push({ confirmations: 0, settle, fail });
        }),
    );
    try {
      this.#check();
      for (const c of commands) refuse(c);
      this.#send(Buffer.concat(commands.map((c) => encodeCommand(c))), pending);
    } catch (e) {
      return Promise.reject(e);
    }
    return Promise.all(replies);
  }

  /**
   * Messages published to `channels` while subscribed. In RESP3 other commands go on on the same
   * connection; in RESP2 the server takes only (P)SUBSCRIBE, (P)UNSUBSCRIBE, PING and QUIT while
   * subscribed, so use a connection of its own. The subscription is in force once a command issued
   * after it has its reply (a PING). Unsubscribing sends UNSUBSCRIBE for the channels no other
   * subscription of this client listens to. Completes on close(), errors when the connection fails.
   * Payloads are UTF-8 text; with `{ message: 'bytes' }` before the channels, copies of their bytes.
   */
  subscribe(...channels: string[]): Observable<PubSubMessage>;
  subscribe<O extends SubscribeOptions>(
    options: O,
    ...channels: string[]
  ): Observable<PubSubMessage<MessageOf<O>>>;
  subscribe(...args: (string | SubscribeOptions)[]): Observable<PubSubMessage<string | Uint8Array>> {
    return this.#pubsub.observe('channel', ...names(args));
  }

  /** `subscribe` for the channels matching glob-style `patterns` (PSUBSCRIBE); each message has its `pattern`. */
  psubscribe(...patterns: string[]): Observable<PubSubMessage>;
  psubscribe<O extends SubscribeOptions>(
    options: O,
    ...patterns: string[]
  ): Observable<PubSubMessage<MessageOf<O>>>;
  psubscribe(...args: (string | SubscribeOptions)[]): Observable<PubSubMessage<string | Uint8Array>> {
    return this.#pubsub.observe('pattern', ...names(args));
  }

  /**
   * Lets the commands already sent have their replies, then sends QUIT and ends the connection;
   * subscriptions complete at once, later commands reject with CLIENT_CLOSED. `{ force: true }`
   * destroys the socket at once, failing the commands waiting with CLIENT_CLOSED. Resolves as
   * `closed` does.
   */
  close(options: { force?: boolean } = {}): Promise<Error | undefined> {
    if (options.force) {
      this.#end(undefined, this.#connectionError('CLIENT_CLOSED', 'the client was closed before the reply'));
    } else if (this.#state === 'open') {
      this.#state = 'closing';
      this.#pubsub.end(undefined);
      const done = () => {
        this.#socket.end();
        setTimeout(() => this.#socket.destroy(), CLOSE_GRACE_MS).unref();
      };
      this.#send(QUIT, [{ confirmations: 0, settle: done, fail: () => {} }]);
    }
    return this.closed;
  }

  /** `HELLO 3` (with AUTH) or AUTH, as the options say; keeps HELLO's answer. */
  async #handshake(): Promise<void> {
    const { password, username } = this.#options;
    if (this.#protocol === 3) {
      const auth = password === undefined ? [] : ['AUTH', username ?? 'default', password];
      const hello = await this.#promise(['HELLO', 3, ...auth], 0, false);
      this.#server = plain(hello) as Map<string, Plain>;
    } else if (password !== undefined) {
      await this.#promise(['AUTH', ...(username === undefined ? [] : [username]), password], 0, false);
    }
  }

  #promise(args: readonly CommandArg[], confirmations: number, check: boolean): Promise<RespValue> {
    return new Promise((resolve, reject) => {
      this.#issue(args, check, {
        confirmations,
        settle: (reply) => {
          const error = replyError(reply);
          if (error) reject(error);
          else resolve(reply);
        },
        fail: reject,
      });
    });
  }

  /** Encodes and sends a command, or fails it at once (closed, refused, an argument it cannot send). */
  #issue(args: readonly CommandArg[], check: boolean, pending: Pending): void {
    try {
      this.#check();
      if (check) refuse(args);
      this.#send(encodeCommand(args), [pending]);
    } catch (e) {
      pending.fail(e);
    }
  }

  #check(): void {
    if (this.#state !== 'open')
      throw this.#failure ?? this.#connectionError('CLIENT_CLOSED', 'the client is closed');
  }

  /**
   * Queues the replies awaited and writes. The socket is corked until the end of the tick: the
   * commands issued in a row go out in one system call (writev), not one each.
   */
  #send(bytes: Uint8Array, pending: readonly Pending[]): void {
    for (const p of pending) this.#queue.push(p); // not push(...pending): a long pipeline overflows the stack
    if (!this.#corked) {
      this.#corked = true;
      this.#socket.cork();
      process.nextTick(() => {
        this.#corked = false;
        this.#socket.uncork();
      });
    }
    this.#socket.write(bytes);
  }

  #read(chunk: Uint8Array): void {
    if (this.#state === 'closed') return;
    try {
      this.#reader.write(chunk, this.#deliver);
    } catch (e) {
      this.#fail(this.#fatal ?? e);
      return;
    }
    if (this.#fatal !== undefined) this.#fail(this.#fatal);
  }

  readonly #deliver = (v: RespValue): void => {
    if (this.#fatal !== undefined || this.#state === 'closed') return;
    try {
      this.#reply(v);
    } catch (e) {
      this.#fatal = e;
    }
  };

  /** A value from the server: a push for PubSub (a confirmation counted off the head), or the head's reply. */
  #reply(v: RespValue): void {
    const head = this.#queue.first;
    const push = this.#pubsub.pushOf(v, (head?.confirmations ?? 0) > 0);
    if (push !== undefined) {
      if (!this.#pubsub.take(push) || head === undefined || head.confirmations === 0) return;
      if (--head.confirmations > 0) return;
    } else if (head === undefined) {
      throw new RedisClientError('UNEXPECTED_REPLY', `a ${v.type} reply while no command waits for one`, {
        offset: this.#reader.messageOffset,
      });
    }
    this.#queue.shift();
    (head as Pending).settle(v);
  }

  /** The socket ended, failed or closed: the end of the input, then the client's. */
  #ended(cause: Error | undefined): void {
    if (this.#state === 'closed') return;
    let cut: unknown;
    try {
      this.#reader.finish(this.#deliver);
    } catch (e) {
      if (!(e instanceof DecodeError && e.code === 'INCOMPLETE')) {
        this.#fail(this.#fatal ?? e);
        return;
      }
      cut = e; // a reply cut short: the connection's end, its cause
    }
    if (this.#fatal !== undefined) this.#fail(this.#fatal);
    else if (
      this.#state === 'closing' &&
      this.#queue.length === 0 &&
      cause === undefined &&
      cut === undefined
    )
      this.#end(undefined, undefined);
    else {
      const where = `${this.#options.host}:${this.#options.port}`;
      const what = cause
        ? `the connection to ${where} failed: ${cause.message}`
        : `the server at ${where} closed the connection`;
      this.#fail(this.#connectionError('CONNECTION_CLOSED', what, cause ?? cut));
    }
  }

  #timeout(ms: number): void {
    this.#fail(
      this.#connectionError(
        'CONNECT_TIMEOUT',
        `not connected to ${this.#options.host}:${this.#options.port} in ${ms} ms`,
      ),
    );
  }

  #fail(error: unknown): void {
    const e = error instanceof Error ? error : new Error(String(error));
    this.#end(e, e);
  }

  /** Closes for good: the socket destroyed, the commands waiting failed, the subscriptions ended. */
  #end(failure: Error | undefined, pendingError: Error | undefined): void {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    this.#failure = failure;
    this.#socket.destroy();
    const pending = this.#queue.clear();
    const error =
      pendingError ?? this.#connectionError('CONNECTION_CLOSED', 'the connection closed before the reply');
    for (const p of pending) p.fail(error);
    this.#settleConnect?.reject(error);
    this.#settleConnect = undefined;
    this.#pubsub.end(failure);
  }

  #connectionError(
    code: RedisConnectionError['code'],
    message: string,
    cause?: unknown,
  ): RedisConnectionError {
    return new RedisConnectionError(code, message, this.#reader.offset, cause);
  }
}

/** The RedisReplyError of an error reply (`-ERR …`, RESP3's `!…`), else undefined. */
function replyError(v: RespValue): RedisReplyError | undefined {
  return v.type === 'error' || v.type === 'bulkError' ? new RedisReplyError(v.value) : undefined;
}

/** Throws a TypeError for a command the client cannot match replies to (see REFUSED). */
function refuse(args: readonly CommandArg[]): void {
  const name = word(args[0]);
  const why =
    REFUSED[name] ??
    (name === 'CLIENT' && word(args[1]) === 'REPLY' ? 'the replies would not match the commands' : undefined);
  if (why !== undefined) throw new TypeError(`command(): ${name} is not for this client: ${why}`);
}

/** An argument as an upper-case word (for the names of commands). */
function word(arg: CommandArg | undefined): string {
  if (typeof arg === 'string') return arg.toUpperCase();
  if (arg instanceof Uint8Array && arg.length <= 16) return String.fromCharCode(...arg).toUpperCase();
  return '';
}

/** subscribe()'s arguments: [options?, ...names]. */
function names(args: readonly (string | SubscribeOptions)[]): [string[], SubscribeOptions] {
  const [first, ...rest] = args;
  return typeof first === 'object' && first !== null ? [rest as string[], first] : [args as string[], {}];
}
