// @stride/mqtt's packets both ways: every packet type of 3.1.1 and 5.0 round-trips through
// encodePacket and MqttReader in any chunking, agrees with mqtt-packet (MQTT.js's parser and
// generator) both ways, and every malformed input of the spec gives a typed error with the code,
// offset and reason code that apply, after the packets before it.
import { DecodeError, EncodeError } from '@stride/codec';
import {
  encodePacket,
  type MqttPacket,
  MqttReader,
  type MqttReaderOptions,
  PacketWriter,
  reasonCodeOf,
  type Version,
} from '@stride/mqtt';
import fc from 'fast-check';
import mqtt from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { cut } from '../support/pieces.js';
import { packet, publish } from './arbitraries.js';

const hex = (s: string) => new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'hex'));

function readAll(pieces: Uint8Array[], options: MqttReaderOptions = {}): MqttPacket[] {
  const reader = new MqttReader(options);
  const out: MqttPacket[] = [];
  for (const p of pieces) reader.write(p, (x) => out.push(x));
  reader.finish((x) => out.push(x));
  return out;
}

/** What reading `bytes` does: the packets emitted before the error, and the error. */
function failure(bytes: Uint8Array, options: MqttReaderOptions = {}, piece = bytes.length) {
  const reader = new MqttReader(options);
  const packets: MqttPacket[] = [];
  try {
    for (const p of cut(bytes, [Math.max(1, piece)])) reader.write(p, (x) => packets.push(x));
    reader.finish((x) => packets.push(x));
  } catch (e) {
    expect(e).toBeInstanceOf(DecodeError);
    return { packets, error: e as DecodeError<string>, reader };
  }
  throw new Error('no error');
}

const concat = (list: Uint8Array[]) => new Uint8Array(Buffer.concat(list));

describe('round trips', () => {
  for (const v of [4, 5] as const) {
    it(`every packet type of ${v === 5 ? '5.0' : '3.1.1'} encodes and decodes back, in any chunking`, () => {
      fc.assert(
        fc.property(
          fc.array(packet(v), { minLength: 1, maxLength: 8 }),
          fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }),
          (packets, sizes) => {
            const bytes = concat(packets.map((p) => encodePacket(p, v)));
            const options = { from: 'server', protocolVersion: v } as const;
            expect(readAll([bytes], options)).toEqual(packets);
            expect(readAll(cut(bytes, sizes), options)).toEqual(packets);
            expect(readAll(cut(bytes, [1]), options)).toEqual(packets);
          },
        ),
        { numRuns: 150 },
      );
    });
  }

  it("a client's CONNECT sets the version of what follows", () => {
    const connect = (protocolVersion: 4 | 5): MqttPacket => ({
      type: 'CONNECT',
      protocolName: 'MQTT',
      protocolVersion,
      cleanStart: true,
      keepAlive: 10,
      clientId: 'c',
      ...(protocolVersion === 5 ? { properties: {} } : {}),
    });
    const ack: MqttPacket = { type: 'PUBACK', packetId: 3 };
    // 3.1.1's PUBACK after a 3.1.1 CONNECT, though the reader assumes 5.0 before it.
    const reader = new MqttReader({ from: 'client' });
    const out: MqttPacket[] = [];
    reader.write(concat([encodePacket(connect(4), 4), encodePacket(ack, 4)]), (p) => out.push(p));
    expect(reader.protocolVersion).toBe(4);
    expect(out[1]).toEqual(ack);
    // A 5.0 PUBACK with a reason code after a 5.0 CONNECT.
    const five = readAll([concat([encodePacket(connect(5)), encodePacket({ ...ack, reasonCode: 0x10 })])], {
      from: 'client',
      protocolVersion: 4,
    });
    expect(five[1]).toEqual({ type: 'PUBACK', packetId: 3, reasonCode: 0x10, properties: {} });
  });

  it('writes the remaining length in its shortest form, at each boundary', () => {
    for (const [size, lengthBytes] of [
      [127, 1],
      [128, 2],
      [16_383, 2],
      [16_384, 3],
      [2_097_152, 4],
    ] as const) {
      const payload = new Uint8Array(size - 4); // topic length (2) + "t/" (2)
      const bytes = encodePacket(
        { type: 'PUBLISH', dup: false, qos: 0, retain: false, topic: 't/', payload },
        4,
      );
      expect(bytes.length).toBe(1 + lengthBytes + size);
      // (Lengths compared, not the bytes: a deep comparison of megabytes is slow.)
      const [read] = readAll([bytes], { protocolVersion: 4, maxPacketSize: 4 * 1024 * 1024 });
      expect(read?.type).toBe('PUBLISH');
      expect((read as { payload: Uint8Array }).payload.length).toBe(payload.length);
    }
  });

  it('PacketWriter puts packets in one buffer', () => {
    const w = new PacketWriter(4);
    w.write({ type: 'PINGREQ' }).write({ type: 'PUBACK', packetId: 1 });
    expect(Buffer.from(w.finish()).toString('hex')).toBe('c00040020001');
  });
});

describe('against mqtt-packet', () => {
  /** mqtt-packet's PUBLISH for ours (its names: messageId, userProperties as an object of arrays). */
  function theirs(p: MqttPacket & { type: 'PUBLISH' }, v: Version): mqtt.IPublishPacket {
    const props = p.properties;
    const user: Record<string, string[]> = {};
    for (const [k, val] of props?.userProperties ?? []) user[k] = [...(user[k] ?? []), val];
    return {
      cmd: 'publish',
      qos: p.qos,
      dup: p.dup,
      retain: p.retain,
      topic: p.topic,
      payload: Buffer.from(p.payload),
      ...(p.packetId !== undefined ? { messageId: p.packetId } : {}),
      ...(v === 5 && props
        ? {
            properties: {
              ...(props.payloadFormatIndicator !== undefined
                ? { payloadFormatIndicator: props.payloadFormatIndicator === 1 }
                : {}),
              ...(props.messageExpiryInterval !== undefined
                ? { messageExpiryInterval: props.messageExpiryInterval }
                : {}),
              ...(props.topicAlias !== undefined ? { topicAlias: props.topicAlias } : {}),
              ...(props.responseTopic !== undefined ? { responseTopic: props.responseTopic } : {}),
              ...(props.correlationData !== undefined
                ? { correlationData: Buffer.from(props.correlationData) }
                : {}),
              ...(props.contentType !== undefined ? { contentType: props.contentType } : {}),
              ...(props.userProperties?.length ? { userProperties: user } : {}),
            },
          }
        : {}),
    };
  }

  const plain = (p: MqttPacket) => {
    const q = p as MqttPacket & { type: 'PUBLISH' };
    const { subscriptionIdentifiers: _, ...rest } = q.properties ?? {};
    // mqtt-packet groups user properties by name; compare them grouped too.
    const user = rest.userProperties?.length
      ? [...rest.userProperties].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      : undefined;
    return { ...q, properties: q.properties && { ...rest, userProperties: user } };
  };

  for (const v of [4, 5] as const) {
    it(`decodes what mqtt-packet generates, and mqtt-packet parses what we encode (${v === 5 ? '5.0' : '3.1.1'})`, () => {
      fc.assert(
        fc.property(publish(v), (p0) => {
          const p = p0 as MqttPacket & { type: 'PUBLISH' };
          if (p.properties) delete p.properties.subscriptionIdentifiers; // mqtt-packet writes one at most
          const generated = mqtt.generate(theirs(p, v), { protocolVersion: v });
          const [ours] = readAll([generated], { protocolVersion: v });
          expect(plain(ours as MqttPacket)).toEqual(plain(p));
          const parser = mqtt.parser({ protocolVersion: v });
          const parsed: mqtt.Packet[] = [];
          parser.on('packet', (x) => parsed.push(x));
          parser.on('error', (e) => {
            throw e;
          });
          parser.parse(Buffer.from(encodePacket(p, v)));
          expect(parsed).toHaveLength(1);
          const back = parsed[0] as mqtt.IPublishPacket;
          expect(back.topic).toBe(p.topic);
          expect(new Uint8Array(back.payload as Buffer)).toEqual(p.payload);
          expect(back.qos).toBe(p.qos);
          expect(back.messageId).toBe(p.packetId);
        }),
        { numRuns: 200 },
      );
    });
  }
});

describe('malformed input: typed errors with the code, offset and reason code that apply', () => {
  const ping = hex('c000');

  it('a remaining length with a fifth continuation byte', () => {
    const { packets, error } = failure(concat([ping, hex('30 ff ff ff ff 01')]));
    expect(packets).toEqual([{ type: 'PINGREQ' }]);
    expect([error.code, error.offset, reasonCodeOf(error)]).toEqual(['MALFORMED_PACKET', 3, 0x81]);
    expect(error.message).toMatch(/fifth byte/);
  });

  it('a Variable Byte Integer longer than needed, as a remaining length and as a property length', () => {
    const a = failure(concat([ping, hex('c0 80 00')]));
    expect([a.packets.length, a.error.code, a.error.offset, reasonCodeOf(a.error)]).toEqual([
      1,
      'MALFORMED_PACKET',
      3,
      0x81,
    ]);
    // PUBLISH "t", properties length 0 as 80 00
    const b = failure(hex('30 06 0001 74 80 00 41'));
    expect([b.error.code, b.error.offset]).toEqual(['MALFORMED_PACKET', 5]);
  });

  it('a property given twice that must not be; user properties may repeat', () => {
    // PUBLISH "t", properties: topicAlias 1, topicAlias 2
    const { error } = failure(hex('30 0b 0001 74 06 2300 01 2300 02 41'));
    expect([error.code, error.offset, reasonCodeOf(error)]).toEqual(['PROTOCOL_ERROR', 9, 0x82]);
    expect(error.message).toMatch(/topicAlias given twice/);
    const ok = readAll([hex('30 10 0001 74 0c 26 0001 61 0001 62 26 0000 0000')]);
    expect(ok[0]).toMatchObject({
      properties: {
        userProperties: [
          ['a', 'b'],
          ['', ''],
        ],
      },
    });
  });

  it('a property the packet does not admit, or a value the spec rules out', () => {
    const a = failure(hex('30 06 0001 74 02 2401')); // maximumQos in a PUBLISH
    expect([a.error.code, a.error.offset]).toEqual(['MALFORMED_PACKET', 6]);
    const b = failure(hex('30 07 0001 74 03 230000')); // topicAlias 0
    expect([b.error.code, b.error.offset, reasonCodeOf(b.error)]).toEqual(['PROTOCOL_ERROR', 7, 0x82]);
  });

  it('QoS 3, QoS 0 with DUP, and reserved flags of SUBSCRIBE other than 0010', () => {
    for (const [bytes, message] of [
      ['36 03 0001 74', /QoS 3/],
      ['38 03 0001 74', /QoS 0 with DUP|flags 1000/],
      ['80 06 0001 0001 74 00', /packet type 8 with flags 0000/],
      ['00 00', /packet type 0/],
    ] as const) {
      const { packets, error } = failure(concat([ping, hex(bytes)]));
      expect(packets).toHaveLength(1);
      expect([error.code, error.offset, reasonCodeOf(error)]).toEqual(['MALFORMED_PACKET', 2, 0x81]);
      expect(error.message).toMatch(message);
    }
  });

  it('AUTH is reserved in 3.1.1', () => {
    const { error } = failure(hex('f0 00'), { protocolVersion: 4 });
    expect([error.code, error.offset]).toEqual(['MALFORMED_PACKET', 0]);
  });

  it('a packet longer than the maximum is refused at its length, before its body is held', () => {
    for (const piece of [1, 1460, 1 << 20]) {
      const big = encodePacket(
        { type: 'PUBLISH', dup: false, qos: 0, retain: false, topic: 't', payload: new Uint8Array(2000) },
        4,
      );
      const { packets, error, reader } = failure(
        concat([ping, big]),
        { protocolVersion: 4, maxPacketSize: 1000 },
        piece,
      );
      expect(packets).toHaveLength(1);
      expect([error.code, error.offset, reasonCodeOf(error)]).toEqual(['PACKET_TOO_LARGE', 3, 0x95]);
      expect(reader.buffered).toBeLessThan(piece === 1 ? 8 : 2100);
    }
    // The default maximum is 1 MiB: a claim of 200 MB fails at once.
    const { error } = failure(hex('30 80 80 80 60'));
    expect(error.code).toBe('PACKET_TOO_LARGE');
  });

  it('strings: malformed UTF-8, U+0000, a wildcard in a topic name', () => {
    const a = failure(hex('30 04 0002 c328'), { protocolVersion: 4 });
    expect([a.error.code, reasonCodeOf(a.error)]).toEqual(['MALFORMED_PACKET', 0x81]);
    const b = failure(hex('30 04 0002 6100'), { protocolVersion: 4 });
    expect([b.error.code, b.error.offset]).toEqual(['MALFORMED_PACKET', 2]);
    const c = failure(hex('30 05 0003 612f23'), { protocolVersion: 4 });
    expect([c.error.code, reasonCodeOf(c.error)]).toEqual(['TOPIC_NAME_INVALID', 0x90]);
  });

  it('CONNECT: an unknown protocol level or name, a reserved flag, a will QoS without a will', () => {
    const connect = (name: string, level: string, flags: string) =>
      hex(
        `10 ${(10 + name.length / 2 - 4).toString(16).padStart(2, '0')} 0004 ${name} ${level} ${flags} 003c 0000`,
      );
    const a = failure(connect('4d515454', '06', '02'));
    expect([a.error.code, a.error.offset, reasonCodeOf(a.error)]).toEqual([
      'UNSUPPORTED_PROTOCOL_VERSION',
      8,
      0x84,
    ]);
    const b = failure(connect('4d515455', '04', '02'));
    expect(b.error.code).toBe('UNSUPPORTED_PROTOCOL_VERSION');
    const c = failure(connect('4d515454', '04', '03'));
    expect([c.error.code, c.error.offset]).toEqual(['MALFORMED_PACKET', 9]);
    const d = failure(connect('4d515454', '04', '0a'));
    expect(d.error.code).toBe('MALFORMED_PACKET');
    // A password without a user name: 3.1.1 refuses it, 5.0 allows it.
    const e = failure(hex('10 0f 0004 4d515454 04 42 003c 0000 0001 70'));
    expect([e.error.code, e.error.offset]).toEqual(['MALFORMED_PACKET', 9]);
    const [five] = readAll([hex('10 10 0004 4d515454 05 42 003c 00 0000 0001 70')], { from: 'client' });
    expect(five).toMatchObject({ type: 'CONNECT', username: undefined, password: new Uint8Array([0x70]) });
  });

  it('a field past the remaining length, bytes past the fields, and packet identifier 0', () => {
    const a = failure(hex('40 01 00 00'), { protocolVersion: 4 });
    expect([a.error.code, a.error.offset]).toEqual(['MALFORMED_PACKET', 2]);
    const b = failure(hex('c0 01 00'));
    expect([b.error.code, b.error.offset]).toEqual(['MALFORMED_PACKET', 2]);
    const c = failure(hex('40 02 0000'), { protocolVersion: 4 });
    expect([c.error.code, c.error.offset, reasonCodeOf(c.error)]).toEqual(['PROTOCOL_ERROR', 2, 0x82]);
    const d = failure(hex('82 02 0001'), { protocolVersion: 4 }); // SUBSCRIBE with no filter
    expect(d.error.code).toBe('PROTOCOL_ERROR');
  });

  it('a stream that ends inside a packet', () => {
    const { packets, error } = failure(concat([ping, hex('30 05 0001')]));
    expect(packets).toHaveLength(1);
    // INCOMPLETE at the end of the input, where the packet's next bytes were due.
    expect([error.code, error.offset, reasonCodeOf(error)]).toEqual(['INCOMPLETE', 6, 0x81]);
  });

  it('random bytes give packets or typed errors, never anything else, in any chunking', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 64 }),
        fc.integer({ min: 1, max: 8 }),
        fc.constantFrom(4, 5),
        (bytes, n, v) => {
          const run = (pieces: Uint8Array[]) => {
            try {
              return { packets: readAll(pieces, { protocolVersion: v as 4 | 5 }) };
            } catch (e) {
              expect(e).toBeInstanceOf(DecodeError);
              const d = e as DecodeError<string>;
              return { code: d.code, offset: d.offset };
            }
          };
          expect(run(cut(bytes, [n]))).toEqual(run([bytes]));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a 1 MB packet a byte at a time takes linear time', () => {
    const big = encodePacket(
      { type: 'PUBLISH', dup: false, qos: 0, retain: false, topic: 't', payload: new Uint8Array(1 << 20) },
      4,
    );
    const t = Date.now();
    const [p] = readAll(cut(big, [1]), { protocolVersion: 4, maxPacketSize: 2 << 20 });
    expect((p as { payload: Uint8Array }).payload.length).toBe(1 << 20);
    expect(Date.now() - t).toBeLessThan(20_000);
  });
});

describe('encoding refuses what is not a packet of the version', () => {
  const pub = {
    type: 'PUBLISH',
    dup: false,
    qos: 0,
    retain: false,
    topic: 't',
    payload: new Uint8Array(0),
  } as const;
  const cases: [string, unknown, Version, RegExp][] = [
    ['QoS 3', { ...pub, qos: 3 }, 5, /QoS/],
    ['properties in 3.1.1', { ...pub, properties: { topicAlias: 1 } }, 4, /only in MQTT 5/],
    [
      'a property the packet does not admit',
      { ...pub, properties: { maximumQos: 1 } },
      5,
      /no property maximumQos/,
    ],
    ['a wildcard in a topic name', { ...pub, topic: 'a/#' }, 5, /wildcard/],
    ['a string for a payload', { ...pub, payload: 'x' }, 5, /./],
    ['AUTH in 3.1.1', { type: 'AUTH' }, 4, /./],
    [
      'properties in a 3.1.1 CONNECT',
      {
        type: 'CONNECT',
        protocolName: 'MQTT',
        protocolVersion: 4,
        cleanStart: true,
        keepAlive: 60,
        clientId: 'x',
        properties: { sessionExpiryInterval: 9 },
      },
      4,
      /only in MQTT 5/,
    ],
    [
      "properties in a 3.1.1 CONNECT's will",
      {
        type: 'CONNECT',
        protocolName: 'MQTT',
        protocolVersion: 4,
        cleanStart: true,
        keepAlive: 60,
        clientId: 'x',
        will: {
          topic: 't',
          payload: new Uint8Array(0),
          qos: 0,
          retain: false,
          properties: { willDelayInterval: 1 },
        },
      },
      4,
      /will\.properties: properties exist only in MQTT 5/,
    ],
    ['an unknown type', { type: 'HELLO' }, 5, /no MQTT packet type/],
    ['a QoS 1 PUBLISH without a packet identifier', { ...pub, qos: 1 }, 5, /./],
    ['null', null, 5, /object/],
  ];
  for (const [name, value, v, message] of cases) {
    it(name, () => {
      expect(() => encodePacket(value as MqttPacket, v)).toThrow(EncodeError);
      expect(() => encodePacket(value as MqttPacket, v)).toThrow(message);
    });
  }
});
