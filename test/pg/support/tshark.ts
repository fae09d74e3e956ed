// tshark's PostgreSQL dissection of the fixture capture (fixtures/dissection.json, tshark 4.0), as
// the list of messages of each TCP stream and direction, named as the PostgreSQL docs name them
// (and as @stride/pg's decoder names them), with the fields tshark shows. An oracle for the decoder.
//
// Fields, by message (numbers are numbers, text is text, bytes are Uint8Array):
//   backend   Authentication {kind: 'Ok' | 'CleartextPassword' | 'MD5Password' | 'SASL' | ..., salt?, mechanisms?}
//             ParameterStatus {name, value}   BackendKeyData {processId, secretKey (unsigned)}
//             ReadyForQuery {status: 'I' | 'T' | 'E'}   CommandComplete {tag}
//             RowDescription {fields: [{name, tableOid, columnAttribute, typeOid, typeSize, typeModifier, format}]}
//             DataRow {columns: (string | null)[]} (UTF-8 text)   CopyData {data}
//             ErrorResponse, NoticeResponse {fields: {S, V, C, M, D, H, P, p, q, W, s, t, c, d, n, F, L, R}}
//               (the codes present; V is tshark's "text", which it also uses for codes it does not know)
//             CopyInResponse, CopyOutResponse {format, columnCount} (tshark 4.0 shows only count − 2
//               column formats, so none are kept)
//             ParameterDescription {typeOids}   NotificationResponse {processId, channel, payload}
//             SSLResponse {answer: 'N' | 'S'}: the unframed byte, which tshark does not dissect; it is
//               taken from the packet's tcp.payload
//             ParseComplete, BindComplete, CloseComplete, NoData, EmptyQueryResponse, PortalSuspended,
//             CopyDone {}
//   frontend  SSLRequest {}   CancelRequest {processId, secretKey}   GSSENCRequest {}
//             StartupMessage {protocolVersion, parameters: {user, database, ...}}   Query {query}
//             Parse {name, query, parameterTypes}   Execute {portal, maxRows}
//             Bind {portal, statement, parameterFormats, parameters: (Uint8Array | null)[], resultFormats}
//             Describe, Close {kind: 'S' | 'P', name}   CopyData {data}   CopyFail {message}
//             PasswordMessage {password}   Sync, Flush, Terminate, CopyDone {}
// `length` is the message's Int32 length field (which counts itself, not the type byte); for the
// SSL answer, 1. A message type tshark names but this file does not know is an error, not a skip.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface TsharkMessage {
  type: string;
  length: number;
  fields: Record<string, unknown>;
}

export type Direction = 'client' | 'server';

export interface TsharkStream {
  stream: number;
  /** Frontend messages, client → server, in stream order. */
  client: TsharkMessage[];
  /** Backend messages, server → client, in stream order. */
  server: TsharkMessage[];
}

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const SERVER_PORT = '54329';

/** The raw payload of one direction of a captured TCP stream (fixtures/stream-N-client|server.bin). */
export function streamBytes(stream: number, direction: Direction): Uint8Array {
  return new Uint8Array(readFileSync(`${FIXTURES}stream-${stream}-${direction}.bin`));
}

/** The bytes a message takes in the stream: its length, plus the type byte if it has one. */
export function wireSize(message: TsharkMessage): number {
  return UNTYPED.has(message.type) ? message.length : message.length + 1;
}

const UNTYPED = new Set(['SSLResponse', 'SSLRequest', 'StartupMessage', 'CancelRequest', 'GSSENCRequest']);

type Tree = Record<string, unknown>;

/** Every TCP stream of the dissection, in stream order, each direction's messages in frame order. */
export function readDissection(file = `${FIXTURES}dissection.json`): TsharkStream[] {
  const packets = JSON.parse(readFileSync(file, 'utf8')) as { _source: { layers: Tree } }[];
  const streams: TsharkStream[] = [];
  for (const { _source } of packets) {
    const tcp = _source.layers.tcp as Tree;
    const n = Number(tcp['tcp.stream']);
    streams[n] ??= { stream: n, client: [], server: [] };
    const at = streams[n];
    const direction: Direction = tcp['tcp.srcport'] === SERVER_PORT ? 'server' : 'client';
    const pgsql = _source.layers.pgsql as Tree | Tree[] | undefined;
    if (pgsql === undefined) {
      // A segment no message ends in, or the SSL answer, which tshark 4.0 leaves undissected.
      if (direction === 'server' && at.server.length === 0 && at.client.at(-1)?.type === 'SSLRequest') {
        const payload = tcp['tcp.payload'];
        if (typeof payload === 'string' && /^[0-9a-f]{2}$/.test(payload)) {
          at.server.push({
            type: 'SSLResponse',
            length: 1,
            fields: { answer: String.fromCharCode(hex(payload)[0] ?? 0) },
          });
        }
      }
      continue;
    }
    for (const tree of list(pgsql)) at[direction].push(normalizePgsql(tree as Tree));
  }
  return streams;
}

/** One message of tshark's JSON (an element of a packet's `pgsql` layer). */
export function normalizePgsql(tree: Tree): TsharkMessage {
  const name = text(tree, 'pgsql.type');
  const frontend = text(tree, 'pgsql.frontend') === '1';
  const length = int(tree, 'pgsql.length');
  const normalize = (frontend ? FRONTEND : BACKEND)[name];
  if (!normalize)
    throw new Error(`tshark ${frontend ? 'frontend' : 'backend'} message "${name}" is not mapped`);
  const [type, fields] = normalize(tree);
  return { type, length, fields };
}

type Normalizer = (tree: Tree) => [string, Record<string, unknown>];
const bare =
  (type: string): Normalizer =>
  () => [type, {}];

const AUTH_KINDS: Record<number, string> = {
  0: 'Ok',
  2: 'KerberosV5',
  3: 'CleartextPassword',
  5: 'MD5Password',
  7: 'GSS',
  8: 'GSSContinue',
  9: 'SSPI',
  10: 'SASL',
  11: 'SASLContinue',
  12: 'SASLFinal',
};

/** ErrorResponse and NoticeResponse field codes, by tshark field. */
const NOTICE_CODES: Record<string, string> = {
  'pgsql.severity': 'S',
  'pgsql.text': 'V',
  'pgsql.code': 'C',
  'pgsql.message': 'M',
  'pgsql.detail': 'D',
  'pgsql.hint': 'H',
  'pgsql.position': 'P',
  'pgsql.internal_position': 'p',
  'pgsql.internal_query': 'q',
  'pgsql.where': 'W',
  'pgsql.schema_name': 's',
  'pgsql.table_name': 't',
  'pgsql.column_name': 'c',
  'pgsql.type_name': 'd',
  'pgsql.constraint_name': 'n',
  'pgsql.file': 'F',
  'pgsql.line': 'L',
  'pgsql.routine': 'R',
};

const notice =
  (type: string): Normalizer =>
  (tree) => {
    const fields: Record<string, string> = {};
    for (const [key, value] of Object.entries(tree)) {
      const code = NOTICE_CODES[key];
      if (code === undefined) continue;
      if (typeof value !== 'string') throw new Error(`${type}: ${key} appears more than once`);
      fields[code] = value;
    }
    return [type, { fields }];
  };

const copyResponse =
  (type: string): Normalizer =>
  (tree) => [type, { format: int(tree, 'pgsql.format'), columnCount: labelled(tree, 'Columns') }];

const BACKEND: Record<string, Normalizer> = {
  'Authentication request': (tree) => {
    const code = int(tree, 'pgsql.authtype');
    const fields: Record<string, unknown> = { kind: AUTH_KINDS[code] ?? `Unknown(${code})` };
    if ('pgsql.salt' in tree) fields.salt = hex(text(tree, 'pgsql.salt'));
    if ('pgsql.auth.sasl.mech' in tree) fields.mechanisms = strings(tree['pgsql.auth.sasl.mech']);
    return ['Authentication', fields];
  },
  'Parameter status': (tree) => [
    'ParameterStatus',
    { name: text(tree, 'pgsql.parameter_name'), value: text(tree, 'pgsql.parameter_value') },
  ],
  'Backend key data': (tree) => [
    'BackendKeyData',
    { processId: int(tree, 'pgsql.pid'), secretKey: int(tree, 'pgsql.key') },
  ],
  'Ready for query': (tree) => ['ReadyForQuery', { status: String.fromCharCode(int(tree, 'pgsql.status')) }],
  'Row description': (tree) => {
    const columns = subtree(tree, 'pgsql.field.count_tree');
    const names = strings(columns['pgsql.col.name']);
    const details = list(columns['pgsql.col.name_tree']) as Tree[];
    if (details.length !== names.length)
      throw new Error('RowDescription: names and details differ in number');
    const fields = names.map((name, i) => {
      const d = details[i] as Tree;
      return {
        name,
        tableOid: int(d, 'pgsql.oid.table'),
        columnAttribute: int(d, 'pgsql.col.index'),
        typeOid: int(d, 'pgsql.oid.type'),
        typeSize: int(d, 'pgsql.val.length'),
        typeModifier: int(d, 'pgsql.col.typemod'),
        format: int(d, 'pgsql.format'),
      };
    });
    expectCount(int(tree, 'pgsql.field.count'), fields.length, 'RowDescription');
    return ['RowDescription', { fields }];
  },
  'Data row': (tree) => {
    const values = lengthPrefixed(tree['pgsql.field.count_tree'] ?? {}, 'DataRow');
    expectCount(int(tree, 'pgsql.field.count'), values.length, 'DataRow');
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    return ['DataRow', { columns: values.map((v) => (v === null ? null : utf8.decode(v))) }];
  },
  'Command completion': (tree) => ['CommandComplete', { tag: text(tree, 'pgsql.tag') }],
  Error: notice('ErrorResponse'),
  Notice: notice('NoticeResponse'),
  'CopyIn response': copyResponse('CopyInResponse'),
  'CopyOut response': copyResponse('CopyOutResponse'),
  'Copy data': (tree) => ['CopyData', { data: hex(text(tree, 'pgsql.copydata')) }],
  'Copy completion': bare('CopyDone'),
  'Parse completion': bare('ParseComplete'),
  'Bind completion': bare('BindComplete'),
  'Close completion': bare('CloseComplete'),
  'No data': bare('NoData'),
  'Empty query': bare('EmptyQueryResponse'),
  'Portal suspended': bare('PortalSuspended'),
  'Parameter description': (tree) => [
    'ParameterDescription',
    { typeOids: numbers(labelledTree(tree, 'Parameters')['pgsql.oid.type']) },
  ],
  Notification: (tree) => [
    'NotificationResponse',
    {
      processId: int(tree, 'pgsql.pid'),
      channel: text(tree, 'pgsql.condition'),
      // tshark 4.0 leaves an empty payload out.
      payload: 'pgsql.text' in tree ? text(tree, 'pgsql.text') : '',
    },
  ],
};

/** Describe and Close: the name is shown as pgsql.portal or pgsql.statement, which gives the kind. */
const target =
  (type: string): Normalizer =>
  (tree) =>
    'pgsql.portal' in tree
      ? [type, { kind: 'P', name: text(tree, 'pgsql.portal') }]
      : [type, { kind: 'S', name: text(tree, 'pgsql.statement') }];

const FRONTEND: Record<string, Normalizer> = {
  'SSL request': bare('SSLRequest'),
  'GSS encrypt request': bare('GSSENCRequest'),
  'Cancel request': (tree) => [
    'CancelRequest',
    { processId: int(tree, 'pgsql.pid'), secretKey: int(tree, 'pgsql.key') },
  ],
  'Startup message': (tree) => {
    const names = strings(tree['pgsql.parameter_name']);
    const values = strings(tree['pgsql.parameter_value']);
    if (names.length !== values.length) throw new Error('StartupMessage: names and values differ in number');
    const parameters = Object.fromEntries(names.map((name, i) => [name, values[i]]));
    const protocolVersion = int(tree, 'pgsql.version_major') * 65536 + int(tree, 'pgsql.version_minor');
    return ['StartupMessage', { protocolVersion, parameters }];
  },
  'Simple query': (tree) => ['Query', { query: text(tree, 'pgsql.query') }],
  Parse: (tree) => [
    'Parse',
    {
      name: text(tree, 'pgsql.statement'),
      query: text(tree, 'pgsql.query'),
      parameterTypes: numbers(labelledTree(tree, 'Parameters')['pgsql.oid.type']),
    },
  ],
  Bind: (tree) => [
    'Bind',
    {
      portal: text(tree, 'pgsql.portal'),
      statement: text(tree, 'pgsql.statement'),
      parameterFormats: numbers(labelledTree(tree, 'Parameter formats')['pgsql.format']),
      parameters: lengthPrefixed(labelledTree(tree, 'Parameter values'), 'Bind'),
      resultFormats: numbers(labelledTree(tree, 'Result formats')['pgsql.format']),
    },
  ],
  Describe: target('Describe'),
  Close: target('Close'),
  Execute: (tree) => ['Execute', { portal: text(tree, 'pgsql.portal'), maxRows: int(tree, 'pgsql.returns') }],
  Sync: bare('Sync'),
  Flush: bare('Flush'),
  Termination: bare('Terminate'),
  'Copy data': (tree) => ['CopyData', { data: hex(text(tree, 'pgsql.copydata')) }],
  'Copy completion': bare('CopyDone'),
  'Copy failure': (tree) => ['CopyFail', { message: text(tree, 'pgsql.error') }],
  'Password message': (tree) => ['PasswordMessage', { password: text(tree, 'pgsql.password') }],
};

/**
 * Values as tshark shows them: a pgsql.val.length per value (−1 for NULL) and a pgsql.val.data only
 * for lengths > 0, so the data are matched to the lengths in order.
 */
function lengthPrefixed(node: unknown, what: string): (Uint8Array | null)[] {
  if (node === '') return []; // a count of 0: the label has no subtree
  const tree = node as Tree;
  const data = strings(tree['pgsql.val.data']);
  let next = 0;
  const values = numbers(tree['pgsql.val.length']).map((n) => {
    if (n < 0) return null;
    if (n === 0) return new Uint8Array(0);
    const bytes = hex(data[next++] ?? '');
    if (bytes.length !== n) throw new Error(`${what}: a value of length ${n} has ${bytes.length} bytes`);
    return bytes;
  });
  if (next !== data.length) throw new Error(`${what}: ${data.length} data for ${next} values of length > 0`);
  return values;
}

/** The number in a label tshark writes as text, like "Columns: 2". */
function labelled(tree: Tree, label: string): number {
  const key = Object.keys(tree).find((k) => k.startsWith(`${label}: `));
  if (key === undefined) throw new Error(`no "${label}: N" label`);
  return Number(key.slice(label.length + 2));
}

/** The subtree under a label like "Parameters: 2" (an empty one when the count is 0). */
function labelledTree(tree: Tree, label: string): Tree {
  const count = labelled(tree, label);
  const node = tree[`${label}: ${count}`];
  return node === '' ? {} : (node as Tree);
}

function subtree(tree: Tree, key: string): Tree {
  const node = tree[key];
  if (node === undefined || node === '') return {};
  return node as Tree;
}

function expectCount(declared: number, found: number, what: string): void {
  if (declared !== found) throw new Error(`${what}: ${declared} declared, ${found} shown`);
}

/** A field tshark repeats is an array under --no-duplicate-keys, a single value otherwise. */
function list(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function strings(value: unknown): string[] {
  return list(value).map((v) => {
    if (typeof v !== 'string') throw new Error(`expected a string, got ${JSON.stringify(v)}`);
    return v;
  });
}

function numbers(value: unknown): number[] {
  return strings(value).map(Number);
}

function text(tree: Tree, key: string): string {
  const value = tree[key];
  if (typeof value !== 'string') throw new Error(`${key}: expected one string, got ${JSON.stringify(value)}`);
  return value;
}

function int(tree: Tree, key: string): number {
  const value = Number(text(tree, key));
  if (!Number.isInteger(value)) throw new Error(`${key}: not an integer`);
  return value;
}

/** tshark prints bytes as hex, colon-separated ("31:0a", or "31" for one byte). */
function hex(value: string): Uint8Array {
  return new Uint8Array(Buffer.from(value.replaceAll(':', ''), 'hex'));
}
