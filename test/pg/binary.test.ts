// Binary results against a real PostgreSQL 15: for every type the client decodes (bool, int2/4/8,
// oid, float4/8, numeric, text/varchar/bpchar/name, bytea, uuid, date, timestamp, timestamptz,
// json, jsonb, and one-dimensional arrays of each with NULLs), the same query in text format (the
// simple protocol) and in binary format (the extended protocol) decodes to the same values; some
// values are also checked as written; each value sent back as a typed binary parameter returns.
import { pgTypes, typeOf } from '@stride/pg';
import { connect, type PgClient, typed } from '@stride/pg/client';
import { lastValueFrom, toArray } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PostgresServer, startPostgres } from './support/server.js';

let server: PostgresServer;
let client: PgClient;

beforeAll(async () => {
  server = await startPostgres();
  client = await connect({ host: server.host, port: server.port, user: server.user });
});
afterAll(async () => {
  await client?.close();
  await server?.stop();
});

type Row = Record<string, unknown>;
const one = async (
  sql: string,
  params: unknown[] = [],
  format: 'text' | 'binary' | ('text' | 'binary')[] = 'text',
) => {
  const rows = await lastValueFrom(client.query<Row>(sql, params, { format }).pipe(toArray()));
  expect(rows).toHaveLength(1);
  return rows[0] as Row;
};

/** Values of each type, as SQL expressions. */
const SCALARS: Record<string, string[]> = {
  bool: ['true', 'false'],
  int2: ['32767::int2', '(-32768)::int2', '0::int2'],
  int4: ['2147483647', '(-2147483648)::int4'],
  int8: ['9223372036854775807::int8', '(-9223372036854775808)::int8'],
  oid: ['4294967295::oid', '0::oid'],
  float4: [
    '1.5::float4',
    '3.4028235e38::float4',
    '1e-45::float4',
    "'NaN'::float4",
    "'-Infinity'::float4",
    '0.1::float4',
    "'-0'::float4",
  ],
  float8: [
    '0.1::float8',
    "'Infinity'::float8",
    "'-0'::float8",
    '1e-310::float8',
    '1.7976931348623157e308::float8',
    'pi()',
    "'NaN'::float8",
  ],
  numeric: [
    '0::numeric',
    '123.4500::numeric',
    '-0.001::numeric',
    "'NaN'::numeric",
    "'Infinity'::numeric",
    "'-Infinity'::numeric",
    '(2::numeric ^ 300)',
    'round(pi()::numeric, 1000)',
    '0.000000000000000000000000000000000000001::numeric',
    '12345678901234567890.123456789012345678901234567890::numeric',
    '1e-16383::numeric',
  ],
  text: ["'héllo ✓'::text", "''::text", "E'tab\\tnewline\\n\\\\'::text"],
  varchar: ["'abc'::varchar(10)"],
  bpchar: ["'ab'::char(4)"],
  name: ["'relname'::name"],
  bytea: ["'\\x00ff10'::bytea", "''::bytea", "decode(repeat('ab', 5000), 'hex')"],
  uuid: ["'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid"],
  date: [
    "'2024-02-29'::date",
    "'infinity'::date",
    "'-infinity'::date",
    "'0044-03-15 BC'::date",
    "'4714-11-24 BC'::date",
    "'5874897-12-31'::date",
    "'1999-12-31'::date",
  ],
  timestamp: [
    "'2024-02-29 12:34:56.789'::timestamp",
    "'2000-01-01 00:00:00'::timestamp",
    "'infinity'::timestamp",
    "'0044-03-15 12:00:00.000001 BC'::timestamp",
    "'294276-12-31 23:59:59.999999'::timestamp",
    "'1969-07-20 20:17:40.5'::timestamp",
  ],
  timestamptz: [
    "'2024-02-29 12:34:56.123456+05:30'::timestamptz",
    "'-infinity'::timestamptz",
    "'1900-01-01 00:00:00+00'::timestamptz",
    "'0100-06-01 00:00:00+00 BC'::timestamptz",
  ],
  json: [`'{"a":[1,2,{"b":null}],"c":"✓"}'::json`, "'[]'::json", "'1.5'::json"],
  jsonb: [`'{"a":[1,2,{"b":null}],"c":"✓"}'::jsonb`, '\'"s"\'::jsonb', "'null'::jsonb"],
};

/** Each type's values as one array with a NULL in the middle, and the empty array. */
const ARRAYS = Object.entries(SCALARS).flatMap(([type, values]) => {
  const [first, ...rest] = values;
  return [`array[${first}, null, ${rest.join(', ') || first}]::${type}[]`, `'{}'::${type}[]`];
});
const ODD_TEXT = `array['a b', null, 'c"d', '', 'NULL', '{x}', 'back\\slash', ' lead', 'é,✓']::text[]`;
const EXPRESSIONS = [...Object.values(SCALARS).flat(), ...ARRAYS, ODD_TEXT];

const select = EXPRESSIONS.map((e, i) => `${e} as c${i}`).join(', ');

describe('binary and text results decode to the same values', () => {
  it('for every type of the registry, and arrays of each with NULLs', async () => {
    const text = await one(`select ${select}`);
    const binary = await one(`select ${select}`, [], 'binary');
    expect(Object.keys(text)).toHaveLength(EXPRESSIONS.length);
    EXPRESSIONS.forEach((e, i) => {
      expect(binary[`c${i}`], e).toEqual(text[`c${i}`]);
    });
    // Per column: the formats alternate.
    const mixed = await one(
      `select ${select}`,
      [],
      EXPRESSIONS.map((_, i) => (i % 2 ? 'binary' : 'text')),
    );
    expect(mixed).toEqual(text);
  });

  it('to the values expected', async () => {
    const got = await one(
      `select 9223372036854775807::int8 as i8, 123.4500::numeric as n, 'NaN'::numeric as nan,
        '0044-03-15 BC'::date as bc, '2024-02-29 12:34:56.123456+05:30'::timestamptz as tz,
        '\\x00ff10'::bytea as b, 'ab'::char(4) as c, 0.1::float4 as f4, '-0'::float8 as z,
        '{"a":[1,null]}'::jsonb as j, ${ODD_TEXT} as t, array[1, null, 3] as a,
        'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid as u, '-infinity'::date as ninf`,
      [],
      'binary',
    );
    expect(got).toEqual({
      i8: 9223372036854775807n,
      n: '123.4500',
      nan: 'NaN',
      bc: '0044-03-15 BC',
      tz: '2024-02-29 07:04:56.123456+00',
      b: Uint8Array.of(0, 255, 16),
      c: 'ab  ',
      f4: Math.fround(0.1),
      z: -0,
      j: { a: [1, null] },
      t: ['a b', null, 'c"d', '', 'NULL', '{x}', 'back\\slash', ' lead', 'é,✓'],
      a: [1, null, 3],
      u: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      ninf: '-infinity',
    });
  });

  it('and each value sent back as a typed binary parameter returns unchanged', async () => {
    const oids = await one(`select ${EXPRESSIONS.map((e, i) => `pg_typeof(${e})::oid as c${i}`).join(', ')}`);
    // Every type of the registry is among them, and only those.
    const registry = Object.values(pgTypes).map((t) => t.oid);
    expect(new Set(Object.values(oids))).toEqual(new Set(registry));
    const values = await one(`select ${select}`, [], 'binary');
    const params = EXPRESSIONS.map((e, i) => {
      const type = typeOf(oids[`c${i}`] as number);
      if (type === undefined) throw new Error(`no type for ${e} (OID ${oids[`c${i}`]})`);
      return typed(type, values[`c${i}`]);
    });
    const back = await one(
      `select ${EXPRESSIONS.map((_, i) => `$${i + 1} as c${i}`).join(', ')}`,
      params,
      'binary',
    );
    expect(back).toEqual(values);
  });

  it('gives a type without a codec as text, or as bytes of its own (not a view of the socket buffer)', async () => {
    const sql = "select '1 day 02:00'::interval as i, point(1, 2) as p";
    expect(await one(sql)).toEqual({ i: '1 day 02:00:00', p: '(1,2)' });
    const binary = await one(sql, [], 'binary');
    const i = binary.i as Uint8Array;
    expect(i).toBeInstanceOf(Uint8Array);
    expect(i.length).toBe(16);
    expect(i.buffer.byteLength).toBe(16);
    const b = (await one("select '\\x0102'::bytea as b", [], 'binary')).b as Uint8Array;
    expect(b.buffer.byteLength).toBe(2);
  });
});
