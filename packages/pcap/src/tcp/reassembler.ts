/**
 * TCP reassembly for a whole capture: segments in, in capture order, each connection's events out
 * (see types.ts). Connections are found by their two endpoints, whichever way a segment goes; the
 * table holds at most `maxConnections` (closed ones stay, silently, to absorb their late segments,
 * until a new one needs the room), the least recently active evicted first with a warning. Every
 * step is constant time per segment (a map lookup and move), but for the held out-of-order pieces.
 * A new SYN on a connection's endpoints is a new connection (port reuse): on a closed one, or on an
 * open one when its sequence number is not that direction's SYN's (the old one closes, 'reused').
 */

import { TcpWarningCode } from '../errors.js';
import { Connection } from './connection.js';
import { type ResolvedOptions, resolveOptions, type TcpReassemblerOptions } from './options.js';
import { endpoint, senderIsClient } from './roles.js';
import type { TcpEmit, TcpSegment } from './types.js';

export class TcpReassembler {
  readonly #options: ResolvedOptions;
  /** By the endpoints' key, least recently active first (a Map keeps insertion order). */
  readonly #table = new Map<string, Connection>();
  #nextId = 0;
  /** The last segment's endpoints and key: a run of segments of one connection makes no string. */
  #lastSrc = '';
  #lastSrcPort = -1;
  #lastDst = '';
  #lastDstPort = -1;
  #lastKey = '';

  constructor(options?: TcpReassemblerOptions) {
    this.#options = resolveOptions(options);
  }

  /** Connections in the table (open or closed). */
  get connections(): number {
    return this.#table.size;
  }

  /** One segment, in capture order. */
  push(segment: TcpSegment, emit: TcpEmit): void {
    const table = this.#table;
    const same = this.#sameEndpointsAsLast(segment);
    const key = this.#lastKey;
    let connection = table.get(key);
    if (connection !== undefined && !same) {
      table.delete(key); // to the end: the most recently active
      table.set(key, connection);
    }
    if (connection?.closed) {
      if (!segment.flags.syn || segment.flags.ack) {
        this.#afterClose(segment, connection, emit);
        return;
      }
      table.delete(key); // port reuse: a new connection
      connection = undefined;
    } else if (connection?.startsAnew(segment)) {
      connection.close('reused', emit, segment.frame); // port reuse, the old close never seen
      table.delete(key);
      connection = undefined;
    }
    if (connection === undefined) {
      if (segment.flags.rst) return; // a RST for a connection not seen opens nothing
      connection = this.#open(segment, key, emit);
    }
    connection.push(segment, emit);
  }

  /** True when `segment` has the last one's endpoints (either way); else its key becomes the last. */
  #sameEndpointsAsLast({ src, srcPort, dst, dstPort }: TcpSegment): boolean {
    if (
      srcPort === this.#lastSrcPort &&
      dstPort === this.#lastDstPort &&
      src === this.#lastSrc &&
      dst === this.#lastDst
    )
      return true;
    if (
      srcPort === this.#lastDstPort &&
      dstPort === this.#lastSrcPort &&
      src === this.#lastDst &&
      dst === this.#lastSrc
    )
      return true;
    [this.#lastSrc, this.#lastSrcPort, this.#lastDst, this.#lastDstPort] = [src, srcPort, dst, dstPort];
    this.#lastKey =
      src < dst || (src === dst && srcPort < dstPort)
        ? `${src} ${srcPort} ${dst} ${dstPort}`
        : `${dst} ${dstPort} ${src} ${srcPort}`;
    return false;
  }

  /** Late segments of a closed connection are absorbed; one with payload, with a warning. */
  #afterClose(segment: TcpSegment, connection: Connection, emit: TcpEmit): void {
    if (segment.payload.length === 0) return;
    const from = endpoint(segment.src, segment.srcPort);
    const message = `${segment.payload.length} bytes from ${from} after the connection closed`;
    const { frame } = segment;
    emit({
      type: 'warning',
      code: TcpWarningCode.SEGMENT_AFTER_CLOSE,
      message,
      frame,
      connection: connection.info,
    });
  }

  /** The end of the capture: every open connection is flushed and closed ('end'). */
  finish(emit: TcpEmit): void {
    const open = [...this.#table.values()].filter((c) => !c.closed).sort((a, b) => a.info.id - b.info.id);
    this.#table.clear();
    for (const connection of open) connection.close('end', emit);
  }

  #open(segment: TcpSegment, key: string, emit: TcpEmit): Connection {
    const table = this.#table;
    while (table.size >= this.#options.maxConnections) this.#evictOldest(segment.frame, emit);
    const client = senderIsClient(segment, this.#options.serverPorts);
    const src = endpoint(segment.src, segment.srcPort);
    const dst = endpoint(segment.dst, segment.dstPort);
    const info = {
      id: this.#nextId++,
      client: client ? src : dst,
      server: client ? dst : src,
      handshake: segment.flags.syn,
      frame: segment.frame,
      timestamp: segment.timestamp,
    };
    const [ip, port] = client ? [segment.src, segment.srcPort] : [segment.dst, segment.dstPort];
    const connection = new Connection(info, ip, port, this.#options);
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
