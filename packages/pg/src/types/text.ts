/**
 * text, varchar, bpchar and name: a string, UTF-8 in both formats (the client sets
 * client_encoding=UTF8), every byte of the value (bpchar keeps its padding spaces, as the server
 * sends it). Decoding refuses malformed UTF-8; encoding refuses a NUL character, which no
 * PostgreSQL string can hold, and a lone surrogate.
 *
 * Also the fallback for a type without a codec here: its text as a string, its binary as bytes.
 */
import { bytes, type Codec, EncodeError, string, transform } from '@stride/codec';
import { type PgType, pgType } from './pg-type.js';

/** Any value's text form as a string: what a type without a codec here decodes to in text. */
export const fallbackText: Codec<string> = string('toEnd');

/** Any value's binary form as its bytes (a view of the input): a type without a codec here, in binary. */
export const fallbackBinary: Codec<Uint8Array> = bytes('toEnd');

/** A string PostgreSQL can hold: no NUL (checked on encoding only; the server sends none). */
const pgString: Codec<string> = transform(fallbackText, {
  decode: (s) => s,
  encode: (s: string) => {
    if (typeof s === 'string' && s.includes('\0'))
      throw new EncodeError(
        'OUT_OF_RANGE',
        `a PostgreSQL string cannot hold NUL (at character ${s.indexOf('\0')})`,
      );
    return s;
  },
});

export const text: PgType<string> = pgType('text', 25, pgString, pgString);
export const varchar: PgType<string> = pgType('varchar', 1043, pgString, pgString);
export const bpchar: PgType<string> = pgType('bpchar', 1042, pgString, pgString);
export const name: PgType<string> = pgType('name', 19, pgString, pgString);
