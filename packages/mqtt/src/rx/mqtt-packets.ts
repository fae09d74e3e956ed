import { parse } from '@stride/rx';
import type { OperatorFunction } from 'rxjs';
import type { MqttPacket } from '../packets/packet.js';
import { MqttReader, type MqttReaderOptions } from '../read/mqtt-reader.js';

/**
 * Reads one direction of an MQTT connection from a stream of byte chunks:
 * `fromReadable(socket).pipe(mqttPackets({ from: 'client' }))` on a broker's side,
 * `mqttPackets({ protocolVersion: 4 })` for a 3.1.1 server's packets; an MqttReader per
 * subscription. Every packet comes out as soon as its last byte is in; a fault goes down the error
 * channel after every packet before it.
 */
export function mqttPackets(options?: MqttReaderOptions): OperatorFunction<Uint8Array, MqttPacket> {
  return parse(() => new MqttReader(options));
}
