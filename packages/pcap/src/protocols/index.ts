/**
 * @stride/pcap/protocols: the protocols of this repository registered for the Dissector, by their
 * default server ports: PostgreSQL (5432, "postgresql"), Redis (6379, "redis"), MQTT (1883,
 * "mqtt"). Other ports: a decode rule (`tcp.port==N,NAME`). Kept apart from the root entry, which
 * depends on no protocol package.
 */
import type { AnyProtocol } from '../dissect/index.js';
import { mqtt } from './mqtt.js';
import { postgresql } from './postgresql.js';
import { redis } from './redis.js';

export { toJson } from './json.js';
export { mqtt } from './mqtt.js';
export { type PostgresMessage, postgresql } from './postgresql.js';
export { type RedisMessage, redis } from './redis.js';

/** Every protocol of this entry. */
export const PROTOCOLS: readonly AnyProtocol[] = [postgresql, redis, mqtt];
