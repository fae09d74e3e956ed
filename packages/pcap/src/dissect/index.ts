/**
 * Dissection: a capture's TCP connections read by the protocols registered for them. `Dissector`
 * (capture bytes in, events out), `Protocol` (what a protocol registers), decode rules
 * (`tcp.port==N,NAME`), and `dissect` / `DissectionCollector` to keep a whole dissection.
 * PostgreSQL, Redis and MQTT are in the `@stride/pcap/protocols` entry.
 */
export { checkRules, chooseProtocol, type DecodeRule, parseDecodeRule, portOf } from './choose.js';
export {
  type CollectedMessage,
  connectionJson,
  type DissectedConnection,
  DissectionCollector,
  dissect,
  dissectionJson,
} from './collect.js';
export { Dissector, type DissectorOptions } from './dissector.js';
export type {
  AnyProtocol,
  DissectEmit,
  DissectError,
  DissectEvent,
  DissectedMessage,
  Json,
  MessageReader,
  Protocol,
} from './types.js';
