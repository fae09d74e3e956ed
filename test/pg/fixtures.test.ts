// The fixtures agree with each other: every message tshark dissected, in order, sits in the raw
// stream bytes at the length the stream's own framing gives it, with nothing left over, so the
// dissection reader (support/tshark.ts) can neither drop nor invent a message. Then its field
// mapping, on the capture's values and on tshark JSON for the cases the capture lacks.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type Direction, normalizePgsql, readDissection, streamBytes, wireSize } from './support/tshark.js';
import { frames } from './support/wire.js';

const streams = readDissection();
const DIRECTIONS: Direction[] = ['client', 'server'];

/** Each type's type byte, from the PostgreSQL docs ("Message Formats"); '' for the untyped ones. */
const CODES: Record<Direction, Record<string, string>> = {
  client: {
    SSLRequest: '',
    StartupMessage: '',
    Query: 'Q',
    Parse: 'P',
    Bind: 'B',
    Describe: 'D',
    Execute: 'E',
    Sync: 'S',
    Terminate: 'X',
  },
  server: {
    SSLResponse: '',
    Authentication: 'R',
    ParameterStatus: 'S',
    BackendKeyData: 'K',
    ReadyForQuery: 'Z',
    RowDescription: 'T',
    DataRow: 'D',
    CommandComplete: 'C',
    ErrorResponse: 'E',
    CopyOutResponse: 'H',
    CopyData: 'd',
    CopyDone: 'c',
    ParseComplete: '1',
    BindComplete: '2',
  },
};

describe('the fixture streams and the dissection agree', () => {
  it('has the three TCP streams of the capture', () => {
    expect(streams.map((s) => s.stream)).toEqual([0, 1, 2]);
  });

  for (const { stream, ...messages } of streams) {
    for (const direction of DIRECTIONS) {
      it(`stream ${stream} ${direction}: tshark's messages add up to the .bin file`, () => {
        const total = messages[direction].reduce((n, m) => n + wireSize(m), 0);
        expect(total).toBe(streamBytes(stream, direction).length);
      });

      it(`stream ${stream} ${direction}: one message per frame of the stream, same type and length`, () => {
        const bytes = streamBytes(stream, direction);
        const split = frames(bytes, direction === 'client' ? { untyped: 2 } : { sslAnswer: true });
        expect(split.rest).toBe(bytes.length);
        const seen = messages[direction].map((m) => [CODES[direction][m.type], m.length]);
        expect(seen).toEqual(split.frames.map((f) => [f.code, f.length]));
      });
    }
  }
});

describe('the dissection reader', () => {
  const [psql, , pgbench] = streams;

  it('reads the SSL answer tshark leaves undissected, and the startup', () => {
    expect(psql?.server[0]).toEqual({ type: 'SSLResponse', length: 1, fields: { answer: 'N' } });
    expect(psql?.client[1]).toEqual({
      type: 'StartupMessage',
      length: 63,
      fields: {
        protocolVersion: 196608,
        parameters: { user: 'postgres', database: 'postgres', application_name: 'psql' },
      },
    });
    expect(psql?.server[1]).toEqual({ type: 'Authentication', length: 8, fields: { kind: 'Ok' } });
  });

  it('reads the 200 DataRows of generate_series and md5 (one split across two TCP segments)', () => {
    const rows = psql?.server.filter((m) => m.type === 'DataRow').map((m) => m.fields.columns);
    const md5 = (s: string) => createHash('md5').update(s).digest('hex');
    expect(rows).toEqual(Array.from({ length: 200 }, (_, i) => [String(i + 1), md5(String(i + 1))]));
  });

  it('reads the ErrorResponse fields by their one-letter codes, and COPY OUT', () => {
    const error = psql?.server.find((m) => m.type === 'ErrorResponse');
    expect(error?.fields).toEqual({
      fields: {
        S: 'ERROR',
        V: 'ERROR',
        C: '22012',
        M: 'division by zero',
        F: 'int.c',
        L: '869',
        R: 'int4div',
      },
    });
    const copy = psql?.server.filter((m) => m.type === 'CopyData').map((m) => m.fields.data);
    expect(copy).toEqual(Array.from({ length: 50 }, (_, i) => new Uint8Array(Buffer.from(`${i + 1}\n`))));
    expect(psql?.server.find((m) => m.type === 'CopyOutResponse')?.fields).toEqual({
      format: 0,
      columnCount: 1,
    });
  });

  it("reads pgbench's extended protocol", () => {
    expect(pgbench?.client.slice(2, 7).map((m) => [m.type, m.fields])).toEqual([
      [
        'Parse',
        { name: '', query: 'SELECT abalance FROM pgbench_accounts WHERE aid = $1;', parameterTypes: [] },
      ],
      [
        'Bind',
        {
          portal: '',
          statement: '',
          parameterFormats: [],
          parameters: [expect.any(Uint8Array)],
          resultFormats: [0],
        },
      ],
      ['Describe', { kind: 'P', name: '' }],
      ['Execute', { portal: '', maxRows: 0 }],
      ['Sync', {}],
    ]);
    const row = pgbench?.server.find((m) => m.type === 'RowDescription');
    expect(row?.fields).toEqual({
      fields: [
        {
          name: 'abalance',
          tableOid: 16390,
          columnAttribute: 3,
          typeOid: 23,
          typeSize: 4,
          typeModifier: -1,
          format: 0,
        },
      ],
    });
  });

  // tshark 4.0's JSON for messages the capture does not have (made with text2pcap from hand-written
  // messages, then copied here): NULL and empty values, every notice field, empty payloads.
  it('maps NULL and empty values, which tshark shows as lengths without data', () => {
    const dataRow = {
      'pgsql.type': 'Data row',
      'pgsql.length': '20',
      'pgsql.frontend': '0',
      'pgsql.field.count': '3',
      'pgsql.field.count_tree': { 'pgsql.val.length': ['-1', '0', '2'], 'pgsql.val.data': '68:69' },
    };
    expect(normalizePgsql(dataRow).fields).toEqual({ columns: [null, '', 'hi'] });
    const bind = {
      'pgsql.type': 'Bind',
      'pgsql.length': '33',
      'pgsql.frontend': '1',
      'pgsql.portal': 'p',
      'pgsql.statement': 's',
      'Parameter formats: 2': { 'pgsql.format': ['0', '1'] },
      'Parameter values: 3': { 'pgsql.val.length': ['-1', '0', '3'], 'pgsql.val.data': '61:62:63' },
      'Result formats: 0': '',
    };
    expect(normalizePgsql(bind).fields).toEqual({
      portal: 'p',
      statement: 's',
      parameterFormats: [0, 1],
      parameters: [null, new Uint8Array(0), new Uint8Array([0x61, 0x62, 0x63])],
      resultFormats: [],
    });
    // Data that do not fit the lengths are an error, not a silent shift.
    const rowOf = (lengths: string[], data: string) => ({
      ...dataRow,
      'pgsql.field.count': String(lengths.length),
      'pgsql.field.count_tree': { 'pgsql.val.length': lengths, 'pgsql.val.data': data },
    });
    expect(() => normalizePgsql(rowOf(['2', '2'], '68:69'))).toThrow(/length 2 has 0 bytes/);
    expect(() => normalizePgsql(rowOf(['-1', '0'], '68:69'))).toThrow(/1 data for 0 values/);
    expect(() => normalizePgsql(rowOf(['3'], '68:69'))).toThrow(/length 3 has 2 bytes/);
  });

  it('maps every notice field, notifications, descriptions and authentication requests', () => {
    const notice = {
      'pgsql.type': 'Notice',
      'pgsql.length': '116',
      'pgsql.frontend': '0',
      'pgsql.severity': 'WARNING',
      'pgsql.text': 'WARNING',
      'pgsql.code': '01000',
      'pgsql.message': 'be careful',
      'pgsql.detail': 'some detail',
      'pgsql.hint': 'hint',
      'pgsql.position': '12',
      'pgsql.where': 'ctx',
      'pgsql.schema_name': 'schema',
      'pgsql.table_name': 'tab',
      'pgsql.column_name': 'col',
      'pgsql.type_name': 'typ',
      'pgsql.constraint_name': 'constr',
      'pgsql.file': 'file.c',
      'pgsql.line': '1',
      'pgsql.routine': 'fn',
    };
    expect(normalizePgsql(notice)).toEqual({
      type: 'NoticeResponse',
      length: 116,
      fields: {
        fields: {
          S: 'WARNING',
          V: 'WARNING',
          C: '01000',
          M: 'be careful',
          D: 'some detail',
          H: 'hint',
          P: '12',
          W: 'ctx',
          s: 'schema',
          t: 'tab',
          c: 'col',
          d: 'typ',
          n: 'constr',
          F: 'file.c',
          L: '1',
          R: 'fn',
        },
      },
    });
    const be = { 'pgsql.frontend': '0', 'pgsql.length': '4' };
    const fe = { 'pgsql.frontend': '1', 'pgsql.length': '4' };
    const cases: [Record<string, unknown>, string, Record<string, unknown>][] = [
      [
        { ...be, 'pgsql.type': 'Notification', 'pgsql.pid': '42', 'pgsql.condition': 'chan' },
        'NotificationResponse',
        { processId: 42, channel: 'chan', payload: '' },
      ],
      [
        { ...be, 'pgsql.type': 'Parameter description', 'Parameters: 2': { 'pgsql.oid.type': ['23', '25'] } },
        'ParameterDescription',
        { typeOids: [23, 25] },
      ],
      [
        {
          ...be,
          'pgsql.type': 'CopyOut response',
          'pgsql.format': '1',
          'Columns: 3': { 'pgsql.format': '1' },
        },
        'CopyOutResponse',
        { format: 1, columnCount: 3 },
      ],
      [
        { ...be, 'pgsql.type': 'Authentication request', 'pgsql.authtype': '5', 'pgsql.salt': '61:62:63:64' },
        'Authentication',
        { kind: 'MD5Password', salt: new Uint8Array([0x61, 0x62, 0x63, 0x64]) },
      ],
      [
        {
          ...be,
          'pgsql.type': 'Authentication request',
          'pgsql.authtype': '10',
          'pgsql.auth.sasl.mech': 'SCRAM-SHA-256',
        },
        'Authentication',
        { kind: 'SASL', mechanisms: ['SCRAM-SHA-256'] },
      ],
      [{ ...be, 'pgsql.type': 'Empty query' }, 'EmptyQueryResponse', {}],
      [
        { ...fe, 'pgsql.type': 'Describe', 'pgsql.statement': 'stmt' },
        'Describe',
        { kind: 'S', name: 'stmt' },
      ],
      [{ ...fe, 'pgsql.type': 'Close', 'pgsql.portal': 'portal' }, 'Close', { kind: 'P', name: 'portal' }],
      [
        {
          ...fe,
          'pgsql.type': 'Parse',
          'pgsql.statement': 'st',
          'pgsql.query': 'select $1',
          'Parameters: 2': { 'pgsql.oid.type': ['23', '0'] },
        },
        'Parse',
        { name: 'st', query: 'select $1', parameterTypes: [23, 0] },
      ],
      [{ ...fe, 'pgsql.type': 'Copy failure', 'pgsql.error': 'oops' }, 'CopyFail', { message: 'oops' }],
      [
        { ...fe, 'pgsql.type': 'Password message', 'pgsql.password': 'secret' },
        'PasswordMessage',
        { password: 'secret' },
      ],
    ];
    for (const [tree, type, fields] of cases)
      expect(normalizePgsql(tree)).toEqual({ type, length: 4, fields });
  });

  it('refuses a message type it does not know instead of skipping it', () => {
    expect(() =>
      normalizePgsql({ 'pgsql.type': 'Unknown', 'pgsql.length': '9', 'pgsql.frontend': '0' }),
    ).toThrow(/"Unknown" is not mapped/);
  });
});
