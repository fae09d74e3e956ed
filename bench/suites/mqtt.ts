// bench/suites/mqtt.ts: @stride/mqtt against mqtt-packet (the packet parser and generator of
// MQTT.js and Aedes) on a client's MQTT 5 PUBLISH packets, both ways.
//
//   publish-small  1,000,000 PUBLISH packets (../workloads/mqtt-publish.ts: QoS 0 and 1, topics of
//                  10..40 B, payloads of 0..200 B, about half with a few properties; ~140 MB), run
//                  in two directions; unit: packet
//     decode       the wire bytes as chunks of 1..1,460 B (TCP-segment sized, fixed seed), one
//                  connection: a new reader or parser per iteration, each chunk written as it comes,
//                  every packet handed to a sink
//     encode       the same packets as objects, each contestant's own shape (built in its setup(),
//                  outside the timed region), each encoded to its bytes, handed to a sink
//
// One workload name, two directions. The harness runs each direction as a workload of its own,
// `publish-small/decode` and `publish-small/encode` (so the tables, ratio lines and goals say which
// is which, and BENCH_WORKLOAD=publish-small runs both); after the run the suite rewrites its rows as
// `{ workload: 'publish-small', direction: 'decode' | 'encode', ... }` (harness.relabelRows), as the
// redis suite does with its chunkings. The summary at the end prints stride's throughput against mqtt-packet's per
// direction, with the goal's verdict (>= 2x each).
//
// Checks (the warm-up round, before anything is timed):
//  - decode: each contestant's sink (mqtt-publish.ts; its kind reads the library's packet shape)
//    counts packets, QoS 1 packets and their ids, topic and payload bytes, packets with properties
//    and user property pairs, hashes every field of every packet, and keeps the first 1000 packets
//    in one plain form (`packetId` / mqtt-packet's `messageId`, userProperties as pairs / as an
//    object, the payload format indicator as 0|1 / a boolean, bytes as hex), compared field by
//    field with the generator's: both decoders must agree with the reference, so with each other.
//  - encode: every packet's bytes are compared with the reference's, byte for byte, for all
//    1,000,000 packets. They can be identical: the reference writes the properties in identifier
//    order, @stride/mqtt encodes them in identifier order, and mqtt-packet in the key order of the
//    packet's `properties` object, which each contestant's input gets in identifier order too. (Were
//    a library to order them otherwise, the bytes would legitimately differ; the check would then
//    have to decode both instead: none does here.)
//
// Contestants, each in its fastest configuration (measured here, on this 2-core machine with other
// work running):
//  - stride: decode `new MqttReader({ from: 'client', protocolVersion: 5 })` (codec's compiled
//    path, its default), write(chunk, emit) per chunk, finish(emit): payloads are views of the input
//    chunks where a packet lies in one. Encode `encodePacket(packet, 5)` per packet: a Uint8Array
//    view of a 64 KiB slab shared with the next packets' bytes (as Node's Buffer pool does).
//  - mqtt-packet 9.0.2: decode `parser({ protocolVersion: 5 })` (its only setting besides the
//    version), `on('packet', …)`, parse(buffer) per chunk; it gathers the chunks in a BufferList
//    (bl) and hands out payloads as Buffer slices of it. Encode: `writeToStream(packet, stream,
//    { protocolVersion: 5 })` into a stream-like object whose write() copies each piece (a Buffer or
//    the topic as a string) into one buffer allocated once, each packet's bytes handed to the sink
//    as a view of it: its fastest way to bytes here (3.1..3.6 s against 4.1..4.4 s for the 1 M
//    packets, two runs). Informational `mqtt-packet:generate`: `generate(packet, { protocolVersion: 5 })`,
//    one Buffer per packet (writeToStream into an accumulator, then a concat per packet). Both with two-byte numbers from its cache, the
//    default (`writeToStream.cacheNumbers`).
//
// mqtt-packet takes Buffers: it gets the chunks wrapped without a copy (Buffer.from(arrayBuffer,
// offset, length), made in setup(), as a socket hands them over), and its encode input carries
// Buffer views of the generator's payloads. Stride reads the Uint8Array chunks (splitCopies: each
// its own ArrayBuffer). The decode workload's teardown checks that no contestant wrote into the
// shared chunks.

import { encodePacket, type MqttPacket, MqttReader, type Properties } from '@stride/mqtt';
import * as mqtt from 'mqtt-packet';
import {
  type Contestant,
  type Goal,
  keepingContestant,
  type ResultRow,
  relabelRows,
  runGuarded,
  runSuite,
  type Workload,
} from '../harness.js';
import { splitCopies } from '../prng.js';
import {
  checkDecoded,
  checkEncoded,
  DECODE_CHUNKS,
  type DecodeSink,
  type DecodeTally,
  decodeSink,
  type EncodeSink,
  type EncodeTally,
  encodeSink,
  FIRST,
  type Publish,
  type PublishStream,
  publishStream,
} from '../workloads/mqtt-publish.js';

const SUITE = 'mqtt';
const WORKLOAD = 'publish-small';
const ANCHOR = 'mqtt-packet';
/** stride's throughput against mqtt-packet's, both directions. */
const GOAL = 2;
const V5 = { protocolVersion: 5 } as const;

/** The stream the running workload reads, its chunks, and the same chunks as Buffers (views). */
let stream: PublishStream | undefined;
let chunks: Uint8Array[] = [];
let buffers: Buffer[] = [];

const current = (): PublishStream => {
  if (!stream) throw new Error('no workload is set up');
  return stream;
};

const asBuffer = (u8: Uint8Array): Buffer => Buffer.from(u8.buffer, u8.byteOffset, u8.length);

// ---- decode -------------------------------------------------------------------------------------

/** A contestant decoding the whole stream into `sink`; the first run after setup() keeps the first packets. */
const decoding = <P>(name: string, sink: DecodeSink<P>, read: () => void): Contestant<DecodeTally> =>
  keepingContestant(name, sink, () => FIRST, read, { check: (tally) => checkDecoded(current(), tally) });

function strideDecoding(): Contestant<DecodeTally> {
  const sink = decodeSink<MqttPacket>('stride');
  const emit = (p: MqttPacket): void => sink.add(p);
  return decoding('stride', sink, () => {
    const reader = new MqttReader({ from: 'client', protocolVersion: 5 });
    const cs = chunks;
    for (let k = 0; k < cs.length; k++) reader.write(cs[k] as Uint8Array, emit);
    reader.finish(emit);
  });
}

function mqttPacketDecoding(): Contestant<DecodeTally> {
  const sink = decodeSink<mqtt.Packet>('mqtt-packet');
  const onPacket = (p: mqtt.Packet): void => sink.add(p);
  const onError = (error: Error): void => {
    throw error;
  };
  return decoding(ANCHOR, sink, () => {
    const parser = mqtt.parser(V5);
    parser.on('packet', onPacket);
    parser.on('error', onError);
    const bs = buffers;
    let left = 0;
    for (let k = 0; k < bs.length; k++) left = parser.parse(bs[k] as Buffer);
    if (left !== 0) throw new Error(`the stream ends inside a packet (${left} B left)`);
  });
}

// ---- encode -------------------------------------------------------------------------------------

/**
 * A contestant encoding `inputs` (built from the stream's packets by its setup(), outside the timed
 * region) with `encodeAll`, every packet's bytes into `sink`; the first run after setup() is checked
 * packet by packet.
 */
function encoding<I>(
  name: string,
  shape: (p: Publish) => I,
  encodeAll: (inputs: readonly I[], sink: EncodeSink) => void,
  informational = false,
): Contestant<EncodeTally> {
  let inputs: I[] = [];
  let arm = false;
  const sink = encodeSink();
  return {
    name,
    informational,
    setup() {
      inputs = current().packets.map(shape);
      arm = true;
    },
    run() {
      if (arm) {
        arm = false;
        sink.checkNext(current());
      }
      encodeAll(inputs, sink);
      return sink.take();
    },
    check: (tally) => checkEncoded(current(), tally),
    teardown() {
      inputs = [];
    },
  };
}

/** A packet as @stride/mqtt takes it (the generator's shape is its, keys in its order). */
function strideShape(p: Publish): MqttPacket {
  const packet: MqttPacket = {
    type: 'PUBLISH',
    dup: p.dup,
    qos: p.qos,
    retain: p.retain,
    topic: p.topic,
    payload: p.payload,
  };
  if (p.packetId !== undefined) packet.packetId = p.packetId;
  if (p.properties !== undefined) packet.properties = { ...p.properties } satisfies Properties;
  return packet;
}

/** A packet as mqtt-packet takes it: messageId, Buffers, a boolean format indicator, user properties as an object. */
function mqttPacketShape(p: Publish): mqtt.IPublishPacket {
  const packet: mqtt.IPublishPacket = {
    cmd: 'publish',
    qos: p.qos,
    dup: p.dup,
    retain: p.retain,
    topic: p.topic,
    payload: asBuffer(p.payload),
  };
  if (p.packetId !== undefined) packet.messageId = p.packetId;
  const o = p.properties;
  if (o !== undefined) {
    // Keys in the generator's order (identifier order): mqtt-packet writes them in key order.
    const m: NonNullable<mqtt.IPublishPacket['properties']> = {};
    if (o.payloadFormatIndicator !== undefined) m.payloadFormatIndicator = o.payloadFormatIndicator === 1;
    if (o.messageExpiryInterval !== undefined) m.messageExpiryInterval = o.messageExpiryInterval;
    if (o.contentType !== undefined) m.contentType = o.contentType;
    if (o.responseTopic !== undefined) m.responseTopic = o.responseTopic;
    if (o.correlationData !== undefined) m.correlationData = asBuffer(o.correlationData);
    if (o.topicAlias !== undefined) m.topicAlias = o.topicAlias;
    if (o.userProperties !== undefined) m.userProperties = Object.fromEntries(o.userProperties);
    packet.properties = m;
  }
  return packet;
}

const strideEncoding = (): Contestant<EncodeTally> =>
  encoding('stride', strideShape, (inputs, sink) => {
    for (let i = 0; i < inputs.length; i++) sink.add(encodePacket(inputs[i] as MqttPacket, 5));
  });

/** The stream-like object writeToStream writes into: every piece (Buffer or string) appended to one buffer. */
class Flat {
  bytes = Buffer.allocUnsafe(0);
  at = 0;

  write(piece: Buffer | string): boolean {
    if (typeof piece === 'string') this.at += this.bytes.write(piece, this.at);
    else {
      this.bytes.set(piece, this.at);
      this.at += piece.length;
    }
    return true;
  }

  destroy(error?: Error): void {
    if (error) throw error;
  }
}

/** mqtt-packet's writeToStream into one buffer, each packet's bytes handed to the sink as a view of it. */
function mqttPacketWriteToStream(): Contestant<EncodeTally> {
  const flat = new Flat();
  const stream = flat as unknown as NodeJS.WritableStream;
  return encoding(ANCHOR, mqttPacketShape, (inputs, sink) => {
    const room = current().bytes.length + 64 * 1024;
    if (flat.bytes.length < room) flat.bytes = Buffer.allocUnsafe(room);
    flat.at = 0;
    for (let i = 0; i < inputs.length; i++) {
      const start = flat.at;
      mqtt.writeToStream(inputs[i] as mqtt.IPublishPacket, stream, V5);
      sink.add(flat.bytes.subarray(start, flat.at));
    }
  });
}

const mqttPacketGenerate = (): Contestant<EncodeTally> =>
  encoding(
    `${ANCHOR}:generate`,
    mqttPacketShape,
    (inputs, sink) => {
      for (let i = 0; i < inputs.length; i++) sink.add(mqtt.generate(inputs[i] as mqtt.IPublishPacket, V5));
    },
    true,
  );

// ---- workloads ----------------------------------------------------------------------------------

const goals: Goal[] = [{ numerator: ANCHOR, denominator: 'stride', min: GOAL }];

function decodeWorkload(): Workload {
  return {
    name: `${WORKLOAD}/decode`,
    unit: 'packet',
    opsPerIteration: 0,
    bytesPerIteration: 0,
    setup() {
      stream = publishStream();
      const sizes = DECODE_CHUNKS.sizes(stream.bytes.length);
      chunks = splitCopies(stream.bytes, sizes);
      buffers = chunks.map(asBuffer);
      this.opsPerIteration = stream.packets.length;
      this.bytesPerIteration = stream.bytes.length;
      this.notes = [
        `${stream.packets.length} packets, ${stream.bytes.length} B; ${sizes.length} chunks of ${DECODE_CHUNKS.describe}`,
        'a new reader/parser per iteration (one connection); mqtt-packet gets the chunks as Buffer views',
      ];
    },
    teardown() {
      // No contestant may have written into the shared chunks (the timed rounds are not checked).
      if (Buffer.compare(Buffer.concat(chunks), current().bytes) !== 0)
        throw new Error(`${WORKLOAD}/decode: a contestant wrote into its input chunks`);
      stream = undefined;
      chunks = [];
      buffers = [];
    },
    goals,
    contestants: [strideDecoding(), mqttPacketDecoding()],
  };
}

function encodeWorkload(): Workload {
  return {
    name: `${WORKLOAD}/encode`,
    unit: 'packet',
    opsPerIteration: 0,
    bytesPerIteration: 0,
    setup() {
      stream = publishStream();
      this.opsPerIteration = stream.packets.length;
      this.bytesPerIteration = stream.bytes.length;
      this.notes = [
        `${stream.packets.length} packets to ${stream.bytes.length} B; each contestant's input objects built in its setup()`,
        'stride: a view of a shared 64 KiB slab per packet; mqtt-packet: all packets into one buffer, a view per packet; mqtt-packet:generate: one Buffer per packet',
      ];
    },
    teardown() {
      stream = undefined;
    },
    goals,
    contestants: [strideEncoding(), mqttPacketWriteToStream(), mqttPacketGenerate()],
  };
}

async function run(): Promise<void> {
  const workloads = [decodeWorkload(), encodeWorkload()];
  // Generate the input before anything is timed, and say what it is.
  const t0 = performance.now();
  const s = publishStream();
  const ms = (performance.now() - t0).toFixed(0);
  console.log(`# mqtt: generated ${WORKLOAD}: ${s.bytes.length} B, ${s.packets.length} packets in ${ms} ms`);
  summary(relabelRows(SUITE, 'direction', await runSuite({ name: SUITE, workloads })));
}

/** stride's throughput against mqtt-packet's, per direction. */
function summary(rows: readonly ResultRow[]): void {
  const lines: string[] = [];
  for (const direction of ['decode', 'encode']) {
    const of = (c: string) =>
      rows.find((r) => r.workload === WORKLOAD && r.direction === direction && r.contestant === c)?.opsPerSec;
    const s = of('stride');
    const a = of(ANCHOR);
    if (s === undefined || a === undefined) continue;
    const r = s / a;
    lines.push(
      `  ${WORKLOAD}/${direction}: stride ${s} packets/s / ${ANCHOR} ${a} packets/s = ${r.toFixed(2)}x ` +
        `(goal >= ${GOAL}x: ${r >= GOAL ? 'met' : 'MISSED'})`,
    );
  }
  if (lines.length > 0)
    console.log(
      `\n== ${SUITE}: stride's throughput against ${ANCHOR}'s (this run; higher is faster)\n${lines.join('\n')}`,
    );
}

await runGuarded(SUITE, run);
