/**
 * PgType<T>: a PostgreSQL data type as two codecs of the same JS value, one per wire format. Each
 * codec decodes ONE column value: the whole input it is given is the value's bytes (the length is
 * the DataRow's, outside), and encoding writes what PostgreSQL accepts as a Bind parameter in that
 * format. Text and binary decode a value to the same JS value, so the two formats compare equal.
 */
import { type Codec, type DecodeState, defineCodec, EncodeError, string } from '@stride/codec';

/** A PostgreSQL type: its `pg_type` name and OID, and a codec for each wire format. */
export interface PgType<T> {
  /** `pg_type.typname`: `int4`, `_int4` for its array. */
  readonly name: string;
  /** `pg_type.oid`. */
  readonly oid: number;
  /** Format code 1 (binary): what `typsend` writes and `typreceive` reads. */
  readonly binary: Codec<T>;
  /** Format code 0 (text): what `typoutput` writes and `typinput` reads, in UTF-8. */
  readonly text: Codec<T>;
}

/** A PgType, frozen. */
export function pgType<T>(name: string, oid: number, binary: Codec<T>, text: Codec<T>): PgType<T> {
  return Object.freeze({ name, oid, binary, text });
}

/** A text value's characters, all of them: text forms of numbers, dates and the like are ASCII. */
const asciiToEnd = string('toEnd', { encoding: 'ascii' });

/** How a value's text is shown in a message: quoted and cut to 40 characters. */
export function shown(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/**
 * The text form of a type whose text is ASCII: `parse` reads the whole value's text (undefined:
 * malformed, a ValidationError over the value's bytes) and `format` writes a value's text (it
 * throws an EncodeError for a value the type cannot hold).
 */
export function asciiText<T>(
  name: string,
  expected: string,
  parse: (text: string) => T | undefined,
  format: (value: T) => string,
): Codec<T> {
  return defineCodec<T>({
    name,
    read: (st: DecodeState) => {
      const at = st.pos;
      const text = asciiToEnd.read(st);
      const value = parse(text);
      if (value === undefined)
        st.invalid(
          at,
          st.pos - at,
          `${name}: expected ${expected}, got ${shown(text)}`,
          expected,
          shown(text),
        );
      return value as T;
    },
    write: (w, value) => asciiToEnd.write(w, format(value)),
  });
}

/** The EncodeError for a value a type cannot hold. */
export function unencodable(name: string, expected: string, value: unknown): EncodeError {
  return new EncodeError('OUT_OF_RANGE', `${name}: expected ${expected}, got ${described(value)}`);
}

/** A value for a message, without calling anything of its own (an object's toString may throw). */
function described(value: unknown): string {
  if (typeof value === 'string') return shown(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return String(value);
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}
