// The fixtures agree with each other and with the capture: tshark's packets, in order, tile each raw
// stream exactly (each one's size is what its fixed header says, read here from the bytes), each
// starts at a byte whose type nibble is its type, and make-fixtures.sh makes the same files again
// from the capture when tshark 4.0 is here. Then the dissection reader: on the capture's packets, on
// hand-made packets of every type and property the capture lacks (through text2pcap and tshark 4.0),
// and on what it must refuse. None of this needs @stride/mqtt (captures.test.ts compares it).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectFixturesRemade, TSHARK_40 } from '../support/capture-fixtures.js';
import {
  type Direction,
  FIXTURES,
  normalizePackets,
  PACKET_TYPES,
  type PacketType,
  readDissection,
  SERVER_PORT,
  streamBytes,
  type TsharkPacket,
} from './support/tshark.js';

const streams = readDissection();
const DIRECTIONS: Direction[] = ['client', 'server'];
const utf8 = (s: string) => new Uint8Array(Buffer.from(s));

/** The size of the MQTT packet at `at`: its first byte, the remaining length's varint, and that many bytes. */
function packetSize(bytes: Uint8Array, at: number): number {
  let length = 0;
  for (let i = 1, scale = 1; i <= 4; i++, scale *= 128) {
    const byte = bytes[at + i];
    if (byte === undefined) throw new Error(`the remaining length at ${at} is cut short`);
    length += (byte & 0x7f) * scale;
    if (byte < 0x80) return 1 + i + length;
  }
  throw new Error(`the remaining length at ${at} is longer than 4 bytes`);
}

const typeNumber = (type: PacketType) => PACKET_TYPES.indexOf(type);

describe('the fixture streams and the dissection agree', () => {
  it('has the eight TCP streams of the capture: four MQTT 3.1.1 connections, then four MQTT 5', () => {
    expect(streams.map((s) => s.stream)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(streams.map((s) => s.protocolVersion)).toEqual([4, 4, 4, 4, 5, 5, 5, 5]);
  });

  for (const { stream, ...seen } of streams) {
    for (const direction of DIRECTIONS) {
      const bytes = streamBytes(stream, direction);
      const messages = seen[direction];

      it(`stream ${stream} ${direction}: starts with a packet of tshark's first type`, () => {
        expect(bytes.length).toBeGreaterThan(0);
        expect(messages.length).toBeGreaterThan(0);
        expect(messages[0]?.offset).toBe(0);
        expect(PACKET_TYPES[(bytes[0] as number) >> 4]).toBe(messages[0]?.packet.type);
        if (direction === 'client') expect(messages[0]?.packet.type).toBe('CONNECT');
      });

      it(`stream ${stream} ${direction}: tshark's packets tile the stream, in increasing offsets`, () => {
        let at = 0;
        for (const { offset, size } of messages) {
          expect(offset).toBe(at);
          expect(size, `the packet at ${offset}`).toBe(packetSize(bytes, offset));
          at = offset + size;
        }
        expect(at).toBe(bytes.length);
      });

      it(`stream ${stream} ${direction}: each packet's first byte has its type in the high nibble`, () => {
        for (const { offset, packet } of messages) {
          expect((bytes[offset] as number) >> 4, `${packet.type} at ${offset}`).toBe(typeNumber(packet.type));
        }
      });
    }
  }
});

describe('make-fixtures.sh', () => {
  it.skipIf(!TSHARK_40)(
    'makes the committed fixtures again from the committed capture (needs tshark 4.0)',
    () => {
      expectFixturesRemade(FIXTURES, 'mqtt.pcapng');
    },
  );
});

describe('the dissection reader', () => {
  const types = (direction: Direction, n: number) => streams[n]?.[direction].map((m) => m.packet.type);
  const connect = (version: number, extra = {}): TsharkPacket => ({
    type: 'CONNECT',
    protocolName: 'MQTT',
    protocolVersion: version,
    cleanStart: true,
    keepAlive: 60,
    clientId: '',
    ...extra,
  });
  const publish = (topic: string, qos: 0 | 1 | 2, payload: string, extra = {}) => ({
    type: 'PUBLISH',
    dup: false,
    qos,
    retain: false,
    topic,
    payload: utf8(payload),
    ...extra,
  });

  it("reads the 3.1.1 subscriber's session: every message the publishers sent, at QoS 1 at most", () => {
    const [subscriber] = streams;
    expect(subscriber?.client.map((m) => m.packet)).toEqual([
      connect(4),
      { type: 'SUBSCRIBE', packetId: 1, subscriptions: [{ topicFilter: 'stride/#', qos: 1 }] },
      ...[1, 2, 3, 4].map((packetId) => ({ type: 'PUBACK', packetId })),
      { type: 'DISCONNECT' },
    ]);
    // Mosquitto passes v5 messages on to a 3.1.1 subscriber without their properties.
    expect(subscriber?.server.map((m) => m.packet)).toEqual([
      { type: 'CONNACK', sessionPresent: false, reasonCode: 0 },
      { type: 'SUBACK', packetId: 1, reasonCodes: [1] },
      publish('stride/v311', 0, 'qos 0 message'),
      publish('stride/v311', 1, 'qos 1 message', { packetId: 1 }),
      publish('stride/v311', 1, 'qos 2 message', { packetId: 2 }),
      publish('stride/v5', 0, 'qos 0 v5'),
      publish('stride/v5', 1, 'qos 1 v5', { packetId: 3 }),
      publish('stride/v5', 1, 'qos 2 v5', { packetId: 4 }),
      publish('stride/retained', 0, 'retained'),
    ]);
    // The last three came in one segment, and the last PUBACK with the DISCONNECT.
    expect(subscriber?.server.map((m) => m.offset)).toEqual([0, 4, 9, 37, 67, 97, 118, 141, 164]);
    expect(subscriber?.client.slice(-2).map((m) => [m.offset, m.size])).toEqual([
      [41, 4],
      [45, 2],
    ]);
  });

  it("reads the publishers' QoS 0, 1 and 2 exchanges", () => {
    expect([1, 2, 3].map((n) => [types('client', n), types('server', n)])).toEqual([
      [['CONNECT', 'PUBLISH', 'DISCONNECT'], ['CONNACK']],
      [
        ['CONNECT', 'PUBLISH', 'DISCONNECT'],
        ['CONNACK', 'PUBACK'],
      ],
      [
        ['CONNECT', 'PUBLISH', 'PUBREL', 'DISCONNECT'],
        ['CONNACK', 'PUBREC', 'PUBCOMP'],
      ],
    ]);
    expect([4, 5, 6].map((n) => [types('client', n), types('server', n)])).toEqual([
      [['CONNECT', 'PUBLISH', 'DISCONNECT'], ['CONNACK']],
      [
        ['CONNECT', 'PUBLISH', 'DISCONNECT'],
        ['CONNACK', 'PUBACK'],
      ],
      [
        ['CONNECT', 'PUBLISH', 'PUBREL', 'DISCONNECT'],
        ['CONNACK', 'PUBREC', 'PUBCOMP'],
      ],
    ]);
    expect(streams[3]?.client[2]?.packet).toEqual({ type: 'PUBREL', packetId: 1 });
  });

  it('reads MQTT 5 properties: CONNECT, CONNACK, a user property, an empty property list', () => {
    const [v5] = streams.slice(6);
    expect(v5?.client.map((m) => m.packet)).toEqual([
      connect(5, { properties: { receiveMaximum: 20 } }),
      publish('stride/v5', 2, 'qos 2 v5', { packetId: 1, properties: { userProperties: [['k', 'v']] } }),
      { type: 'PUBREL', packetId: 1 },
      { type: 'DISCONNECT' },
    ]);
    expect(v5?.server[0]?.packet).toEqual({
      type: 'CONNACK',
      sessionPresent: false,
      reasonCode: 0,
      properties: {
        topicAliasMaximum: 10,
        assignedClientIdentifier: expect.stringMatching(/^auto-[0-9A-F-]{36}$/),
        receiveMaximum: 20,
      },
    });
    expect(streams[7]?.client[1]?.packet).toEqual({
      ...publish('stride/retained', 0, 'retained'),
      retain: true,
      properties: {},
    });
  });

  it('refuses a field or property it does not know, a packet outside its segment, and reassembly', () => {
    const frames: unknown[] = JSON.parse(readFileSync(join(FIXTURES, 'dissection.json'), 'utf8'));
    const frame = (n: string) => frames.find((f) => JSON.stringify(f).includes(`"frame.number":"${n}"`));
    /** Frame n of the dissection with the first `from` in its JSON text replaced by `to`. */
    const edited = (n: string, from: string, to: string) => {
      const text = JSON.stringify(frame(n));
      expect(text).toContain(from);
      return JSON.parse(text.replace(from, to));
    };
    expect(() => normalizePackets([frame('63'), frame('112')])).not.toThrow();

    const extra = edited('4', '"mqtt.hdrflags":', '"mqtt.will":"","mqtt.hdrflags":');
    expect(() => normalizePackets([extra])).toThrow(
      /frame 4 packet 0: tshark field "mqtt.will" is not mapped/,
    );
    // CONNACK's properties: topic alias maximum, assigned client identifier, receive maximum.
    const unknown = edited('63', '"0x22"', '"0x7f"');
    expect(() => normalizePackets([unknown])).toThrow(/property 0x7f is not mapped/);
    const mistyped = edited('63', '"0x22"', '"0x1f"');
    expect(() => normalizePackets([mistyped])).toThrow(/reasonString: expected a string/);
    const outside = edited('112', ',112,27,', ',130,27,');
    expect(() => normalizePackets([outside])).toThrow(/frame 112: an MQTT packet at 130\+27 is outside/);
    const reassembled = edited('4', '"tcp.stream":', '"tcp.segment_data":"00","tcp.stream":');
    expect(() => normalizePackets([reassembled])).toThrow(/reassembled segment/);
  });
});

describe('the dissection reader on packets the capture lacks (text2pcap and tshark 4.0)', () => {
  // Each session's packets in the order sent, built byte by byte, with what the reader must make of them.
  interface Sent {
    from: Direction;
    bytes: number[];
    packet: TsharkPacket;
  }
  const u16 = (n: number) => [n >> 8, n & 0xff];
  const u32 = (n: number) => [n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
  const varint = (n: number) => (n < 128 ? [n] : [(n & 0x7f) | 0x80, n >> 7]);
  /** A length-prefixed string or binary field. */
  const field = (s: string | number[]) => {
    const bytes = typeof s === 'string' ? [...utf8(s)] : s;
    return [...u16(bytes.length), ...bytes];
  };
  const props = (...bytes: number[]) => [...varint(bytes.length), ...bytes];
  const bytes = (...b: number[]) => new Uint8Array(b);
  const client = (first: number, body: number[], packet: TsharkPacket): Sent => ({
    from: 'client',
    bytes: [first, ...varint(body.length), ...body],
    packet,
  });
  const server = (first: number, body: number[], packet: TsharkPacket): Sent => ({
    ...client(first, body, packet),
    from: 'server',
  });

  const v5: Sent[] = [
    client(
      0x10,
      [
        ...field('MQTT'),
        5,
        0xee, // user name, password, will retain, will QoS 1, will, clean start
        ...u16(60),
        ...props(
          ...[0x11, ...u32(120), 0x21, ...u16(16), 0x27, ...u32(4096), 0x17, 1, 0x19, 1],
          ...[0x26, ...field('a'), ...field(''), 0x15, ...field('SCRAM'), 0x16, ...field([0, 0xff])],
        ),
        ...field('cli'),
        ...props(
          ...[0x18, ...u32(10), 0x01, 1, 0x03, ...field('text/plain')],
          ...[0x08, ...field('resp'), 0x09, ...field([1, 2, 0xff])],
        ),
        ...field('w/t'),
        ...field([0, 0xff, 0x80]),
        ...field('user'),
        ...field([0xff, 0, 0xfe]),
      ],
      {
        type: 'CONNECT',
        protocolName: 'MQTT',
        protocolVersion: 5,
        cleanStart: true,
        keepAlive: 60,
        properties: {
          sessionExpiryInterval: 120,
          receiveMaximum: 16,
          maximumPacketSize: 4096,
          requestProblemInformation: 1,
          requestResponseInformation: 1,
          userProperties: [['a', '']],
          authenticationMethod: 'SCRAM',
          authenticationData: bytes(0, 0xff),
        },
        clientId: 'cli',
        will: {
          topic: 'w/t',
          payload: bytes(0, 0xff, 0x80),
          qos: 1,
          retain: true,
          properties: {
            willDelayInterval: 10,
            payloadFormatIndicator: 1,
            contentType: 'text/plain',
            responseTopic: 'resp',
            correlationData: bytes(1, 2, 0xff),
          },
        },
        username: 'user',
        password: bytes(0xff, 0, 0xfe),
      },
    ),
    server(
      0x20,
      [
        1,
        0,
        ...props(
          ...[0x24, 1, 0x25, 0, 0x12, ...field('id'), 0x1f, ...field(''), 0x13, ...u16(30)],
          ...[0x28, 1, 0x29, 1, 0x2a, 0, 0x1a, ...field('ri'), 0x1c, ...field('srv'), 0x22, ...u16(5)],
        ),
      ],
      {
        type: 'CONNACK',
        sessionPresent: true,
        reasonCode: 0,
        properties: {
          maximumQos: 1,
          retainAvailable: 0,
          assignedClientIdentifier: 'id',
          reasonString: '',
          serverKeepAlive: 30,
          wildcardSubscriptionAvailable: 1,
          subscriptionIdentifiersAvailable: 1,
          sharedSubscriptionAvailable: 0,
          responseInformation: 'ri',
          serverReference: 'srv',
          topicAliasMaximum: 5,
        },
      },
    ),
    // Options 0x1d: retain handling 1, retain as published, no local, QoS 1.
    client(0x82, [...u16(10), ...props(0x0b, 5), ...field('a/+'), 0x1d, ...field('b/#'), 0x02], {
      type: 'SUBSCRIBE',
      packetId: 10,
      properties: { subscriptionIdentifiers: [5] },
      subscriptions: [
        { topicFilter: 'a/+', qos: 1, noLocal: true, retainAsPublished: true, retainHandling: 1 },
        { topicFilter: 'b/#', qos: 2, noLocal: false, retainAsPublished: false, retainHandling: 0 },
      ],
    }),
    server(0x90, [...u16(10), ...props(0x1f, ...field('ok')), 1, 0x97], {
      type: 'SUBACK',
      packetId: 10,
      properties: { reasonString: 'ok' },
      reasonCodes: [1, 0x97],
    }),
    client(0xa2, [...u16(11), ...props(), ...field('a/+')], {
      type: 'UNSUBSCRIBE',
      packetId: 11,
      properties: {},
      topicFilters: ['a/+'],
    }),
    server(0xb0, [...u16(11), ...props(), 0x11], {
      type: 'UNSUBACK',
      packetId: 11,
      properties: {},
      reasonCodes: [0x11],
    }),
    client(0xc0, [], { type: 'PINGREQ' }),
    server(0xd0, [], { type: 'PINGRESP' }),
    // DUP, QoS 2, retain; an empty payload.
    client(0x3d, [...field('t'), ...u16(7), ...props(0x23, ...u16(1), 0x02, ...u32(60))], {
      type: 'PUBLISH',
      dup: true,
      qos: 2,
      retain: true,
      topic: 't',
      packetId: 7,
      properties: { topicAlias: 1, messageExpiryInterval: 60 },
      payload: bytes(),
    }),
    server(0x50, [...u16(7), 0x10, ...props(0x1f, ...field('r'))], {
      type: 'PUBREC',
      packetId: 7,
      reasonCode: 0x10,
      properties: { reasonString: 'r' },
    }),
    // An empty topic, by alias: tshark shows the aliased topic 't', which is not on the wire.
    client(0x30, [...field(''), ...props(0x23, ...u16(1)), ...utf8('x')], {
      type: 'PUBLISH',
      dup: false,
      qos: 0,
      retain: false,
      topic: '',
      properties: { topicAlias: 1 },
      payload: utf8('x'),
    }),
    server(
      0x32,
      [...field('a/x'), ...u16(9), ...props(0x0b, 5, 0x0b, ...varint(129), 0x01, 0), ...utf8('hi')],
      {
        type: 'PUBLISH',
        dup: false,
        qos: 1,
        retain: false,
        topic: 'a/x',
        packetId: 9,
        properties: { subscriptionIdentifiers: [5, 129], payloadFormatIndicator: 0 },
        payload: utf8('hi'),
      },
    ),
    // A reason code without properties.
    client(0x40, [...u16(9), 0], { type: 'PUBACK', packetId: 9, reasonCode: 0 }),
    client(0xf0, [0x18, ...props(0x15, ...field('SCRAM'))], {
      type: 'AUTH',
      reasonCode: 0x18,
      properties: { authenticationMethod: 'SCRAM' },
    }),
    client(0xe0, [0x04, ...props(0x1f, ...field('bye'))], {
      type: 'DISCONNECT',
      reasonCode: 0x04,
      properties: { reasonString: 'bye' },
    }),
    server(0xe0, [0x8e], { type: 'DISCONNECT', reasonCode: 0x8e }),
  ];

  const v311: Sent[] = [
    // User name, will QoS 0, will, clean session; a will with an empty payload.
    client(
      0x10,
      [...field('MQTT'), 4, 0x86, ...u16(0), ...field('c4'), ...field('w'), ...field(''), ...field('u')],
      {
        type: 'CONNECT',
        protocolName: 'MQTT',
        protocolVersion: 4,
        cleanStart: true,
        keepAlive: 0,
        clientId: 'c4',
        will: { topic: 'w', payload: bytes(), qos: 0, retain: false },
        username: 'u',
      },
    ),
    server(0x20, [1, 5], { type: 'CONNACK', sessionPresent: true, reasonCode: 5 }),
    client(0x82, [...u16(1), ...field('x/y'), 2, ...field('z'), 0], {
      type: 'SUBSCRIBE',
      packetId: 1,
      subscriptions: [
        { topicFilter: 'x/y', qos: 2 },
        { topicFilter: 'z', qos: 0 },
      ],
    }),
    server(0x90, [...u16(1), 0x80, 0], { type: 'SUBACK', packetId: 1, reasonCodes: [0x80, 0] }),
    client(0xa2, [...u16(2), ...field('x/y'), ...field('z')], {
      type: 'UNSUBSCRIBE',
      packetId: 2,
      topicFilters: ['x/y', 'z'],
    }),
    server(0xb0, u16(2), { type: 'UNSUBACK', packetId: 2 }),
    client(0x30, field('e'), {
      type: 'PUBLISH',
      dup: false,
      qos: 0,
      retain: false,
      topic: 'e',
      payload: bytes(),
    }),
    client(0x62, u16(3), { type: 'PUBREL', packetId: 3 }),
    client(0xe0, [], { type: 'DISCONNECT' }),
  ];

  /** The session as one TCP stream of a capture made by text2pcap, through tshark and the reader. */
  function dissect(sent: Sent[], dir: string) {
    const text = join(dir, 'packets.txt');
    const pcap = join(dir, 'packets.pcapng');
    // In text2pcap's -D, '>' is inbound: from the second port of -T to the first.
    const line = ({ from, bytes }: Sent) =>
      `${from === 'client' ? '<' : '>'} ${Buffer.from(bytes).toString('hex')}`;
    writeFileSync(text, `${sent.map(line).join('\n')}\n`);
    const direction = ['-r', '^(?<dir>[<>]) (?<data>[0-9a-f]+)$', '-D'];
    const tcp = ['-T', `40000,${SERVER_PORT}`, '-4', '127.0.0.1,127.0.0.1'];
    execFileSync('text2pcap', ['-q', ...direction, ...tcp, text, pcap], { stdio: 'pipe' });
    const args = ['-r', pcap, '-d', `tcp.port==${SERVER_PORT},mqtt`, '-Y', 'mqtt', '-T', 'json', '-x'];
    const json = execFileSync('tshark', [...args, '--no-duplicate-keys', '-J', 'frame tcp mqtt'], {
      encoding: 'utf8',
      stdio: 'pipe',
      maxBuffer: 64 << 20,
    });
    return normalizePackets(JSON.parse(json));
  }

  for (const [version, sent] of [
    [5, v5],
    [4, v311],
  ] as const) {
    it.skipIf(!TSHARK_40)(
      `reads every packet type of MQTT ${version === 5 ? '5' : '3.1.1'} (needs tshark 4.0)`,
      () => {
        const dir = mkdtempSync(join(tmpdir(), 'stride-mqtt-tshark-'));
        try {
          const [only, ...more] = dissect(sent, dir);
          expect(more).toEqual([]);
          expect(only?.protocolVersion).toBe(version);
          for (const from of DIRECTIONS) {
            let offset = 0;
            const expected = sent
              .filter((s) => s.from === from)
              .map(({ bytes, packet }) => {
                offset += bytes.length;
                return { offset: offset - bytes.length, size: bytes.length, packet };
              });
            expect(only?.[from]).toEqual(expected);
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    );
  }
});
