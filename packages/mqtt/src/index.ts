/**
 * @stride/mqtt: MQTT 3.1.1 and 5.0 both ways on @stride/codec — every control packet, properties
 * and reason codes, the spec's limits — and a streaming reader for either side of a connection.
 * The client is in `@stride/mqtt/client`; RxJS operators in `@stride/mqtt/rx`.
 */
export { MqttErrorCode, type MqttReadErrorCode, reasonCodeOf } from './errors.js';
export { encodePacket, PacketWriter } from './packets/encode.js';
export {
  type Connack,
  type Connect,
  type MqttPacket,
  PACKET_TYPES,
  type PacketType,
  type Pingreq,
  type Pingresp,
  type Publish,
  type PublishResponse,
  packetCodec,
  type QoS,
  type ReasonPacket,
  type Suback,
  type Subscribe,
  type Subscription,
  type Unsuback,
  type Unsubscribe,
  type Version,
  type Will,
} from './packets/packet.js';
export type { Properties, PropertyName } from './packets/properties.js';
export { reasonCodeName } from './packets/reason-codes.js';
export { MAX_PACKET_SIZE, MqttReader, type MqttReaderOptions } from './read/mqtt-reader.js';
