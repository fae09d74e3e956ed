/**
 * The types the client decodes by OID. Stand-in until packages/pg/src/types has its registry:
 * replace `typeByOid` with the registry's lookup then.
 */
import { arrayOf } from '../types/array.js';
import { bytea } from '../types/bytea.js';
import { date, timestamp, timestamptz } from '../types/datetime.js';
import { json, jsonb } from '../types/json.js';
import { bool, float4, float8, int2, int4, int8, oid } from '../types/numbers.js';
import { numeric } from '../types/numeric.js';
import type { PgType } from '../types/pg-type.js';
import { bpchar, name, text, varchar } from '../types/text.js';
import { uuid } from '../types/uuid.js';

/** Each element type with its array type's OID (`pg_type.typarray`). */
const ELEMENTS: [PgType<unknown>, number][] = [
  [bool, 1000],
  [int2, 1005],
  [int4, 1007],
  [int8, 1016],
  [oid, 1028],
  [float4, 1021],
  [float8, 1022],
  [numeric, 1231],
  [text, 1009],
  [varchar, 1015],
  [bpchar, 1014],
  [name, 1003],
  [bytea, 1001],
  [uuid, 2951],
  [date, 1182],
  [timestamp, 1115],
  [timestamptz, 1185],
  [json, 199],
  [jsonb, 3807],
];

const BY_OID = new Map<number, PgType<unknown>>();
for (const [element, arrayOid] of ELEMENTS) {
  BY_OID.set(element.oid, element);
  BY_OID.set(arrayOid, arrayOf(element, arrayOid) as PgType<unknown>);
}

/** The type with this OID, or undefined for a type without codecs. */
export function typeByOid(oid: number): PgType<unknown> | undefined {
  return BY_OID.get(oid);
}
