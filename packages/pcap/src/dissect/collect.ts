/**
 * Keeping a whole dissection: `DissectionCollector` takes a Dissector's events and keeps every
 * connection with its messages (each with its JSON value) and errors, in the order connections
 * were first seen; `dissect` runs a Dissector over pieces of a capture and collects;
 * `dissectionJson` is the document `stride pcap dissect --json` prints. For captures too large to
 * hold, use the Dissector's events directly.
 */
import type { TcpConnection } from '../tcp/index.js';
import { Dissector, type DissectorOptions } from './dissector.js';
import type { DissectError, DissectEvent, DissectedMessage, Json } from './types.js';

export interface CollectedMessage extends DissectedMessage {
  readonly value: Json;
}

export interface DissectedConnection {
  readonly connection: TcpConnection;
  readonly protocol: string | null;
  readonly client: string;
  readonly server: string;
  readonly messages: CollectedMessage[];
  readonly errors: DissectError[];
}

export class DissectionCollector {
  readonly connections: DissectedConnection[] = [];
  readonly #byId = new Map<number, DissectedConnection>();

  readonly emit = (event: DissectEvent): void => {
    if (event.type === 'open') {
      const { connection, protocol } = event;
      const c = {
        connection,
        protocol: protocol?.name ?? null,
        client: connection.client,
        server: connection.server,
        messages: [],
        errors: [],
      };
      this.connections.push(c);
      this.#byId.set(connection.id, c);
      return;
    }
    const c = this.#byId.get(event.connection.id);
    if (c === undefined) return;
    if (event.type === 'message')
      c.messages.push({ ...event.message, value: event.protocol.value(event.message.message) });
    else if (event.type === 'error') c.errors.push(event.error);
    else this.#byId.delete(event.connection.id);
  };
}

/** Every connection of the capture whose bytes are `pieces`. */
export function dissect(pieces: Iterable<Uint8Array>, options: DissectorOptions): DissectedConnection[] {
  const dissector = new Dissector(options);
  const collector = new DissectionCollector();
  for (const piece of pieces) dissector.write(piece, collector.emit);
  dissector.finish(collector.emit);
  return collector.connections;
}

/** One connection as `stride pcap dissect --json` prints it. */
export function connectionJson(c: DissectedConnection): Json {
  return {
    protocol: c.protocol,
    client: c.client,
    server: c.server,
    messages: c.messages.map(({ dir, offset, frame, type, value }) => ({ dir, offset, frame, type, value })),
    errors: c.errors.map(({ dir, code, offset, message }) => ({ dir, code, offset, message })),
  };
}

/** The whole document: `{ "connections": [ … ] }`. */
export function dissectionJson(connections: readonly DissectedConnection[]): Json {
  return { connections: connections.map(connectionJson) };
}
