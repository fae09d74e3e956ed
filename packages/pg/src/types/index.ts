/**
 * PostgreSQL data types as @stride/codec codecs: for each type a binary and a text codec of one JS
 * value (see PgType), arrays of them, and the registry by name and OID with the fallbacks for
 * other types.
 */
export { arrayOf, type PgArrayType } from './array.js';
export type { PgType } from './pg-type.js';
export {
  codecFor,
  type PgFormat,
  type PgTypeName,
  type PgTypes,
  type PgValue,
  pgTypes,
  typeOf,
} from './registry.js';
export { fallbackBinary, fallbackText } from './text.js';
