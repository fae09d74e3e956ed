/**
 * Encoding packets: `encodePacket(packet, version)` gives its bytes, the remaining length in its
 * shortest form. A value that is not a packet of that version (a QoS of 3, properties in 3.1.1, a
 * topic with a wildcard …) is an EncodeError naming the field.
 */
import { Encoder, encode } from '@stride/codec';
import { type MqttPacket, packetCodec, type Version } from './packet.js';

/** The bytes of one packet in MQTT 5.0 (`version` 5, the default) or 3.1.1 (4). */
export function encodePacket(packet: MqttPacket, version: Version = 5): Uint8Array {
  return encode(packetCodec(version), packet);
}

/** Packets appended to one buffer: `w.write(a); w.write(b); socket.write(w.finish())`. */
export class PacketWriter {
  readonly #encoder: Encoder<MqttPacket>;

  constructor(version: Version = 5) {
    this.#encoder = new Encoder(packetCodec(version));
  }

  write(packet: MqttPacket): void {
    this.#encoder.write(packet);
  }

  /** The bytes written since the last finish. */
  finish(): Uint8Array {
    return this.#encoder.finish();
  }
}
