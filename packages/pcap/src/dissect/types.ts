/**
 * What dissection takes and gives. A `Protocol` says how to read one TCP direction of a connection
 * (a streaming reader per direction, sharing a per-connection context), what a message's type name
 * is and how its value reads as JSON; the Dissector emits, per connection, an `open` event naming
 * the protocol chosen, each message as it completes (with its direction, stream offset, frame and
 * time), each error that stopped a direction, and a `close` event.
 */
import type { ByteStreamParser } from '@stride/codec';
import type { Direction, TcpConnection } from '../tcp/index.js';

/** JSON data: what a protocol's `value` gives (bytes as lowercase hex, bigints as decimal strings). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A reader that says, while its emit runs, where the message emitted starts in its stream. */
export type MessageReader<M> = ByteStreamParser<M> & { readonly messageOffset: number };

/**
 * A protocol the Dissector can hand a connection's directions to. `context` makes the state both
 * directions' readers share (MQTT's server reader learns its version from the client's CONNECT);
 * `reader` is called once per direction, when its first byte comes.
 */
export interface Protocol<M = unknown, C = unknown> {
  /** The name `--decode` and the JSON's `protocol` use ("postgresql", "redis", "mqtt" …). */
  readonly name: string;
  /** The server ports it is chosen for when no `decode` rule says otherwise. */
  readonly ports: readonly number[];
  context(connection: TcpConnection): C;
  reader(dir: Direction, context: C): MessageReader<M>;
  /** The protocol's own name of a message's type (`PUBLISH`, `DataRow`, `bulk` …). */
  type(message: M): string;
  /** The message as JSON. */
  value(message: M): Json;
}

/**
 * A protocol of any message and context type, as a registry holds it (the methods' parameters are
 * bivariant: a Protocol<M, C> is one, and its readers' messages go only to its own methods).
 */
export type AnyProtocol = Protocol<unknown, unknown>;

/** One message of a connection. */
export interface DissectedMessage<M = unknown> {
  readonly dir: Direction;
  /** Its first byte's offset in its direction's reassembled stream. */
  readonly offset: number;
  /** The 1-based number of the capture packet holding that byte (tshark's frame.number). */
  readonly frame: number;
  /** That packet's time, nanoseconds since the epoch. */
  readonly time: bigint;
  readonly type: string;
  /** The decoded message, as its reader gave it. */
  readonly message: M;
}

/** Why a direction stopped being dissected: the reader's fault, or a gap in the stream. */
export interface DissectError {
  readonly dir: Direction;
  /** A reader's DecodeError code, or `GAP` (bytes of the stream never captured). */
  readonly code: string;
  /** Where in the direction's stream. */
  readonly offset: number;
  readonly message: string;
}

export type DissectEvent =
  | { readonly type: 'open'; readonly connection: TcpConnection; readonly protocol: AnyProtocol | null }
  | {
      readonly type: 'message';
      readonly connection: TcpConnection;
      readonly protocol: AnyProtocol;
      readonly message: DissectedMessage;
    }
  | { readonly type: 'error'; readonly connection: TcpConnection; readonly error: DissectError }
  | { readonly type: 'close'; readonly connection: TcpConnection };

export type DissectEmit = (event: DissectEvent) => void;
