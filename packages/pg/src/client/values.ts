/**
 * Values both ways: a result column's bytes to a JS value by its type OID and format (through the
 * types' codecs), and query parameters to Bind's bytes.
 */
import { type Codec, DecodeError, decode, EncodeError, encode } from '@stride/codec';
import type { BackendMessageOf } from '../messages/backend.js';
import type { PgType } from '../types/pg-type.js';
import { codecFor, typeOf } from '../types/registry.js';

/** bytea and _bytea: their binary codecs hand out views of the column's bytes. */
const VIEW_TYPES = new Set([17, 1001]);

type Field = BackendMessageOf<'RowDescription'>['fields'][number];

/** How one result column is read. */
interface Column {
  readonly name: string;
  readonly codec: Codec<unknown>;
  /** Decode from a copy: the value would otherwise be a view pinning the socket's buffer. */
  readonly copy: boolean;
}

/** The columns of a RowDescription, and a function from a DataRow's columns to the row object. */
export function rowReader(
  fields: readonly Field[],
): (columns: readonly (Uint8Array | null)[], messageOffset: number) => Record<string, unknown> {
  const columns: Column[] = fields.map((f) => {
    const binary = f.format === 1;
    const codec = codecFor(f.typeOid, binary ? 'binary' : 'text');
    return {
      name: f.name,
      codec,
      copy: binary && (typeOf(f.typeOid) === undefined || VIEW_TYPES.has(f.typeOid)),
    };
  });
  return (values, messageOffset) => {
    // The first column's length is after the type byte, the length and the Int16 count.
    let at = messageOffset + 7;
    const entries: [string, unknown][] = [];
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i] as Column;
      const bytes = values[i] ?? null;
      at += 4;
      if (bytes === null) {
        entries.push([column.name, null]);
        continue;
      }
      try {
        entries.push([column.name, decode(column.codec, column.copy ? bytes.slice() : bytes, { base: at })]);
      } catch (e) {
        throw e instanceof DecodeError ? e.within(column.name) : e;
      }
      at += bytes.length;
    }
    // fromEntries defines own properties, so a column named __proto__ is a column like any other.
    return Object.fromEntries(entries);
  };
}

/**
 * A parameter sent in binary through its type's codec, with the type's OID in Parse:
 * `typed(pgTypes.int8, 5n)`, `typed(pgTypes._int4, [1, null])`, `typed(pgTypes.jsonb, { a: 1 })`.
 */
export class PgParam<T> {
  readonly type: PgType<T>;
  readonly value: T | null;
  constructor(type: PgType<T>, value: T | null) {
    this.type = type;
    this.value = value;
    Object.freeze(this);
  }
}

/** A parameter with its type: sent in binary with the type's OID, so the server need not infer it. */
export function typed<T>(type: PgType<T>, value: T | null): PgParam<T> {
  return new PgParam(type, value);
}

/** What Parse and Bind say of one parameter. */
export interface BoundParam {
  readonly typeOid: number;
  readonly format: 0 | 1;
  readonly bytes: Uint8Array | null;
}

const BYTEA = 17;
const utf8 = new TextEncoder();

/**
 * A parameter's OID, format and bytes: null and undefined are NULL; a PgParam goes in binary by its
 * type; a Uint8Array in binary as bytea; a Date as its ISO text; a string, number, bigint or
 * boolean as its text (String(v)), its type left to the server (OID 0). Other objects are a
 * TypeError: their text is rarely what the statement wants (pass `typed(pgTypes.jsonb, v)` and the like).
 * An EncodeError from a type's codec propagates, with the parameter's index in its path.
 */
export function bindParam(value: unknown, index: number): BoundParam {
  if (value === null || value === undefined) return { typeOid: 0, format: 0, bytes: null };
  if (value instanceof PgParam) {
    const { type, value: v } = value as PgParam<unknown>;
    try {
      return { typeOid: type.oid, format: 1, bytes: v === null ? null : encode(type.binary, v) };
    } catch (e) {
      throw e instanceof EncodeError ? e.within(index) : e;
    }
  }
  if (value instanceof Uint8Array) return { typeOid: BYTEA, format: 1, bytes: value };
  if (value instanceof Date) return { typeOid: 0, format: 0, bytes: utf8.encode(value.toISOString()) };
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'bigint':
    case 'boolean':
      return { typeOid: 0, format: 0, bytes: utf8.encode(String(value)) };
    default:
      throw new TypeError(
        `parameter $${index + 1}: a ${Array.isArray(value) ? 'array' : typeof value} has no text form to send; ` +
          'pass typed(type, value) (e.g. typed(pgTypes.jsonb, v), typed(pgTypes._int4, [1, 2]))',
      );
  }
}
