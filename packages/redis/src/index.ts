/**
 * @stride/redis: RESP2 and RESP3 (the Redis protocol) on @stride/codec: every value both ways as one
 * schema, a streaming reader (replies, requests with inline commands, long bulk strings in pieces),
 * plain-JS helpers, and a small client (`@stride/redis/client`). Operators for RxJS are in
 * `@stride/redis/rx`; this entry imports no rxjs.
 */
export { RedisErrorCode, type RedisReadErrorCode } from './errors.js';
export {
  type BulkPiece,
  type RespMessage,
  RespReader,
  type RespReaderOptions,
} from './read/resp-reader.js';
export { type CommandArg, encodeCommand, encodeRequest, encodeValue } from './resp/encode.js';
export { type RespRequest, type RespType, type RespValue, TYPE_BYTES } from './resp/value.js';
export { type Plain, type PlainOptions, plain, RedisReplyError } from './values/plain.js';
