// A union's tag named by type characters (see charTag).
import type { Codec } from '../core/codec.js';
import { u8 } from '../numbers/fixed.js';
import { transform } from '../transform/transform.js';

/**
 * charTag: a union's one-byte tag named by a table of type characters, as protocols document their
 * messages (PostgreSQL's `'D'` DataRow, RESP's `'$'` bulk string):
 *
 *   taggedUnion(charTag({ DataRow: 'D', ReadyForQuery: 'Z' }), { DataRow: …, ReadyForQuery: … })
 *
 * A byte the table does not name decodes to its one-character string, which no variant has, so
 * the union raises its unknown-tag error on it (with the byte in the message).
 */
export function charTag<N extends string>(codes: Readonly<Record<N, string>>): Codec<N> {
  const names: string[] = [];
  const bytes = new Map<string, number>();
  for (const [name, code] of Object.entries(codes) as [N, string][]) {
    if (code.length !== 1 || code.charCodeAt(0) > 0xff)
      throw new TypeError(`charTag: the code of ${name} must be one byte, got ${JSON.stringify(code)}`);
    names[code.charCodeAt(0)] = name;
    bytes.set(name, code.charCodeAt(0));
  }
  return transform(u8, {
    decode: (b) => (names[b] ?? String.fromCharCode(b)) as N,
    encode: (name) => bytes.get(name) as number,
  });
}
