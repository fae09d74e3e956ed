/**
 * Redis (RESP2 and RESP3) for the Dissector: @stride/redis's RespReader per direction (requests,
 * inline commands too, from the client; replies from the server). Types are RESP's (`array`,
 * `bulk`, `integer`, `map`, `inline` …); a value is what `stride redis decode --json` prints as
 * `value`: the value's own (a bulk string's hex, an array's elements as `{type, value}`), or for a
 * verbatim string and an attribute, `{format, value}` and `{attributes, value}`. A gap stops the
 * direction.
 */
import { RespReader, type RespRequest, type RespValue } from '@stride/redis';
import type { Protocol } from '../dissect/index.js';
import { fieldsJson, toJson } from './json.js';

export type RedisMessage = RespValue | RespRequest;

export const redis: Protocol<RedisMessage, null> = {
  name: 'redis',
  ports: [6379],
  context: () => null,
  reader: (dir) => (dir === 'c2s' ? new RespReader({ from: 'client' }) : new RespReader({ from: 'server' })),
  type: (m) => m.type,
  value: (m) =>
    m.type === 'verbatim' || m.type === 'attribute' ? fieldsJson(m) : 'value' in m ? toJson(m.value) : null,
};
