/**
 * Checks the encoders against a real server: random values of every type, encoded by the binary
 * and by the text codec, loaded with COPY FROM (binary and text format: each value goes through the
 * type's receive or input function), read back with COPY TO (binary) and decoded. Every value must
 * come back equal. Needs a running server and psql (make-vectors.ts says how to start one):
 *
 *   npx tsx --conditions=@stride/source packages/pg/test/types/live-check.ts 127.0.0.1 5599
 */
import { execFileSync } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
import { type Codec, decode, encode } from '@stride/codec';
import fc from 'fast-check';
import { type PgTypeName, pgTypes } from '../../src/types/index.js';
import { valuesOf } from './arbitraries.js';

const [host = '127.0.0.1', port = '5432', runs = '300'] = process.argv.slice(2);

/** A binary COPY of rows (id int4, value), the value's bytes or null. */
function copyIn(values: (Uint8Array | null)[]): Buffer {
  const parts = [Buffer.from('PGCOPY\n\xff\r\n\0\0\0\0\0\0\0\0\0', 'latin1')];
  for (const [i, v] of values.entries()) {
    const h = Buffer.alloc(14);
    h.writeInt16BE(2, 0);
    h.writeInt32BE(4, 2);
    h.writeInt32BE(i, 6);
    h.writeInt32BE(v === null ? -1 : v.length, 10);
    parts.push(h);
    if (v) parts.push(Buffer.from(v));
  }
  parts.push(Buffer.from([0xff, 0xff]));
  return Buffer.concat(parts);
}

/** The values of a binary COPY of rows (id int4, value), by id (COPY need not keep their order). */
function copyOut(out: Buffer): (Uint8Array | null)[] {
  let p = out.indexOf('PGCOPY\n\xff\r\n\0', 0, 'latin1') + 11;
  p += 8 + out.readInt32BE(p + 4);
  const values: (Uint8Array | null)[] = [];
  while (out.readInt16BE(p) !== -1) {
    const n = out.readInt32BE(p + 10);
    values[out.readInt32BE(p + 6)] = n < 0 ? null : out.subarray(p + 14, p + 14 + n);
    p += 14 + Math.max(n, 0);
  }
  return values;
}

/** COPY's text format of rows (id, value): the value's text escaped, NULL as \N. */
function copyText(texts: (string | null)[]): Buffer {
  const escapes: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
  const line = (t: string | null, i: number) =>
    `${i}\t${t === null ? '\\N' : t.replace(/[\\\n\r\t]/g, (c) => escapes[c] ?? c)}\n`;
  return Buffer.from(texts.map(line).join(''));
}

function throughServer(name: PgTypeName, input: Buffer, format: 'binary' | 'text'): (Uint8Array | null)[] {
  const sqlType = name.startsWith('_') ? `${name.slice(1)}[]` : name;
  const commands = [
    'set timezone = UTC',
    `create temp table t (i int4, v ${sqlType})`,
    `copy t from stdin with (format ${format})`,
    'copy t to stdout with (format binary)',
  ];
  const args = [
    '-h',
    host,
    '-p',
    port,
    '-U',
    'postgres',
    '-Aqt',
    '-v',
    'ON_ERROR_STOP=1',
    ...commands.flatMap((c) => ['-c', c]),
  ];
  return copyOut(execFileSync('psql', args, { input, maxBuffer: 1 << 26 }));
}

const same = (a: unknown, b: unknown) => isDeepStrictEqual(a, b) || (Number.isNaN(a) && Number.isNaN(b));
let failures = 0;
for (const name of Object.keys(pgTypes) as PgTypeName[]) {
  const { binary, text } = pgTypes[name] as unknown as { binary: Codec<unknown>; text: Codec<unknown> };
  const values = fc.sample(fc.option(valuesOf(name), { nil: null, freq: 10 }), {
    numRuns: Number(runs),
    seed: 7,
  });
  const utf8 = new TextDecoder();
  const back = {
    binary: throughServer(name, copyIn(values.map((v) => (v === null ? null : encode(binary, v)))), 'binary'),
    text: throughServer(
      name,
      copyText(values.map((v) => (v === null ? null : utf8.decode(encode(text, v))))),
      'text',
    ),
  };
  let differ = 0;
  for (const [format, rows] of Object.entries(back)) {
    values.forEach((v, i) => {
      const row = rows[i];
      const got = row === null || row === undefined ? row : decode(binary, row);
      if (!same(got, v) && differ++ < 3) console.log(name, format, 'sent', v, 'got', got);
    });
  }
  failures += differ;
  console.log(`${name}: ${values.length} values, ${differ === 0 ? 'all equal' : `${differ} differ`}`);
}
console.log(failures === 0 ? 'every value came back equal' : `${failures} values differ`);
process.exitCode = failures === 0 ? 0 : 1;
