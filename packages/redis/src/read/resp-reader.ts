/**
 * The streaming RESP reader, a ByteStreamParser (codec's streaming-parser shape): write one
 * direction's bytes as they come, in any pieces, and `finish` at the end; it emits every value in
 * order, each as soon as its last byte is in. It is codec's StreamDecoder over the value schema
 * (resp/value.ts): replies (RESP2 and RESP3) from a server, requests (arrays or inline commands)
 * from a client.
 *
 * Long bulk strings: with `streamBulkOver: n`, a top-level bulk string longer than n bytes is not
 * held whole. Its bytes are emitted as they arrive, as pieces `{ type: 'bulkPiece', value, at,
 * length }` (views of the input chunks; `at` is the piece's offset in the string, the last piece
 * ends at `length`), so a 512 MiB value never sits in memory. This is the decoder's mode hook:
 * after such a head, the records are pieces until the string and its CRLF are over. (A long bulk
 * string inside an aggregate is held with its aggregate, within `maxReplyBytes`.)
 *
 * Every fault is a DecodeError (errors.ts) at an absolute offset, raised after every value before
 * it was emitted; nothing is held past the bounds.
 */
import {
  type ByteStreamParser,
  type Codec,
  defineCodec,
  IncompleteError,
  StreamDecoder,
} from '@stride/codec';
import { redisError } from '../errors.js';
import {
  BulkHead,
  defaultBounds,
  type RespRequest,
  type RespValue,
  respCodecs,
  type StreamedBulk,
} from '../resp/value.js';

export interface RespReaderOptions {
  /** Whose bytes these are: a server's replies (default) or a client's requests (inline commands too). */
  from?: 'server' | 'client';
  /** Top-level bulk strings longer than this many bytes come as pieces (default: never). Replies only. */
  streamBulkOver?: number;
  /** The longest bulk string, bulk error or verbatim string (default 512 MiB, Redis's proto-max-bulk-len). */
  maxBulkBytes?: number;
  /** The longest line: simple string, error, number, inline command (default 64 KiB, Redis's inline limit). */
  maxLineBytes?: number;
  /** The most elements of one aggregate (default 2^20; a map's pairs count once each). */
  maxArrayLength?: number;
  /** The deepest nesting of aggregates (default 64). */
  maxDepth?: number;
  /** The most bytes of one top-level value, held until it is complete (default 1 GiB). */
  maxReplyBytes?: number;
  /** Use codec's compiled fast path (default: codec's `configure`). */
  compile?: boolean;
}

/** A piece of a long top-level bulk string (see `streamBulkOver`). */
export interface BulkPiece {
  type: 'bulkPiece';
  /** The bytes, a view of the input. */
  value: Uint8Array;
  /** The offset of the piece's first byte in the bulk string. */
  at: number;
  /** The bulk string's whole length. */
  length: number;
}

/** What a reader with options O emits. */
export type RespMessage<O extends RespReaderOptions = RespReaderOptions> =
  | (O extends { from: 'client' } ? RespRequest : RespValue)
  | (O extends { streamBulkOver: number } ? BulkPiece : never);

const GIB = 1024 * 1024 * 1024;

type Item = RespValue | RespRequest | StreamedBulk | Uint8Array | typeof CRLF_DONE;

/** The record after a streamed bulk string's last piece: its CRLF. */
const CRLF_DONE = Symbol('CRLF');

const crlf = defineCodec<typeof CRLF_DONE>({
  read: (st) => {
    const at = st.take(2);
    if (st.src.u8(at) !== 0x0d || st.src.u8(at + 1) !== 0x0a)
      st.badConstant(
        at,
        2,
        '0d 0a',
        Array.from(st.src.bytes(at, 2), (b) => b.toString(16).padStart(2, '0')).join(' '),
      );
    return CRLF_DONE;
  },
  write: (w) => w.bytes(Uint8Array.of(0x0d, 0x0a)),
});

function positive(name: string, v: number | undefined, fallback: number): number {
  const n = v ?? fallback;
  if (!(Number.isSafeInteger(n) && n >= 1))
    throw new RangeError(`${name} must be a positive integer, got ${n}`);
  return n;
}

export class RespReader<O extends RespReaderOptions = Record<never, never>>
  implements ByteStreamParser<RespMessage<O>>
{
  readonly #decoder: StreamDecoder<Item>;
  #emit: (message: RespMessage<O>) => void = () => {};
  readonly #deliver: (r: Item) => void;
  /** Where the value being emitted starts, and where it ends. */
  #start = 0;
  #end = 0;
  /** The streamed bulk string: its length, and how much of it has been emitted (-1: none). */
  #length = -1;
  #at = 0;

  constructor(options: O = {} as O) {
    const client = options.from === 'client';
    if (client && options.streamBulkOver !== undefined)
      throw new RangeError('streamBulkOver applies to replies (from: server) only');
    const bounds = {
      maxBulkBytes: positive('maxBulkBytes', options.maxBulkBytes, defaultBounds.maxBulkBytes),
      maxLineBytes: positive('maxLineBytes', options.maxLineBytes, defaultBounds.maxLineBytes),
    };
    const over = options.streamBulkOver;
    if (over !== undefined && !(Number.isSafeInteger(over) && over >= 0))
      throw new RangeError(`streamBulkOver must be a non-negative integer, got ${over}`);
    const codecs = respCodecs(bounds, over);
    const top = (client ? codecs.request : codecs.top) as Codec<Item>;
    const maxReplyBytes = positive('maxReplyBytes', options.maxReplyBytes, GIB);
    this.#decoder = new StreamDecoder<Item>(top, {
      compile: options.compile,
      limits: {
        maxRecordBytes: maxReplyBytes,
        maxBuffered: maxReplyBytes,
        maxArrayLength: positive('maxArrayLength', options.maxArrayLength, 1 << 20),
        maxDepth: positive('maxDepth', options.maxDepth, 64),
      },
      mode: over === undefined ? undefined : this.#mode(top),
    });
    this.#deliver = over === undefined ? this.#deliverValue : this.#deliverStreaming;
  }

  /** Absolute stream offset of the next value (bytes delivered as values so far). */
  get offset(): number {
    return this.#decoder.offset;
  }

  get buffered(): number {
    return this.#decoder.buffered;
  }

  get needed(): number {
    return this.#decoder.needed;
  }

  /** While `emit` runs: the absolute offset of the first byte of the value (or piece) being emitted. */
  get messageOffset(): number {
    return this.#start;
  }

  write(chunk: Uint8Array, emit: (message: RespMessage<O>) => void): void {
    this.#emit = emit;
    try {
      this.#decoder.write(chunk, this.#deliver);
    } catch (e) {
      throw redisError(e);
    }
  }

  finish(emit: (message: RespMessage<O>) => void): void {
    this.#emit = emit;
    try {
      this.#decoder.finish(this.#deliver);
    } catch (e) {
      throw redisError(e);
    }
    // The decoder stopped between pieces: a streamed bulk string (or its CRLF) is not over.
    if (this.#length >= 0) {
      const needed = this.#length - this.#at + 2;
      throw new IncompleteError(
        `the input ended inside a bulk string of ${this.#length} bytes (${needed} more expected)`,
        {
          offset: this.#decoder.offset,
          needed: this.#at < this.#length ? needed : 2,
        },
      );
    }
  }

  /** Emits a value, knowing where it starts; `#deliverStreaming` where long bulk strings come in pieces. */
  readonly #deliverValue = (r: Item): void => {
    this.#start = this.#end;
    this.#end = this.#decoder.offset;
    this.#emit(r as RespMessage<O>);
  };

  readonly #deliverStreaming = (r: Item): void => {
    this.#start = this.#end;
    this.#end = this.#decoder.offset;
    if (this.#length < 0) {
      if ((r as StreamedBulk).value instanceof BulkHead) {
        this.#length = ((r as StreamedBulk).value as BulkHead).length;
        this.#at = 0;
        return;
      }
      this.#emit(r as RespMessage<O>);
    } else if (r instanceof Uint8Array) {
      const piece: BulkPiece = { type: 'bulkPiece', value: r, at: this.#at, length: this.#length };
      this.#at += r.length;
      this.#emit(piece as RespMessage<O>);
    } else this.#length = -1; // the CRLF after the last piece
  };

  /** The framing of streamed bulk strings: after a head, pieces until its length, its CRLF, then values again. */
  #mode(top: Codec<Item>): (r: Item) => Codec<Item> | undefined {
    // Each piece is what the input holds of the string (at least a byte): a view of the chunk.
    const piece = defineCodec<Uint8Array>({
      read: (st) => {
        const n = Math.min(this.#length - this.#at, st.end - st.pos);
        return n > 0 ? st.bytes(n) : st.bytes(1);
      },
      write: (w, b) => w.bytes(b),
    }) as Codec<Item>;
    return (r) => {
      if (r === CRLF_DONE) return top;
      if (this.#length < 0) return undefined;
      if (this.#at < this.#length) return r instanceof Uint8Array ? undefined : piece;
      return crlf as Codec<Item>;
    };
  }
}
