/**
 * @stride/redis/client: a small Redis client over node:net, enough to talk to a real server, not a
 * full driver. One connection, one RespReader reading it; RESP2, or RESP3 through `HELLO 3`.
 *
 *   const client = await connect({ host: '127.0.0.1', port: 6379, protocol: 3 });
 *   await client.command('SET', 'k', 'v');            // the reply as a RespValue: { type: 'simple', value: 'OK' }
 *   await client.call<string>('GET', 'k');            // the reply made plain: 'v'
 *   client.command$('INCR', 'n');                     // the same as a cold Observable
 *   await client.pipeline([['INCR', 'n'], ['GET', 'k']]);   // one write, replies in order
 *   client.subscribe('news').subscribe((m) => …);     // { channel, message }
 *   await client.close();
 *
 * Commands issued without awaiting each other are pipelined too: they are written in order and
 * their replies matched first in, first out.
 */
import { type ConnectOptions, openClient, type RedisClient } from './client.js';

export type { ConnectOptions, RedisClient } from './client.js';
export {
  RedisClientError,
  type RedisClientErrorCode,
  RedisConnectionError,
  type RedisConnectionErrorCode,
} from './errors.js';
export type { MessageOf, PubSubMessage, SubscribeOptions } from './subscribe.js';

/**
 * Connects, switches to RESP3 with `HELLO 3` if asked (authenticating in it), else authenticates
 * with AUTH if given a password, and resolves once the server has accepted. Rejects with a
 * RedisReplyError (`WRONGPASS`, `NOPROTO` …), a RedisConnectionError (refused, closed, timed out) or
 * a DecodeError from the reader (a RESP fault: code BAD_TYPE …).
 */
export function connect(options: ConnectOptions): Promise<RedisClient> {
  return openClient(options);
}
