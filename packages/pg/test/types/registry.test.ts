/** The registry: names and OIDs as pg_type has them, lookups by OID, and the fallbacks. */
import { decode, encode } from '@stride/codec';
import { describe, expect, it } from 'vitest';
import { codecFor, fallbackBinary, fallbackText, pgTypes, typeOf } from '../../src/types/index.js';
import { utf8 } from './helpers.js';

/** pg_type of PostgreSQL 15.18: typname, oid, typarray (select … from pg_type where typname in …). */
const PG_TYPE: [string, number, number][] = [
  ['bool', 16, 1000],
  ['bytea', 17, 1001],
  ['name', 19, 1003],
  ['int8', 20, 1016],
  ['int2', 21, 1005],
  ['int4', 23, 1007],
  ['text', 25, 1009],
  ['oid', 26, 1028],
  ['json', 114, 199],
  ['float4', 700, 1021],
  ['float8', 701, 1022],
  ['bpchar', 1042, 1014],
  ['varchar', 1043, 1015],
  ['date', 1082, 1182],
  ['timestamp', 1114, 1115],
  ['timestamptz', 1184, 1185],
  ['numeric', 1700, 1231],
  ['uuid', 2950, 2951],
  ['jsonb', 3802, 3807],
];

describe('registry', () => {
  it.each(PG_TYPE)('%s is OID %i, its array %i', (name, oid, arrayOid) => {
    expect(typeOf(oid)).toMatchObject({ name, oid });
    expect(typeOf(oid)).toBe(pgTypes[name as keyof typeof pgTypes]);
    const array = typeOf(arrayOid);
    expect(array).toMatchObject({ name: `_${name}`, oid: arrayOid, element: typeOf(oid) });
    expect(array).toBe(pgTypes[`_${name}` as keyof typeof pgTypes]);
  });

  it('has exactly these types, frozen', () => {
    expect(Object.keys(pgTypes)).toHaveLength(PG_TYPE.length * 2);
    expect(Object.isFrozen(pgTypes)).toBe(true);
    expect(Object.isFrozen(pgTypes.int4)).toBe(true);
    expect(Object.isFrozen(pgTypes._int4)).toBe(true);
  });

  it('falls back to a string (text) and bytes (binary) for other OIDs', () => {
    expect(typeOf(600)).toBeUndefined(); // point
    expect(codecFor(600, 'text')).toBe(fallbackText);
    expect(codecFor(600, 'binary')).toBe(fallbackBinary);
    expect(decode(codecFor(600, 'text'), utf8('(1,2)'))).toBe('(1,2)');
    expect(decode(codecFor(600, 'binary'), Uint8Array.of(1, 2))).toEqual(Uint8Array.of(1, 2));
    expect(codecFor(23, 'binary')).toBe(pgTypes.int4.binary);
    expect(codecFor(1007, 'text')).toBe(pgTypes._int4.text);
    expect(encode(fallbackText, 'x')).toEqual(utf8('x'));
  });
});
