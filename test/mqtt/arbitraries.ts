// fast-check arbitraries of MQTT packets, each in the form MqttReader gives it back for its version
// (5.0: every packet's properties, `{}` when none, and acknowledgements' reason codes; 3.1.1: neither),
// so a round trip compares with toEqual.
import type { MqttPacket, Properties, QoS, Subscription, Version } from '@stride/mqtt';
import fc from 'fast-check';

const text = (maxLength = 12) => fc.string({ unit: 'grapheme', maxLength }).filter((s) => !s.includes('\0'));
const topic = fc
  .array(fc.stringMatching(/^[a-z0-9]{1,6}$/), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join('/'));
const filter = fc.oneof(
  topic,
  topic.map((t) => `${t}/#`),
  topic.map((t) => `+/${t}`),
);
const bytes = (maxLength = 64) => fc.uint8Array({ maxLength });
const qos = fc.constantFrom<QoS>(0, 1, 2);
const id = fc.integer({ min: 1, max: 65_535 });
const u32 = fc.integer({ min: 0, max: 0xffff_ffff });
const userProperties = fc.array(fc.tuple(text(6), text(6)), { minLength: 1, maxLength: 3 });

/** User properties (every packet admits them), a reason string (a reply's), and `extra`. */
function props(extra: Record<string, fc.Arbitrary<unknown>> = {}, reply = true): fc.Arbitrary<Properties> {
  const reason = reply ? { reasonString: text() } : {};
  return fc.record({ ...reason, userProperties, ...extra }, { requiredKeys: [] }) as fc.Arbitrary<Properties>;
}

const publishProps = fc.record(
  {
    payloadFormatIndicator: fc.constantFrom(0, 1),
    messageExpiryInterval: u32,
    topicAlias: id,
    responseTopic: topic,
    correlationData: bytes(16),
    userProperties,
    subscriptionIdentifiers: fc.array(fc.integer({ min: 1, max: 268_435_455 }), {
      minLength: 1,
      maxLength: 2,
    }),
    contentType: text(),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<Properties>;

const willProps = fc.record(
  {
    willDelayInterval: u32,
    payloadFormatIndicator: fc.constantFrom(0, 1),
    contentType: text(),
    userProperties,
  },
  { requiredKeys: [] },
) as fc.Arbitrary<Properties>;

/** `properties` in 5.0, nothing in 3.1.1. */
function withProps<T extends object>(v: Version, base: fc.Arbitrary<T>, p: fc.Arbitrary<Properties>) {
  return v === 5 ? fc.tuple(base, p).map(([b, properties]) => ({ ...b, properties })) : base;
}

function subscription(v: Version): fc.Arbitrary<Subscription> {
  return v === 5
    ? fc.record({
        topicFilter: filter,
        qos,
        noLocal: fc.boolean(),
        retainAsPublished: fc.boolean(),
        retainHandling: qos,
      })
    : fc.record({ topicFilter: filter, qos });
}

export function publish(v: Version): fc.Arbitrary<MqttPacket> {
  return withProps(
    v,
    fc
      .record({ qos, dup: fc.boolean(), retain: fc.boolean(), topic, packetId: id, payload: bytes(300) })
      .map((p) => ({
        type: 'PUBLISH' as const,
        ...p,
        dup: p.qos === 0 ? false : p.dup,
        packetId: p.qos === 0 ? undefined : p.packetId,
      })),
    publishProps,
  ) as fc.Arbitrary<MqttPacket>;
}

export function packet(v: Version): fc.Arbitrary<MqttPacket> {
  const ack = (type: 'PUBACK' | 'PUBREC' | 'PUBREL' | 'PUBCOMP') =>
    v === 5
      ? fc.record({
          type: fc.constant(type),
          packetId: id,
          reasonCode: fc.constantFrom(0, 0x10, 0x80, 0x92),
          properties: props(),
        })
      : fc.record({ type: fc.constant(type), packetId: id });
  const connect = fc
    .record({
      clientId: text(23),
      cleanStart: fc.boolean(),
      keepAlive: fc.integer({ min: 0, max: 65_535 }),
      will: fc.option(
        withProps(v, fc.record({ topic, payload: bytes(), qos, retain: fc.boolean() }), willProps),
        { nil: undefined },
      ),
      username: fc.option(text(), { nil: undefined }),
      password: fc.option(bytes(16), { nil: undefined }),
      properties: props(
        {
          sessionExpiryInterval: u32,
          receiveMaximum: id,
          maximumPacketSize: fc.integer({ min: 1, max: 0xffff_ffff }),
        },
        false,
      ),
    })
    .map(({ properties, ...c }) => ({
      type: 'CONNECT' as const,
      protocolName: 'MQTT',
      protocolVersion: v,
      ...c,
      // 3.1.1 has no password without a user name.
      password: v === 4 && c.username === undefined ? undefined : c.password,
      ...(v === 5 ? { properties } : {}),
    }));
  const arbitraries: fc.Arbitrary<unknown>[] = [
    connect,
    withProps(
      v,
      fc.record({
        type: fc.constant('CONNACK'),
        sessionPresent: fc.boolean(),
        reasonCode: fc.integer({ min: 0, max: 255 }),
      }),
      props({ maximumQos: fc.constantFrom(0, 1), assignedClientIdentifier: text(), serverKeepAlive: id }),
    ),
    publish(v),
    ack('PUBACK'),
    ack('PUBREC'),
    ack('PUBREL'),
    ack('PUBCOMP'),
    withProps(
      v,
      fc.record({
        type: fc.constant('SUBSCRIBE'),
        packetId: id,
        subscriptions: fc.array(subscription(v), { minLength: 1, maxLength: 4 }),
      }),
      v === 5
        ? fc.record(
            {
              subscriptionIdentifiers: fc.array(fc.integer({ min: 1, max: 1000 }), {
                minLength: 1,
                maxLength: 1,
              }),
              userProperties,
            },
            { requiredKeys: [] },
          )
        : props({}, false),
    ),
    withProps(
      v,
      fc.record({
        type: fc.constant('SUBACK'),
        packetId: id,
        reasonCodes: fc.array(fc.constantFrom(0, 1, 2, 0x80), { minLength: 1, maxLength: 4 }),
      }),
      props(),
    ),
    withProps(
      v,
      fc.record({
        type: fc.constant('UNSUBSCRIBE'),
        packetId: id,
        topicFilters: fc.array(filter, { minLength: 1, maxLength: 4 }),
      }),
      fc.record({ userProperties }, { requiredKeys: [] }) as fc.Arbitrary<Properties>,
    ),
    v === 5
      ? fc.record({
          type: fc.constant('UNSUBACK'),
          packetId: id,
          properties: props(),
          reasonCodes: fc.array(fc.constantFrom(0, 0x11), { maxLength: 4 }),
        })
      : fc.record({ type: fc.constant('UNSUBACK'), packetId: id }),
    fc.constant({ type: 'PINGREQ' }),
    fc.constant({ type: 'PINGRESP' }),
    v === 5
      ? fc.record({
          type: fc.constant('DISCONNECT'),
          reasonCode: fc.constantFrom(0, 4, 0x8e),
          properties: props({ sessionExpiryInterval: u32 }),
        })
      : fc.constant({ type: 'DISCONNECT' }),
  ];
  if (v === 5)
    arbitraries.push(
      fc.record({
        type: fc.constant('AUTH'),
        reasonCode: fc.constantFrom(0, 0x18, 0x19),
        properties: props({ authenticationMethod: text(), authenticationData: bytes(16) }),
      }),
    );
  return fc.oneof(...arbitraries) as fc.Arbitrary<MqttPacket>;
}
