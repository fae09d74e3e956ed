/**
 * Every type here by its `pg_type` name (`pgTypes.int4`, `pgTypes._int4` for its array), and by
 * OID (`typeOf(23)`), with the OIDs of a PostgreSQL 15 catalog. A column of any other type decodes
 * through the fallbacks: its text as a string, its binary form as bytes (`codecFor`).
 */
import type { Codec } from '@stride/codec';
import { arrayOf } from './array.js';
import { bytea } from './bytea.js';
import { date, timestamp, timestamptz } from './datetime.js';
import { json, jsonb } from './json.js';
import { bool, float4, float8, int2, int4, int8, oid } from './numbers.js';
import { numeric } from './numeric.js';
import type { PgType } from './pg-type.js';
import { bpchar, fallbackBinary, fallbackText, name, text, varchar } from './text.js';
import { uuid } from './uuid.js';

export const pgTypes = Object.freeze({
  bool,
  bytea,
  name,
  int8,
  int2,
  int4,
  text,
  oid,
  json,
  float4,
  float8,
  bpchar,
  varchar,
  date,
  timestamp,
  timestamptz,
  numeric,
  uuid,
  jsonb,
  _bool: arrayOf(bool, 1000),
  _bytea: arrayOf(bytea, 1001),
  _name: arrayOf(name, 1003),
  _int8: arrayOf(int8, 1016),
  _int2: arrayOf(int2, 1005),
  _int4: arrayOf(int4, 1007),
  _text: arrayOf(text, 1009),
  _oid: arrayOf(oid, 1028),
  _json: arrayOf(json, 199),
  _float4: arrayOf(float4, 1021),
  _float8: arrayOf(float8, 1022),
  _bpchar: arrayOf(bpchar, 1014),
  _varchar: arrayOf(varchar, 1015),
  _date: arrayOf(date, 1182),
  _timestamp: arrayOf(timestamp, 1115),
  _timestamptz: arrayOf(timestamptz, 1185),
  _numeric: arrayOf(numeric, 1231),
  _uuid: arrayOf(uuid, 2951),
  _jsonb: arrayOf(jsonb, 3807),
});

/** The types of `pgTypes`, by name. */
export type PgTypes = typeof pgTypes;
/** A name in `pgTypes`: `'int4'`, `'_int4'` … */
export type PgTypeName = keyof PgTypes;
/** The JS value of a type by name: `PgValue<'int8'>` is `bigint`, `PgValue<'_int4'>` `(number | null)[]`. */
export type PgValue<N extends PgTypeName> = PgTypes[N] extends PgType<infer T> ? T : never;

/** A wire format: format code 0 is text, 1 binary. */
export type PgFormat = 'text' | 'binary';

const byOid: ReadonlyMap<number, PgType<unknown>> = new Map(
  Object.values(pgTypes).map((t: PgType<unknown>) => [t.oid, t]),
);

/** The type with this OID, or undefined when there is no codec for it here. */
export function typeOf(oid: number): PgType<unknown> | undefined {
  return byOid.get(oid);
}

/** The codec for a column of this type in this format: the type's, or the fallback (string / bytes). */
export function codecFor(oid: number, format: PgFormat): Codec<unknown> {
  const type = byOid.get(oid);
  if (type !== undefined) return type[format];
  return format === 'binary' ? fallbackBinary : fallbackText;
}
