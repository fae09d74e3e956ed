/**
 * Writes server-vectors.ts: each value below as a PostgreSQL server sends it, in binary (COPY …
 * (format binary)) and in text (the output function's text, through COPY's text format), with the
 * session's TimeZone set to UTC as the client sets it. Needs a running server and psql:
 *
 *   npx tsx --conditions=@stride/source packages/pg/test/types/make-vectors.ts 127.0.0.1 5599
 *
 * A server for it, as the postgres user: `initdb -D $dir -A trust -U postgres`, then
 * `postgres -D $dir -c listen_addresses=127.0.0.1 -p 5599 -k $dir` (stop it with SIGINT).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const [host = '127.0.0.1', port = '5432'] = process.argv.slice(2);

/** Type, then SQL literals of it (each cast to the type). */
const CASES: [string, string[]][] = [
  ['bool', ['true', 'false']],
  ['int2', ['0', '1', '-1', '32767', '-32768']],
  ['int4', ['0', '42', '2147483647', '-2147483648']],
  ['int8', ['0', '1234567890123', '9223372036854775807', '-9223372036854775808']],
  ['oid', ['0', '26', '4294967295']],
  [
    'float4',
    [
      "'0'",
      "'-0'",
      "'0.1'",
      "'1.5'",
      "'3.4028235e38'",
      "'1e-45'",
      "'123456.79'",
      "'1e10'",
      "'NaN'",
      "'Infinity'",
      "'-Infinity'",
    ],
  ],
  [
    'float8',
    [
      "'0'",
      "'-0'",
      "'0.1'",
      "'1e100'",
      "'5e-324'",
      "'1.7976931348623157e308'",
      "'1e15'",
      "'123456789012345680000'",
      "'1.2345e-5'",
      "'NaN'",
      "'Infinity'",
      "'-Infinity'",
    ],
  ],
  [
    'numeric',
    [
      "'0'",
      "'123.4500'",
      "'-0.001'",
      "'NaN'",
      "'Infinity'",
      "'-Infinity'",
      "'10000'",
      "'0.0001'",
      "'1e20'",
      "'12345678.9'",
      "'0.00'",
      "'-0.00'",
      "'1e-20'",
      "'99999999.99999999'",
      "'-123456789.000100'",
      "'10000.0001'",
      "'1e100'",
      "'3.14159265358979323846264338327950288'",
    ],
  ],
  ['text', ["''", "'hello'", "'héllo wörld 😀'", "E'tab\\there\\nnewline'", "'NULL'", "'back\\slash'"]],
  ['varchar', ["'abc'", "'a,b'"]],
  ['bpchar', ["'ab'::char(5)", "'x'"]],
  ['name', ["'pg_catalog'"]],
  ['bytea', ["'\\x'", "'\\x00ff10'", "'abc'", "'\\x5c22'"]],
  ['uuid', ["'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'", "'00000000-0000-0000-0000-000000000000'"]],
  [
    'date',
    [
      "'2000-01-01'",
      "'1999-12-31'",
      "'1970-01-01'",
      "'2038-01-19'",
      "'1600-02-29'",
      "'2100-03-01'",
      "'0001-01-01'",
      "'0001-12-31 BC'",
      "'0044-03-15 BC'",
      "'4714-11-24 BC'",
      "'5874897-12-31'",
      "'infinity'",
      "'-infinity'",
    ],
  ],
  [
    'timestamp',
    [
      "'2000-01-01 00:00:00'",
      "'1999-12-31 23:59:59.999999'",
      "'1970-01-01 00:00:00'",
      "'2024-02-29 12:34:56.789'",
      "'2000-01-01 00:00:00.1'",
      "'0044-03-15 12:00:00.5 BC'",
      "'4714-11-24 00:00:00 BC'",
      "'294276-12-31 23:59:59.999999'",
      "'infinity'",
      "'-infinity'",
    ],
  ],
  [
    'timestamptz',
    [
      "'2000-01-01 00:00:00+00'",
      "'1999-12-31 23:59:59.999999+00'",
      "'1970-01-01 00:00:00+00'",
      "'2024-02-29 12:34:56.789+05:30'",
      "'0044-03-15 12:00:00.5+00 BC'",
      "'4714-11-24 00:00:00+00 BC'",
      "'294276-12-31 23:59:59.999999+00'",
      "'infinity'",
      "'-infinity'",
    ],
  ],
  ['json', ['\'{"a": [1, 2.5, "x"], "b": null}\'', "'[]'", '\'"str"\'', '\' {"a" : 1} \'']],
  ['jsonb', ['\'{"a": [1, 2.5, "x"], "b": null}\'', "'[]'", '\'"str"\'', "'1.5'"]],
  ['_bool', ["'{t,f,NULL}'"]],
  ['_bytea', ['\'{"\\\\x01",NULL,"\\\\x"}\'']],
  ['_name', ['\'{a,"b c"}\'']],
  ['_int8', ["'{1,-9223372036854775808}'"]],
  ['_int2', ["'{1,NULL,-2}'"]],
  ['_int4', ["'{1,NULL,3}'", "'{}'", "'[0:1]={1,2}'", "'{NULL}'"]],
  ['_text', ['\'{"a b","c\\"d",NULL,"","NULL","x\\\\y","{"," ",null}\'', '\'{"",NULL,"nUlL"}\'']],
  ['_oid', ["'{26,4294967295}'"]],
  ['_json', ['\'{"{\\"a\\": 1}",NULL}\'']],
  [
    '_float4',
    [
      "'{0.1,NaN,-Infinity,-0}'",
      // A spread across the exponent range (no random(): both queries must see the same values): the
      // shortest text of each float4 must read back as it.
      '(select array_agg((sin(i) * 10 ^ (i * 37 % 76 - 38))::float4) from generate_series(1, 400) i)',
    ],
  ],
  ['_float8', ["'{0.1,1e100,Infinity}'"]],
  ['_bpchar', ['\'{"a  ",b}\'']],
  ['_varchar', ['\'{"a,b","{}"}\'']],
  ['_date', ['\'{2000-01-01,"0044-03-15 BC",infinity}\'']],
  ['_timestamp', ['\'{"2000-01-01 00:00:00.5","0044-03-15 12:00:00 BC"}\'']],
  ['_timestamptz', ['\'{"2000-01-01 00:00:00.5+00",-infinity}\'']],
  [
    '_numeric',
    [
      "'{1.50,NaN,-0.001,NULL}'",
      // A spread of magnitudes and scales.
      '(select array_agg(round((sin(i) * 10 ^ (i * 13 % 40 - 20))::numeric, i * 7 % 30)) from generate_series(1, 100) i)',
    ],
  ],
  ['_uuid', ["'{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}'"]],
  ['_jsonb', ['\'{"{\\"b\\": [true]}",NULL}\'']],
];

function psql(sql: string): Buffer {
  return execFileSync(
    'psql',
    ['-h', host, '-p', port, '-U', 'postgres', '-Aqt', '-c', 'set timezone = UTC', '-c', sql],
    {
      maxBuffer: 1 << 26,
    },
  );
}

/** The one column of each row of a binary COPY. */
function binaryColumns(out: Buffer): string[] {
  let p = out.indexOf('PGCOPY\n\xff\r\n\0', 0, 'latin1') + 11;
  p += 8 + out.readInt32BE(p + 4);
  const values: string[] = [];
  while (out.readInt16BE(p) !== -1) {
    const n = out.readInt32BE(p + 2);
    values.push(out.subarray(p + 6, p + 6 + n).toString('hex'));
    p += 6 + n;
  }
  return values;
}

/** COPY's text format unescaped: one value per line. */
function textColumns(out: Buffer): string[] {
  const escapes: Record<string, string> = {
    b: '\b',
    f: '\f',
    n: '\n',
    r: '\r',
    t: '\t',
    v: '\v',
    '\\': '\\',
  };
  return out
    .toString('utf8')
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => line.replace(/\\(.)/g, (_, c: string) => escapes[c] ?? c));
}

const rows: string[] = [];
for (const [type, literals] of CASES) {
  const select = literals.map(
    (l) => `select (${l})::${type.startsWith('_') ? `${type.slice(1)}[]` : type} as v`,
  );
  const query = `(${select.join(' union all ')})`;
  const binary = binaryColumns(psql(`copy ${query} to stdout with (format binary)`));
  const text = textColumns(psql(`copy ${query} to stdout`));
  literals.forEach((sql, i) => {
    rows.push(
      `  { type: '${type}', sql: ${JSON.stringify(sql)}, binary: '${binary[i]}', text: ${JSON.stringify(text[i])} },`,
    );
  });
}
const version = psql('show server_version').toString().trim();

writeFileSync(
  new URL('./server-vectors.ts', import.meta.url),
  `/**
 * Values as a PostgreSQL ${version} server sent them (TimeZone=UTC), in binary (hex) and text.
 * Written by make-vectors.ts; do not edit by hand.
 */
import type { PgTypeName } from '../../src/types/index.js';

export interface ServerVector {
  readonly type: PgTypeName;
  /** The SQL literal, cast to the type. */
  readonly sql: string;
  readonly binary: string;
  readonly text: string;
}

export const serverVectors: readonly ServerVector[] = [
${rows.join('\n')}
];
`,
);
console.log(`${rows.length} vectors from PostgreSQL ${version}`);
