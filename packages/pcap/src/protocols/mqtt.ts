/**
 * MQTT (3.1.1 and 5.0) for the Dissector: @stride/mqtt's MqttReader per direction. The client's
 * reader (from: 'client') takes the version from the CONNECT; a server's packets carry none, so the
 * server's reader waits for it: it holds the server's bytes (copied, at most HOLD_BYTES) until the
 * client's first packet has been read, then reads them in the CONNECT's version. Without a CONNECT
 * (a connection picked up midway, a client's stream cut short) the version is guessed from the
 * server's first packet: a CONNACK of remaining length 2 is 3.1.1's, anything else read as 5.0.
 * Types are the spec's names (`PUBLISH`, `CONNACK` …); a value is the packet's fields, as
 * `stride mqtt decode --json` prints them. A gap stops the direction.
 */
import { type MqttPacket, MqttReader } from '@stride/mqtt';
import type { MessageReader, Protocol } from '../dissect/index.js';
import { fieldsJson } from './json.js';

type Version = 4 | 5;

/** What the two directions share: the version, once the client's first packet said it (or not). */
interface MqttContext {
  version: Version | undefined;
  /** The client's first packet was read (a CONNECT or not). */
  settled: boolean;
}

/** The server's bytes held at most while the client's CONNECT is awaited. */
export const HOLD_BYTES = 64 * 1024;
const CONNACK = 0x20;

/** The client's reader, which tells the context the version of its first packet. */
class ClientReader implements MessageReader<MqttPacket> {
  readonly #reader = new MqttReader({ from: 'client' });
  constructor(readonly context: MqttContext) {}
  get offset(): number {
    return this.#reader.offset;
  }
  get buffered(): number {
    return this.#reader.buffered;
  }
  get needed(): number {
    return this.#reader.needed;
  }
  get messageOffset(): number {
    return this.#reader.messageOffset;
  }
  write(chunk: Uint8Array, emit: (packet: MqttPacket) => void): void {
    this.#reader.write(chunk, this.#settle(emit));
  }
  finish(emit: (packet: MqttPacket) => void): void {
    this.#reader.finish(this.#settle(emit));
  }
  #settle(emit: (packet: MqttPacket) => void): (packet: MqttPacket) => void {
    if (this.context.settled) return emit;
    return (p) => {
      if (!this.context.settled) {
        this.context.settled = true;
        if (p.type === 'CONNECT') this.context.version = p.protocolVersion === 5 ? 5 : 4;
      }
      emit(p);
    };
  }
}

/** The server's reader: bytes held until the version is known, then an MqttReader of that version. */
class ServerReader implements MessageReader<MqttPacket> {
  #reader: MqttReader | undefined;
  #held: Uint8Array[] = [];
  #heldBytes = 0;
  constructor(readonly context: MqttContext) {}
  get offset(): number {
    return this.#reader?.offset ?? 0;
  }
  get buffered(): number {
    return this.#reader?.buffered ?? this.#heldBytes;
  }
  get needed(): number {
    return this.#reader?.needed ?? 0;
  }
  get messageOffset(): number {
    return this.#reader?.messageOffset ?? 0;
  }
  write(chunk: Uint8Array, emit: (packet: MqttPacket) => void): void {
    if (this.#reader !== undefined) {
      this.#reader.write(chunk, emit);
      return;
    }
    this.#held.push(chunk.slice());
    this.#heldBytes += chunk.length;
    this.#start(emit, false);
  }
  finish(emit: (packet: MqttPacket) => void): void {
    this.#start(emit, true);
    this.#reader?.finish(emit);
  }
  /** Starts reading once the version is known, or must be guessed (`end`, or too much held). */
  #start(emit: (packet: MqttPacket) => void, end: boolean): void {
    if (this.#reader !== undefined) return;
    const guess = end || this.context.settled || this.#heldBytes >= HOLD_BYTES;
    const version = this.context.version ?? (guess ? this.#guess(end) : undefined);
    if (version === undefined) return;
    const reader = new MqttReader({ from: 'server', protocolVersion: version });
    this.#reader = reader;
    const held = this.#held;
    this.#held = [];
    this.#heldBytes = 0;
    for (const piece of held) reader.write(piece, emit);
  }
  /** 3.1.1 for a first CONNACK of remaining length 2, else 5 (undefined: 2 bytes not in yet). */
  #guess(end: boolean): Version | undefined {
    const head = this.#held.length === 1 ? (this.#held[0] as Uint8Array) : Buffer.concat(this.#held);
    if (head.length < 2) return end ? 5 : undefined;
    return head[0] === CONNACK && head[1] === 2 ? 4 : 5;
  }
}

export const mqtt: Protocol<MqttPacket, MqttContext> = {
  name: 'mqtt',
  ports: [1883],
  context: () => ({ version: undefined, settled: false }),
  reader: (dir, context) => (dir === 'c2s' ? new ClientReader(context) : new ServerReader(context)),
  type: (p) => p.type,
  value: fieldsJson,
};
