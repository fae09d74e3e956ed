/**
 * One line per message for `stride pg decode`'s table: the fields of each message, said briefly
 * (`3 columns: '1', 'alice', NULL`, `id int4, name text`, `ERROR 22012 division by zero`), with
 * controls escaped, long values cut and the whole line bounded.
 */
import { isUtf8 } from 'node:buffer';
import type { PgReadMessage } from '@stride/pg';
import { bounded, clip, count, listed, map } from '../text.js';

/** What the command decodes: either direction's messages, DataRow columns as bytes. */
export type DecodedMessage = PgReadMessage<'server' | 'client', 'bytes'>;

/** A value (a column, a parameter, a name) is cut to about this many characters. */
export const VALUE_WIDTH = 24;
/** A summary is at most this many characters. */
export const SUMMARY_WIDTH = 100;

/** Names of the built-in types a RowDescription or Parse most often names (pg_type.oid). */
const TYPE_NAMES: Readonly<Record<number, string>> = {
  16: 'bool',
  17: 'bytea',
  18: 'char',
  19: 'name',
  20: 'int8',
  21: 'int2',
  23: 'int4',
  25: 'text',
  26: 'oid',
  114: 'json',
  142: 'xml',
  700: 'float4',
  701: 'float8',
  705: 'unknown',
  790: 'money',
  869: 'inet',
  1000: '_bool',
  1001: '_bytea',
  1005: '_int2',
  1007: '_int4',
  1009: '_text',
  1016: '_int8',
  1042: 'bpchar',
  1043: 'varchar',
  1082: 'date',
  1083: 'time',
  1114: 'timestamp',
  1184: 'timestamptz',
  1186: 'interval',
  1266: 'timetz',
  1700: 'numeric',
  2950: 'uuid',
  3802: 'jsonb',
};

const READY_STATUS: Readonly<Record<string, string>> = {
  I: 'idle',
  T: 'in a transaction',
  E: 'in a failed transaction',
};

const ENCRYPTION_ANSWER: Readonly<Record<string, string>> = {
  N: 'no encryption',
  S: 'SSL accepted',
  G: 'GSSAPI encryption accepted',
};

function typeName(oid: number): string {
  return TYPE_NAMES[oid] ?? `oid ${oid}`;
}

function quoted(s: string): string {
  return `'${clip(s, VALUE_WIDTH)}'`;
}

/**
 * A value's bytes: quoted text when they are UTF-8 (only the bytes that can be shown are looked
 * at, so a huge value costs nothing), else `\x` and their hex, as PostgreSQL writes a bytea.
 */
function shown(value: Uint8Array | null): string {
  if (value === null) return 'NULL';
  let end = Math.min(value.length, VALUE_WIDTH * 4);
  // Not inside a character: back off the continuation bytes (10xxxxxx) of one cut at the end.
  if (end < value.length) while (end > 0 && ((value[end] as number) & 0xc0) === 0x80) end--;
  const head = value.subarray(0, end);
  if (isUtf8(head)) {
    const text = Buffer.from(head.buffer, head.byteOffset, head.length).toString('utf8');
    return quoted(end < value.length ? `${text}…` : text);
  }
  const hex = Buffer.from(value.buffer, value.byteOffset, Math.min(value.length, VALUE_WIDTH / 2)).toString(
    'hex',
  );
  return `\\x${hex}${value.length > VALUE_WIDTH / 2 ? '…' : ''}`;
}

/** `label: text`, the text cut to what the line has left. */
function labelled(label: string, text: string): string {
  return `${label}: ${clip(text, Math.max(SUMMARY_WIDTH - label.length - 2, 10))}`;
}

/** `S C M` of an ErrorResponse or NoticeResponse: `ERROR 22012 division by zero`. */
function notice(fields: Readonly<Record<string, string>>): string {
  const severity = fields.V ?? fields.S;
  const head = [severity, fields.C].filter((s) => s !== undefined).join(' ');
  return fields.M === undefined ? clip(head, SUMMARY_WIDTH) : labelledSpace(head, fields.M);
}

function labelledSpace(head: string, text: string): string {
  if (head === '') return clip(text, SUMMARY_WIDTH);
  return `${head} ${clip(text, Math.max(SUMMARY_WIDTH - head.length - 1, 10))}`;
}

function formats(codes: readonly number[], what: string): string {
  if (codes.length === 0) return `${what} text`;
  if (codes.length === 1) return `${what} ${codes[0] === 1 ? 'binary' : 'text'}`;
  return `${what} ${listed(
    map(codes, (c) => (c === 1 ? 'binary' : 'text')),
    SUMMARY_WIDTH,
  )}`;
}

export function summarize(m: DecodedMessage): string {
  return bounded(summary(m), SUMMARY_WIDTH);
}

function summary(m: DecodedMessage): string {
  switch (m.type) {
    // Backend
    case 'SSLResponse':
      return `${m.answer} (${ENCRYPTION_ANSWER[m.answer] ?? 'unknown answer'})`;
    case 'Authentication':
      switch (m.kind) {
        case 'MD5Password':
          return `MD5Password, salt ${Buffer.from(m.salt).toString('hex')}`;
        case 'SASL':
          return `SASL: ${listed(
            map(m.mechanisms, (s) => clip(s, VALUE_WIDTH)),
            SUMMARY_WIDTH,
          )}`;
        case 'GSSContinue':
        case 'SASLContinue':
        case 'SASLFinal':
          return `${m.kind}, ${count(m.data.length, 'byte')}`;
        default:
          return String(m.kind);
      }
    case 'BackendKeyData':
      return `process ${m.processId}, key ${m.secretKey >>> 0}`;
    case 'CommandComplete':
      return clip(m.tag, SUMMARY_WIDTH);
    case 'CopyData':
      return `${count(m.data.length, 'byte')}: ${shown(m.data)}`;
    case 'CopyInResponse':
    case 'CopyOutResponse':
    case 'CopyBothResponse':
      return `${m.format === 1 ? 'binary' : 'text'}, ${count(m.columnFormats.length, 'column')}`;
    case 'DataRow':
      return `${count(m.columns.length, 'column')}${m.columns.length === 0 ? '' : `: ${listed(map(m.columns, shown), SUMMARY_WIDTH)}`}`;
    case 'ErrorResponse':
    case 'NoticeResponse':
      return notice(m.fields);
    case 'FunctionCallResponse':
      return `result ${shown(m.result)}`;
    case 'NegotiateProtocolVersion':
      return `newest minor ${m.newestMinor}, ${count(m.options.length, 'unrecognized option')}${m.options.length === 0 ? '' : `: ${listed(map(m.options, quoted), SUMMARY_WIDTH)}`}`;
    case 'NotificationResponse':
      return `process ${m.processId}, channel ${quoted(m.channel)}, payload ${quoted(m.payload)}`;
    case 'ParameterDescription':
      return `${count(m.typeOids.length, 'parameter')}${m.typeOids.length === 0 ? '' : `: ${listed(map(m.typeOids, typeName), SUMMARY_WIDTH)}`}`;
    case 'ParameterStatus':
      return labelledSpace(`${clip(m.name, VALUE_WIDTH * 2)} =`, m.value);
    case 'ReadyForQuery':
      return `${m.status} (${READY_STATUS[m.status] ?? 'unknown status'})`;
    case 'RowDescription':
      return m.fields.length === 0
        ? '0 fields'
        : listed(
            map(
              m.fields,
              (f) =>
                `${clip(f.name, VALUE_WIDTH)} ${typeName(f.typeOid)}${f.format === 1 ? ' (binary)' : ''}`,
            ),
            SUMMARY_WIDTH,
          );
    // Frontend
    case 'SSLRequest':
    case 'GSSENCRequest':
      return '';
    case 'CancelRequest':
      return `process ${m.processId}, key ${m.secretKey >>> 0}`;
    case 'StartupMessage': {
      const v = m.protocolVersion;
      const params = listed(
        map(Object.entries(m.parameters), ([k, value]) => `${clip(k, VALUE_WIDTH)}=${quoted(value)}`),
        SUMMARY_WIDTH,
      );
      return `protocol ${v >>> 16}.${v & 0xffff}${params === '' ? '' : `, ${params}`}`;
    }
    case 'Query':
      return clip(m.query, SUMMARY_WIDTH);
    case 'Parse': {
      const types = m.parameterTypes.length === 0 ? '' : ` (${listed(map(m.parameterTypes, typeName), 40)})`;
      return labelled(`statement ${quoted(m.name)}${types}`, m.query);
    }
    case 'Bind': {
      const head = `portal ${quoted(m.portal)}, statement ${quoted(m.statement)}`;
      const params =
        m.parameters.length === 0
          ? '0 parameters'
          : `${count(m.parameters.length, 'parameter')}: ${listed(map(m.parameters, shown), 50)}`;
      return `${head}, ${params}, ${formats(m.resultFormats, 'results')}`;
    }
    case 'Close':
    case 'Describe':
      return `${m.kind === 'S' ? 'statement' : 'portal'} ${quoted(m.name)}`;
    case 'Execute':
      return `portal ${quoted(m.portal)}, ${m.maxRows === 0 ? 'all rows' : `at most ${count(m.maxRows, 'row')}`}`;
    case 'CopyFail':
      return clip(m.message, SUMMARY_WIDTH);
    case 'FunctionCall':
      return `function ${m.functionOid}, ${count(m.arguments.length, 'argument')}${m.arguments.length === 0 ? '' : `: ${listed(map(m.arguments, shown), 60)}`}`;
    case 'PasswordMessage':
      // A password may be in clear: only its size is shown (--json has the bytes).
      return count(m.data.length, 'byte');
    case 'BindComplete':
    case 'CloseComplete':
    case 'CopyDone':
    case 'EmptyQueryResponse':
    case 'NoData':
    case 'ParseComplete':
    case 'PortalSuspended':
    case 'Flush':
    case 'Sync':
    case 'Terminate':
      return '';
    default:
      return unreachable(m);
  }
}

/** A message type added to @stride/pg without a case above fails to compile here. */
function unreachable(_message: never): string {
  return '';
}
