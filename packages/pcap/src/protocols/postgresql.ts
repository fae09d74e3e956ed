/**
 * PostgreSQL (protocol 3.0) for the Dissector: @stride/pg's PgReader per direction (frontend
 * messages from the client, backend ones from the server, DataRow columns as bytes: a binary
 * column is no fault). A connection whose handshake was captured is read from its startup phase;
 * one picked up midway, from the typed messages. Types are the docs' names (`DataRow`,
 * `StartupMessage` …); a value is the message's fields, as `stride pg decode --json` prints them.
 * A gap stops the direction (a message boundary cannot be found again).
 */
import { PgReader, type PgReadMessage } from '@stride/pg';
import type { Protocol } from '../dissect/index.js';
import type { TcpConnection } from '../tcp/index.js';
import { fieldsJson } from './json.js';

export type PostgresMessage = PgReadMessage<'server' | 'client', 'bytes'>;

export const postgresql: Protocol<PostgresMessage, TcpConnection> = {
  name: 'postgresql',
  ports: [5432],
  context: (connection) => connection,
  reader: (dir, connection) =>
    new PgReader<'server' | 'client', 'bytes'>({
      from: dir === 'c2s' ? 'client' : 'server',
      columns: 'bytes',
      phase: connection.handshake ? 'startup' : 'messages',
    }),
  type: (m) => m.type,
  value: fieldsJson,
};
