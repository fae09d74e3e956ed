/**
 * The streaming PostgreSQL reader, a ByteStreamParser (codec's streaming-parser shape): write one
 * direction's bytes as they come, in any pieces, and `finish` at the end; it emits every message in
 * order. It is codec's StreamDecoder over the message unions, with a mode hook that follows the
 * protocol's framing: the startup framing (the client's untyped StartupMessage, SSLRequest …; the
 * server's one-byte answer to an encryption request) until the StartupMessage or the server's first
 * message, then the typed framing for good (a final switch, after which records are decoded by
 * the compiled loop).
 *
 * Checks beyond each message's own bytes: a DataRow must have as many columns as the RowDescription
 * before it (until the CommandComplete, EmptyQueryResponse, PortalSuspended, ErrorResponse or
 * ReadyForQuery that ends its rows). Every fault is a DecodeError (see errors.ts) at an absolute
 * offset, raised after every message before it was emitted; nothing is held past `maxMessageBytes`.
 */
import {
  type ByteStreamParser,
  type Codec,
  defineCodec,
  type ModeSwitch,
  StreamDecoder,
} from '@stride/codec';
import { PgError, pgError } from '../errors.js';
import {
  type BackendMessage,
  type BackendMessageBytes,
  backendMessage,
  backendMessageBytes,
} from '../messages/backend.js';
import { type FrontendMessage, frontendMessage } from '../messages/frontend.js';
import {
  type SslResponse,
  type StartupPhaseMessage,
  serverStartup,
  startupMessage,
} from '../messages/startup.js';

/** PostgreSQL's own bound on one allocation (MaxAllocSize), the default `maxMessageBytes`. */
const MAX_ALLOC = 0x3fffffff;

export interface PgReaderOptions<
  F extends 'server' | 'client' = 'server' | 'client',
  C extends 'string' | 'bytes' = 'string',
> {
  /** Whose bytes these are: the server's (backend messages) or the client's (frontend messages). */
  from: F;
  /**
   * Where the bytes start: at the connection's start, in the startup framing (default), or after
   * the startup phase (a stream picked up midway).
   */
  phase?: 'startup' | 'messages';
  /** DataRow columns as UTF-8 strings (default) or as views of their bytes (no copy, no string). */
  columns?: C;
  /** The most bytes of one message, its type byte and length included (default 2^30 - 1, PostgreSQL's own bound). */
  maxMessageBytes?: number;
  /** Use codec's compiled fast path (default: codec's `configure`). */
  compile?: boolean;
}

/** The messages a reader emits: backend ones (and the SSL answer) from a server, frontend ones from a client. */
export type PgReadMessage<
  F extends 'server' | 'client',
  C extends 'string' | 'bytes' = 'string',
> = F extends 'server'
  ? (C extends 'bytes' ? BackendMessageBytes : BackendMessage) | SslResponse
  : FrontendMessage | StartupPhaseMessage;

type AnyMessage = {
  type: string;
  columns?: unknown[];
  fields?: unknown[];
  value?: AnyMessage;
  answer?: string;
};

/** Raised for any byte after the server accepted encryption. */
const encrypted = defineCodec<AnyMessage>({
  read: (st) => {
    throw new PgError(
      'ENCRYPTED',
      'the server accepted encryption: the bytes from here on are TLS or GSSAPI',
      {
        offset: st.pos,
      },
    );
  },
  write: () => {},
});

/** Messages after which DataRows belong to no RowDescription any more. */
const ENDS_ROWS = new Set([
  'CommandComplete',
  'EmptyQueryResponse',
  'PortalSuspended',
  'ErrorResponse',
  'ReadyForQuery',
]);

export class PgReader<F extends 'server' | 'client', C extends 'string' | 'bytes' = 'string'>
  implements ByteStreamParser<PgReadMessage<F, C>>
{
  readonly #decoder: StreamDecoder<AnyMessage>;
  #emit: (message: PgReadMessage<F, C>) => void = () => {};
  /** Where the message being emitted starts, and where it ends. */
  #start = 0;
  #end = 0;
  /** Columns of the RowDescription in force, or -1. */
  #columns = -1;
  readonly #max: number;

  constructor(options: PgReaderOptions<F, C>) {
    const server = options.from === 'server';
    const messages = (server
      ? options.columns === 'bytes'
        ? backendMessageBytes
        : backendMessage
      : frontendMessage) as unknown as Codec<AnyMessage>;
    const startup = options.phase !== 'messages';
    const first = startup
      ? ((server ? serverStartup(messages) : startupMessage) as unknown as Codec<AnyMessage>)
      : messages;
    const max = options.maxMessageBytes ?? MAX_ALLOC;
    if (!(Number.isSafeInteger(max) && max >= 5))
      throw new RangeError(`maxMessageBytes must be an integer >= 5, got ${max}`);
    this.#max = max;
    this.#decoder = new StreamDecoder<AnyMessage>(first, {
      compile: options.compile,
      limits: { maxRecordBytes: max, maxBuffered: max },
      mode: startup ? (server ? serverMode(messages) : clientMode(messages)) : undefined,
    });
  }

  /** Absolute stream offset of the next message (bytes delivered as messages so far). */
  get offset(): number {
    return this.#decoder.offset;
  }

  get buffered(): number {
    return this.#decoder.buffered;
  }

  get needed(): number {
    return this.#decoder.needed;
  }

  /** While `emit` runs: the absolute offset of the first byte of the message being emitted. */
  get messageOffset(): number {
    return this.#start;
  }

  write(chunk: Uint8Array, emit: (message: PgReadMessage<F, C>) => void): void {
    this.#emit = emit;
    try {
      this.#decoder.write(chunk, this.#deliver);
    } catch (e) {
      throw pgError(e, this.#max);
    }
  }

  finish(emit: (message: PgReadMessage<F, C>) => void): void {
    this.#emit = emit;
    try {
      this.#decoder.finish(this.#deliver);
    } catch (e) {
      throw pgError(e, this.#max);
    }
  }

  readonly #deliver = (m: AnyMessage): void => {
    this.#start = this.#end;
    this.#end = this.#decoder.offset;
    if (m.type === 'DataRow') {
      const n = (m.columns as unknown[]).length;
      if (n !== this.#columns && this.#columns >= 0) this.#columnCount(n);
    } else if (m.type === 'RowDescription') this.#columns = (m.fields as unknown[]).length;
    else if (ENDS_ROWS.has(m.type)) this.#columns = -1;
    this.#emit(m as PgReadMessage<F, C>);
  };

  #columnCount(n: number): never {
    throw new PgError(
      'COLUMN_COUNT',
      `a DataRow with ${n} column${n === 1 ? '' : 's'} after a RowDescription of ${this.#columns}`,
      // The DataRow's Int16 column count, after its type byte and length.
      { offset: this.#start + 5, expected: `${this.#columns} columns`, actual: `${n}` },
    );
  }
}

/** The server's framing: encryption answers (`N`: still the startup framing), then messages for good. */
function serverMode(messages: Codec<AnyMessage>): (r: AnyMessage) => ModeSwitch<AnyMessage> | undefined {
  return (r) => {
    if (r.type !== 'SSLResponse') return { codec: messages, final: true };
    return r.answer === 'N' ? undefined : { codec: encrypted, final: true };
  };
}

/** The client's framing: the startup framing until its StartupMessage, then messages for good. */
function clientMode(messages: Codec<AnyMessage>): (r: AnyMessage) => ModeSwitch<AnyMessage> | undefined {
  return (r) => (r.type === 'StartupMessage' ? { codec: messages, final: true } : undefined);
}
