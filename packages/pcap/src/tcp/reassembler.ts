/**
 * TCP reassembly for a whole capture: segments in, in capture order, each connection's events out
 * (see types.ts). Connections are found by their two endpoints, whichever way a segment goes; the
 * table holds at most `maxConnections` (closed ones stay, silently, to absorb their late segments,
 * until a new one needs the room), the least recently active evicted first with a warning. Every
 * step is constant time per segment (a map lookup and move), but for the held out-of-order pieces.
 * A new SYN on a closed connection's endpoints is a new connection (port reuse).
 */
import { Connection } from './connection.js';
import { TcpWarningCode } from './errors.js';
import { type ResolvedOptions, resolveOptions, type TcpReassemblerOptions } from './options.js';
import { endpoint, senderIsClient } from './roles.js';
import type { TcpEmit, TcpSegment } from './types.js';

export class TcpReassembler {
  readonly #options: ResolvedOptions;
  /** By the endpoints' key, least recently active first (a Map keeps insertion order). */
  readonly #table = new Map<string, Connection>();
  #nextId = 0;

  constructor(options?: TcpReassemblerOptions) {
    this.#options = resolveOptions(options);
  }

  /** Connections in the table (open or closed). */
  get connections(): number {
    return this.#table.size;
  }

  /** One segment, in capture order. */
  push(segment: TcpSegment, emit: TcpEmit): void {
    const src = endpoint(segment.src, segment.srcPort);
    const dst = endpoint(segment.dst, segment.dstPort);
    const key = src < dst ? `${src} ${dst}` : `${dst} ${src}`;
    const table = this.#table;
    let connection = table.get(key);
    if (connection !== undefined) {
      table.delete(key);
      const { syn, ack } = segment.flags;
      if (connection.closed && !(syn && !ack)) {
        table.set(key, connection);
        if (segment.payload.length > 0) {
          const message = `${segment.payload.length} bytes from ${src} after the connection closed`;
          emit({
            type: 'warning',
            code: TcpWarningCode.SEGMENT_AFTER_CLOSE,
            message,
            frame: segment.frame,
            connection: connection.info,
          });
        }
        return;
      }
      if (connection.closed) connection = undefined;
      else table.set(key, connection);
    }
    if (connection === undefined) {
      if (segment.flags.rst) return; // a RST for a connection not seen opens nothing
      connection = this.#open(segment, src, dst, key, emit);
    }
    connection.push(segment, src, emit);
  }

  /** The end of the capture: every open connection is flushed and closed ('end'). */
  finish(emit: TcpEmit): void {
    const open = [...this.#table.values()].filter((c) => !c.closed).sort((a, b) => a.info.id - b.info.id);
    this.#table.clear();
    for (const connection of open) connection.close('end', emit);
  }

  #open(segment: TcpSegment, src: string, dst: string, key: string, emit: TcpEmit): Connection {
    const table = this.#table;
    while (table.size >= this.#options.maxConnections) this.#evictOldest(segment.frame, emit);
    const client = senderIsClient(segment, this.#options.serverPorts);
    const info = {
      id: this.#nextId++,
      client: client ? src : dst,
      server: client ? dst : src,
      handshake: segment.flags.syn,
      frame: segment.frame,
      timestamp: segment.timestamp,
    };
    const connection = new Connection(info, this.#options);
    table.set(key, connection);
    emit({ type: 'open', connection: info });
    return connection;
  }

  #evictOldest(frame: number, emit: TcpEmit): void {
    const [key, oldest] = this.#table.entries().next().value as [string, Connection];
    this.#table.delete(key);
    if (oldest.closed) return;
    const message = `${this.#options.maxConnections} connections tracked: ${oldest.info.client} -> ${oldest.info.server} evicted`;
    emit({
      type: 'warning',
      code: TcpWarningCode.CONNECTION_EVICTED,
      message,
      frame,
      connection: oldest.info,
    });
    oldest.close('evicted', emit);
  }
}
