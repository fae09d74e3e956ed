/**
 * Encoding packets: `encodePacket(packet, version)` gives its bytes, the remaining length in its
 * shortest form. A value that is not a packet of that version (a QoS of 3, properties in 3.1.1, a
 * topic with a wildcard …) is an EncodeError naming the field.
 */
import { Encoder } from '@stride/codec';
import { type MqttPacket, packetCodec, type Version } from './packet.js';

/** Packets appended to one buffer: `w.write(a); w.write(b); socket.write(w.finish())`. */
export class PacketWriter {
  readonly #encoder: Encoder<MqttPacket>;

  constructor(version: Version = 5) {
    this.#encoder = new Encoder(packetCodec(version));
  }

  /** Bytes written since the last finish. */
  get length(): number {
    return this.#encoder.length;
  }

  write(packet: MqttPacket): this {
    this.#encoder.write(packet);
    return this;
  }

  /** The bytes written since the last finish (a view, valid until the next write). */
  peek(): Uint8Array {
    return this.#encoder.peek();
  }

  /** The bytes written since the last finish, and a new buffer for the next. */
  finish(): Uint8Array {
    return this.#encoder.finish();
  }
}

/**
 * Where `encodePacket` writes, a writer per version: each packet's bytes are a view of its buffer,
 * which is replaced once it holds SLAB bytes (as Node's Buffer pool hands out views of one slab),
 * so a small packet costs no buffer of its own.
 */
const slabs: Record<Version, PacketWriter | undefined> = { 4: undefined, 5: undefined };
const SLAB = 64 * 1024;

/**
 * The bytes of one packet in MQTT 5.0 (`version` 5, the default) or 3.1.1 (4): a view of a buffer
 * shared with other packets' bytes (copy it with `.slice()` to hold it alone).
 */
export function encodePacket(packet: MqttPacket, version: Version = 5): Uint8Array {
  let w = slabs[version];
  if (w === undefined || w.length >= SLAB) {
    w = new PacketWriter(version);
    slabs[version] = w;
  }
  const start = w.length;
  w.write(packet);
  return w.peek().subarray(start);
}
