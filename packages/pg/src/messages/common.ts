/**
 * Pieces every PostgreSQL message is made of (PostgreSQL docs, "Message Data Types"): a type byte
 * named by the message, an Int32 length that counts itself, NUL-terminated strings, Int16 counts,
 * Int32-length-prefixed values where -1 is NULL, and lists ended by an empty key.
 */
import {
  array,
  bytes,
  type Codec,
  cstring,
  defineCodec,
  EncodeError,
  type Infer,
  i16be,
  i32be,
  nullable,
  type SizedCodec,
  sized,
  string,
  struct,
  transform,
  u8,
} from '@stride/codec';

/**
 * A message's Int32 length, which counts itself but not the type byte: decoded as the length of
 * the body that follows (4 less). A length below 4 is a negative body length, which `sized` refuses.
 */
export const bodyLength: Codec<number> = transform(i32be, { decode: (n) => n - 4, encode: (n) => n + 4 });

/** A message's body: the section its length gives, merged into the message's object by the union. */
export function body<B extends Codec<object>>(fields: B): SizedCodec<Infer<B>, B> {
  return sized(bodyLength, fields);
}

/** A body with no fields (Sync, BindComplete …). */
export const empty = struct({});

/** The rest of a body as bytes (a view of the input): CopyData's data, SASL's messages. */
export const rest: Codec<Uint8Array> = bytes('toEnd');

/** An Int32 -1 in place of a length: the value is NULL. */
export const NULL_LENGTH = [0xff, 0xff, 0xff, 0xff] as const;

/** A value with an Int32 length prefix, -1 for NULL (a column, a parameter), as a view of its bytes. */
export const nullableBytes: Codec<Uint8Array | null> = nullable(bytes(i32be), NULL_LENGTH);

/** The same, decoded as UTF-8 text (a column in text format). */
export const nullableText: Codec<string | null> = nullable(string(i32be), NULL_LENGTH);

/** A list with an Int16 count. */
export function counted<T>(item: Codec<T>): Codec<T[]> {
  return array(item, { count: i16be });
}

/** One ASCII letter that says what a Describe or Close names: a prepared statement or a portal. */
export const statementOrPortal = transform(string(1, { encoding: 'latin1' }), {
  decode: (s) => s as 'S' | 'P',
  encode: (s) => s,
});

/**
 * Key/value pairs, each key then its value, ended by an empty key (StartupMessage's parameters,
 * ErrorResponse's fields): a record in wire order. A key that comes twice keeps its last value.
 */
export function pairsUntilEmptyKey(key: Codec<string>, value: Codec<string>): Codec<Record<string, string>> {
  return defineCodec<Record<string, string>>({
    read: (st) => {
      const out: Record<string, string> = {};
      for (;;) {
        const k = key.read(st);
        if (k === '') return out;
        // Defined, not assigned: a key `__proto__` is a key like any other, not the prototype.
        Object.defineProperty(out, k, {
          value: value.read(st),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
    },
    write: (w, pairs) => {
      for (const [k, v] of Object.entries(pairs)) {
        key.write(w, k);
        value.write(w, v);
      }
      key.write(w, '');
    },
  });
}

/** A one-byte field code (ErrorResponse, NoticeResponse): 0 ends the list, as an empty key. */
export const fieldCode: Codec<string> = transform(u8, {
  decode: (b) => (b === 0 ? '' : String.fromCharCode(b)),
  encode: (s) => {
    if (s === '') return 0;
    const b = s.charCodeAt(0);
    if (s.length !== 1 || b > 0xff)
      throw new EncodeError(
        'BAD_VALUE',
        `a field code is one byte's letter (e.g. "M"), got ${JSON.stringify(s)}`,
      );
    return b;
  },
});

/** Strings up to an empty one (AuthenticationSASL's mechanisms), without it. */
export const stringsUntilEmpty: Codec<string[]> = transform(array(cstring, { until: (s) => s === '' }), {
  decode: (list) => list.slice(0, -1),
  encode: (list) => [...list, ''],
});
