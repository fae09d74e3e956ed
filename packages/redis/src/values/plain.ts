/**
 * RESP values as plain JavaScript: what an application wants of a reply once its type is known.
 *
 *   simple, verbatim            string                 integer   number (bigint past 2^53)
 *   bulk                        string (UTF-8) or, with { bulk: 'bytes' }, the Uint8Array view; null for $-1
 *   array, set, push            Array (null for *-1); set: Set
 *   map                         Map (keys plain too: strings compare by value, bytes by identity)
 *   null                        null                   boolean   boolean
 *   double                      number                 bignum    bigint
 *   error, bulkError            a RedisReplyError (not thrown: an element of an array may be one)
 *   attribute                   its value (the attributes are dropped)
 */
import type { RespValue } from '../resp/value.js';

export interface PlainOptions {
  /** Bulk strings as UTF-8 strings (default) or as the bytes. */
  bulk?: 'string' | 'bytes';
}

/** What `plain` turns a value into. */
export type Plain =
  | string
  | number
  | bigint
  | boolean
  | null
  | Uint8Array
  | RedisReplyError
  | Plain[]
  | Set<Plain>
  | Map<Plain, Plain>;

/**
 * An error reply (`-WRONGTYPE Operation against a key …`, RESP3's bulk errors): `code` is its first
 * word (Redis's error prefix, `ERR`, `WRONGTYPE` …), `message` the whole text.
 */
export class RedisReplyError extends Error {
  override name = 'RedisReplyError';
  readonly code: string;
  constructor(text: string) {
    super(text);
    const space = text.indexOf(' ');
    this.code = space < 0 ? text : text.slice(0, space);
  }
}

const utf8 = new TextDecoder();

export function plain(value: RespValue, options: PlainOptions = {}): Plain {
  const bytes = options.bulk === 'bytes';
  const go = (v: RespValue): Plain => {
    switch (v.type) {
      case 'simple':
      case 'verbatim':
      case 'integer':
      case 'boolean':
      case 'double':
      case 'bignum':
        return v.value;
      case 'bulk':
        return v.value === null || bytes ? v.value : utf8.decode(v.value);
      case 'error':
      case 'bulkError':
        return new RedisReplyError(v.value);
      case 'null':
        return null;
      case 'array':
        return v.value === null ? null : v.value.map(go);
      case 'push':
        return v.value.map(go);
      case 'set':
        return new Set(v.value.map(go));
      case 'map':
        return new Map(v.value.map(([k, x]) => [go(k), go(x)]));
      case 'attribute':
        return go(v.value);
    }
  };
  return go(value);
}
