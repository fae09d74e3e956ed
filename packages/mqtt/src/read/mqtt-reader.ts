/**
 * The streaming MQTT reader, a ByteStreamParser (codec's streaming-parser shape): write one
 * direction's bytes of a connection as they come, in any pieces, and `finish` at the end; it emits
 * every packet in order, each as soon as its last byte is in. It is codec's StreamDecoder over the
 * packet codec (packets/packet.ts) of the connection's version.
 *
 * The version: a client's first packet is its CONNECT, whose protocol level says 3.1.1 or 5.0 for
 * the rest of the connection; from a client, the reader switches to that version after it (the
 * decoder's mode hook, final after the first packet). A server's packets carry no version: its
 * reader is told (`protocolVersion`, default 5), as is a client's whose CONNECT was not seen.
 *
 * Bounds: a packet longer than `maxPacketSize` is refused at its remaining length, before its body
 * is held (PACKET_TOO_LARGE); nothing else is held. Every fault is a DecodeError (errors.ts) at an
 * absolute offset, raised after every packet before it was emitted.
 */
import { type ByteStreamParser, type Codec, StreamDecoder } from '@stride/codec';
import { mqttError } from '../errors.js';
import { type MqttPacket, packetCodec, type Version } from '../packets/packet.js';
import { VARINT_MAX } from '../packets/primitives.js';

export interface MqttReaderOptions {
  /** Whose bytes these are: a client's (a CONNECT first, whose level sets the version) or a server's (default). */
  from?: 'client' | 'server';
  /** The version before a CONNECT, or without one: 4 (3.1 and 3.1.1) or 5 (5.0, default). */
  protocolVersion?: 3 | 4 | 5;
  /** The longest packet in bytes, all of it (default 1 MiB; at most the spec's 268,435,460). */
  maxPacketSize?: number;
  /** Use codec's compiled fast path (default: codec's `configure`). */
  compile?: boolean;
}

/** The largest packet the spec allows: a first byte, a four-byte remaining length and its 268,435,455 bytes. */
export const MAX_PACKET_SIZE = VARINT_MAX + 5;
const DEFAULT_MAX = 1024 * 1024;

function versionOf(level: number | undefined): Version {
  if (level === undefined || level === 5) return 5;
  if (level === 3 || level === 4) return 4;
  throw new RangeError(`protocolVersion must be 3, 4 or 5, got ${level}`);
}

export class MqttReader implements ByteStreamParser<MqttPacket> {
  readonly #decoder: StreamDecoder<MqttPacket>;
  #emit: (packet: MqttPacket) => void = () => {};
  #start = 0;
  #end = 0;
  #version: Version;

  constructor(options: MqttReaderOptions = {}) {
    const max = options.maxPacketSize ?? DEFAULT_MAX;
    if (!(Number.isSafeInteger(max) && max >= 2 && max <= MAX_PACKET_SIZE))
      throw new RangeError(`maxPacketSize must be an integer in [2, ${MAX_PACKET_SIZE}], got ${max}`);
    this.#version = versionOf(options.protocolVersion);
    const first = packetCodec(this.#version, max);
    const mode =
      options.from === 'client'
        ? (p: MqttPacket): { codec: Codec<MqttPacket>; final: true } => {
            if (p.type === 'CONNECT') this.#version = versionOf(p.protocolVersion);
            return { codec: packetCodec(this.#version, max), final: true };
          }
        : undefined;
    this.#decoder = new StreamDecoder<MqttPacket>(first, {
      compile: options.compile,
      limits: { maxRecordBytes: max, maxBuffered: max },
      mode,
    });
  }

  /** The connection's version as known so far: 4 (3.1, 3.1.1) or 5. */
  get protocolVersion(): Version {
    return this.#version;
  }

  /** Absolute stream offset of the next packet (bytes delivered as packets so far). */
  get offset(): number {
    return this.#decoder.offset;
  }

  get buffered(): number {
    return this.#decoder.buffered;
  }

  get needed(): number {
    return this.#decoder.needed;
  }

  /** While `emit` runs: the absolute offset of the first byte of the packet being emitted. */
  get messageOffset(): number {
    return this.#start;
  }

  write(chunk: Uint8Array, emit: (packet: MqttPacket) => void): void {
    this.#emit = emit;
    try {
      this.#decoder.write(chunk, this.#deliver);
    } catch (e) {
      throw mqttError(e);
    }
  }

  finish(emit: (packet: MqttPacket) => void): void {
    this.#emit = emit;
    try {
      this.#decoder.finish(this.#deliver);
    } catch (e) {
      throw mqttError(e);
    }
  }

  readonly #deliver = (p: MqttPacket): void => {
    this.#start = this.#end;
    this.#end = this.#decoder.offset;
    this.#emit(p);
  };
}
