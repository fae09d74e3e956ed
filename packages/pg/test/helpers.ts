/** Shared test pieces: sessions of messages in both directions, and reading them in any chunking. */
import {
  type BackendMessage,
  encodeBackend,
  encodeFrontend,
  type FrontendMessage,
  PgReader,
  type PgReaderOptions,
  type SslResponse,
  type StartupPhaseMessage,
} from '@stride/pg';

export { cut, cutsFor } from '../../codec/test/helpers.js';

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A client's side of a session: startup with an SSL request, a simple and an extended query, COPY, a password. */
export const clientMessages: (FrontendMessage | StartupPhaseMessage)[] = [
  { type: 'SSLRequest' },
  {
    type: 'StartupMessage',
    protocolVersion: 196608,
    parameters: { user: 'postgres', database: 'postgres', application_name: 'ünïcode' },
  },
  { type: 'PasswordMessage', data: Uint8Array.of(0x6d, 0x64, 0x35, 0) },
  { type: 'Query', query: 'select 1; select * from t' },
  { type: 'Parse', name: 's1', query: 'select $1::int4, $2::text', parameterTypes: [23, 25] },
  {
    type: 'Bind',
    portal: '',
    statement: 's1',
    parameterFormats: [1, 0],
    parameters: [Uint8Array.of(0, 0, 0, 7), null],
    resultFormats: [1],
  },
  { type: 'Describe', kind: 'P', name: '' },
  { type: 'Execute', portal: '', maxRows: 0 },
  { type: 'Close', kind: 'S', name: 's1' },
  { type: 'Flush' },
  { type: 'Sync' },
  { type: 'FunctionCall', functionOid: 1598, argumentFormats: [], arguments: [null], resultFormat: 1 },
  { type: 'CopyData', data: Uint8Array.of(1, 2, 3) },
  { type: 'CopyDone' },
  { type: 'CopyFail', message: 'client gave up' },
  { type: 'Terminate' },
];

/** A server's side: the SSL refusal, authentication, parameters, rows with NULLs, errors, COPY, a notification. */
export const serverMessages: (BackendMessage | SslResponse)[] = [
  { type: 'SSLResponse', answer: 'N' },
  { type: 'Authentication', kind: 'MD5Password', salt: Uint8Array.of(1, 2, 3, 4) },
  { type: 'Authentication', kind: 'SASL', mechanisms: ['SCRAM-SHA-256', 'SCRAM-SHA-256-PLUS'] },
  { type: 'Authentication', kind: 'SASLContinue', data: Uint8Array.of(0x72, 0x3d) },
  { type: 'Authentication', kind: 'SASLFinal', data: Uint8Array.of(0x76, 0x3d) },
  { type: 'Authentication', kind: 'CleartextPassword' },
  { type: 'Authentication', kind: 'Ok' },
  { type: 'ParameterStatus', name: 'server_version', value: '15.18' },
  { type: 'BackendKeyData', processId: 4242, secretKey: -17 },
  { type: 'NegotiateProtocolVersion', newestMinor: 0, options: ['_pq_.x'] },
  { type: 'ReadyForQuery', status: 'I' },
  {
    type: 'RowDescription',
    fields: [
      {
        name: 'id',
        tableOid: 16384,
        columnAttribute: 1,
        typeOid: 23,
        typeSize: 4,
        typeModifier: -1,
        format: 0,
      },
      {
        name: 'note',
        tableOid: 0,
        columnAttribute: 0,
        typeOid: 25,
        typeSize: -1,
        typeModifier: -1,
        format: 0,
      },
    ],
  },
  { type: 'DataRow', columns: ['1', 'first'] },
  { type: 'DataRow', columns: ['2', null] },
  { type: 'DataRow', columns: ['3', ''] },
  { type: 'CommandComplete', tag: 'SELECT 3' },
  { type: 'EmptyQueryResponse' },
  {
    type: 'ErrorResponse',
    fields: { S: 'ERROR', V: 'ERROR', C: '22012', M: 'division by zero', F: 'int.c', L: '841', R: 'int4div' },
  },
  { type: 'NoticeResponse', fields: { S: 'NOTICE', C: '00000', M: 'hello' } },
  { type: 'ParseComplete' },
  { type: 'ParameterDescription', typeOids: [23, 25] },
  { type: 'BindComplete' },
  { type: 'NoData' },
  { type: 'PortalSuspended' },
  { type: 'CloseComplete' },
  { type: 'CopyOutResponse', format: 0, columnFormats: [0, 0] },
  { type: 'CopyData', data: Uint8Array.of(0x61, 0x09, 0x62, 0x0a) },
  { type: 'CopyDone' },
  { type: 'CopyInResponse', format: 1, columnFormats: [1] },
  { type: 'CopyBothResponse', format: 0, columnFormats: [] },
  { type: 'FunctionCallResponse', result: null },
  { type: 'NotificationResponse', processId: 4242, channel: 'jobs', payload: 'ready' },
  { type: 'ReadyForQuery', status: 'T' },
];

export const clientBytes = concat(clientMessages.map((m) => encodeFrontend(m)));
export const serverBytes = concat(serverMessages.map((m) => encodeBackend(m)));

export interface Outcome {
  messages: unknown[];
  offsets: number[];
  error?: { name: string; code: string; offset: number; path: string };
}

/** What a reader emits for `chunks` (and the error it raises, as plain data), with each message's offset. */
export function read(
  options: PgReaderOptions<'server' | 'client', 'string' | 'bytes'>,
  chunks: readonly Uint8Array[],
): Outcome {
  const reader = new PgReader(options);
  const out: Outcome = { messages: [], offsets: [] };
  const emit = (m: unknown) => {
    out.messages.push(m);
    out.offsets.push(reader.messageOffset);
  };
  try {
    for (const c of chunks) reader.write(c, emit);
    reader.finish(emit);
  } catch (e) {
    const err = e as { name: string; code: string; offset: number; path: string };
    out.error = { name: err.name, code: err.code, offset: err.offset, path: err.path };
  }
  return out;
}
