/**
 * One line per dissected message for `stride pcap dissect`'s table, by protocol: the summaries of
 * `stride pg decode`, `stride redis decode` and `stride mqtt decode` (a PostgreSQL message's type
 * first; RESP and MQTT summaries start with theirs). A protocol registered without a summary here
 * shows its type and its JSON value, cut to the line.
 */
import type { MqttPacket } from '@stride/mqtt';
import type { AnyProtocol } from '@stride/pcap';
import type { PostgresMessage, RedisMessage } from '@stride/pcap/protocols';
import { summarize as mqttSummary, type Version } from '../mqtt/summary.js';
import { summarize as pgSummary } from '../pg/summary.js';
import { summarize as redisSummary } from '../redis/summary.js';
import { bounded } from '../text.js';

/** What a connection's summaries need besides the message: MQTT's version, from the client's CONNECT. */
export interface SummaryState {
  mqttVersion: Version;
}

const WIDTH = 100;

export function summarize(protocol: AnyProtocol, message: unknown, state: SummaryState): string {
  switch (protocol.name) {
    case 'postgresql': {
      const m = message as PostgresMessage;
      const s = pgSummary(m);
      return s === '' ? m.type : `${m.type}  ${s}`;
    }
    case 'redis':
      return redisSummary(message as RedisMessage);
    case 'mqtt': {
      const p = message as MqttPacket;
      if (p.type === 'CONNECT') state.mqttVersion = p.protocolVersion === 5 ? 5 : 4;
      return mqttSummary(p, state.mqttVersion);
    }
    default:
      return bounded(`${protocol.type(message)} ${JSON.stringify(protocol.value(message))}`, WIDTH);
  }
}
