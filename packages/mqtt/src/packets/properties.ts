/**
 * MQTT 5.0 properties (§2.2.2): a Variable Byte Integer length, then properties, each an
 * identifier and a value of the type the spec gives it. Decoded into one object keyed by the
 * spec's names in camelCase (`messageExpiryInterval`, `topicAlias` …); the two that may repeat are
 * arrays, in wire order: `userProperties` as `[name, value]` pairs and `subscriptionIdentifiers`.
 *
 * Each packet admits its own set (`propertiesOf('PUBLISH')`): an identifier outside it is a
 * malformed packet, any other property given twice a protocol error, as is a value the spec rules
 * out (a `receiveMaximum` of 0, a `maximumQos` of 2 …). Encoding writes them in identifier order,
 * the repeated ones in array order, and refuses a property the packet does not admit.
 */
import {
  type Codec,
  DecodeError,
  defineCodec,
  EncodeError,
  type Infer,
  refine,
  sized,
  u8,
  u16be,
  u32be,
} from '@stride/codec';
import { fault } from '../errors.js';
import { binary, stringPair, utf8, varint } from './primitives.js';

const oneOf01 = refine(u8, (v) => v <= 1, fault('PROTOCOL_ERROR', 'a property value of 0 or 1'));
const nonzero16 = refine(u16be, (v) => v !== 0, fault('PROTOCOL_ERROR', 'a property value other than 0'));
const nonzero32 = refine(
  u32be,
  (v) => v !== 0,
  fault('PROTOCOL_ERROR', 'a maximum packet size other than 0'),
);
const subscriptionId = refine(
  varint,
  (v) => v !== 0,
  fault('PROTOCOL_ERROR', 'a subscription identifier other than 0'),
);

/** Every property: identifier, name, codec, and whether it may appear more than once. */
const PROPERTIES = {
  1: { name: 'payloadFormatIndicator', codec: oneOf01 },
  2: { name: 'messageExpiryInterval', codec: u32be },
  3: { name: 'contentType', codec: utf8 },
  8: { name: 'responseTopic', codec: utf8 },
  9: { name: 'correlationData', codec: binary },
  11: { name: 'subscriptionIdentifiers', codec: subscriptionId, repeats: true },
  17: { name: 'sessionExpiryInterval', codec: u32be },
  18: { name: 'assignedClientIdentifier', codec: utf8 },
  19: { name: 'serverKeepAlive', codec: u16be },
  21: { name: 'authenticationMethod', codec: utf8 },
  22: { name: 'authenticationData', codec: binary },
  23: { name: 'requestProblemInformation', codec: oneOf01 },
  24: { name: 'willDelayInterval', codec: u32be },
  25: { name: 'requestResponseInformation', codec: oneOf01 },
  26: { name: 'responseInformation', codec: utf8 },
  28: { name: 'serverReference', codec: utf8 },
  31: { name: 'reasonString', codec: utf8 },
  33: { name: 'receiveMaximum', codec: nonzero16 },
  34: { name: 'topicAliasMaximum', codec: u16be },
  35: { name: 'topicAlias', codec: nonzero16 },
  36: { name: 'maximumQos', codec: oneOf01 },
  37: { name: 'retainAvailable', codec: oneOf01 },
  38: { name: 'userProperties', codec: stringPair, repeats: true },
  39: { name: 'maximumPacketSize', codec: nonzero32 },
  40: { name: 'wildcardSubscriptionAvailable', codec: oneOf01 },
  41: { name: 'subscriptionIdentifiersAvailable', codec: oneOf01 },
  42: { name: 'sharedSubscriptionAvailable', codec: oneOf01 },
} as const;

type Table = typeof PROPERTIES;
type Entry = Table[keyof Table];

/** The properties of a packet: each by its name, the repeatable ones as arrays. */
export type Properties = {
  -readonly [E in Entry as E['name']]?: E extends { repeats: true } ? Infer<E['codec']>[] : Infer<E['codec']>;
};

/** A property's name. */
export type PropertyName = keyof Properties;

/** What each packet (and a will, in a CONNECT) may carry (the spec's §3.x.2.2 tables). */
const ALLOWED = {
  CONNECT: [0x11, 0x21, 0x22, 0x19, 0x17, 0x26, 0x15, 0x16, 0x27],
  WILL: [0x18, 0x01, 0x02, 0x03, 0x08, 0x09, 0x26],
  CONNACK: [
    0x11, 0x21, 0x24, 0x25, 0x27, 0x12, 0x22, 0x1f, 0x26, 0x28, 0x29, 0x2a, 0x13, 0x1a, 0x1c, 0x15, 0x16,
  ],
  PUBLISH: [0x01, 0x02, 0x23, 0x08, 0x09, 0x26, 0x0b, 0x03],
  PUBACK: [0x1f, 0x26],
  SUBSCRIBE: [0x0b, 0x26],
  SUBACK: [0x1f, 0x26],
  UNSUBSCRIBE: [0x26],
  UNSUBACK: [0x1f, 0x26],
  DISCONNECT: [0x11, 0x1f, 0x26, 0x1c],
  AUTH: [0x15, 0x16, 0x1f, 0x26],
} as const;

/** Which set of properties a packet admits (PUBREC, PUBREL and PUBCOMP share PUBACK's). */
export type PropertySet = keyof typeof ALLOWED;

const ONCE = fault(
  'PROTOCOL_ERROR',
  'each property at most once, but for user properties and subscription identifiers',
);

/** A property as a list reads it: its name, its codec, whether it repeats. */
interface Slot {
  readonly name: string;
  readonly codec: Codec<unknown>;
  readonly repeats: boolean;
}

/**
 * The list of properties within their length: identifier, value, …, read straight into one object
 * (and written from one, in identifier order), the identifier checked against the packet's set and
 * each property's codec reading its value.
 */
function propertyList(set: PropertySet): Codec<Properties> {
  const ids = [...ALLOWED[set]].sort((a, b) => a - b);
  const slots: (Slot | undefined)[] = [];
  for (const id of ids) {
    const entry = PROPERTIES[id as keyof Table];
    slots[id] = { name: entry.name, codec: entry.codec as Codec<unknown>, repeats: 'repeats' in entry };
  }
  const expected = fault(
    'MALFORMED_PACKET',
    `a property of ${set}: ${ids.map((id) => `0x${id.toString(16)}`).join(', ')}`,
  );
  const names = new Set(ids.map((id) => (slots[id] as Slot).name));
  return defineCodec<Properties>({
    read: (st) => {
      const out: Record<string, unknown> = {};
      // The identifiers seen, a bit each (all are below 64: two 32-bit words).
      let lo = 0;
      let hi = 0;
      while (!st.atEnd()) {
        const at = st.pos;
        const id = varint.read(st);
        const slot = slots[id];
        if (slot === undefined) return st.badTag(at, st.pos - at, expected, String(id));
        let value: unknown;
        try {
          value = slot.codec.read(st);
        } catch (e) {
          throw e instanceof DecodeError ? e.within(slot.name) : e;
        }
        if (slot.repeats) {
          const list = out[slot.name] as unknown[] | undefined;
          if (list === undefined) out[slot.name] = [value];
          else list.push(value);
          continue;
        }
        const bit = 1 << (id & 31);
        const seen = id < 32 ? lo : hi;
        if ((seen & bit) !== 0) st.invalid(at, st.pos - at, `${slot.name} given twice`, ONCE);
        if (id < 32) lo |= bit;
        else hi |= bit;
        out[slot.name] = value;
      }
      return out as Properties;
    },
    write: (w, properties) => {
      if (typeof properties !== 'object' || properties === null)
        throw new EncodeError('NOT_AN_OBJECT', `properties are an object, got ${String(properties)}`);
      const record = properties as Record<string, unknown>;
      for (const key in record) {
        if (record[key] !== undefined && !names.has(key))
          throw new EncodeError('NOT_IN_PACKET', `${set} has no property ${key}`).within(key);
      }
      for (const id of ids) {
        const slot = slots[id] as Slot;
        const value = record[slot.name];
        if (value === undefined) continue;
        try {
          if (!slot.repeats) {
            w.u8(id);
            slot.codec.write(w, value);
            continue;
          }
          if (!Array.isArray(value))
            throw new EncodeError('NOT_AN_ARRAY', `${slot.name} is an array, got ${typeof value}`);
          for (const v of value) {
            w.u8(id);
            slot.codec.write(w, v);
          }
        } catch (e) {
          throw e instanceof EncodeError ? e.within(slot.name) : e;
        }
      }
    },
  });
}

function build(set: PropertySet): Codec<Properties> {
  return sized(varint, propertyList(set));
}

const built = new Map<PropertySet, Codec<Properties>>();

/** The properties codec of one packet type (or of a will). */
export function propertiesOf(set: PropertySet): Codec<Properties> {
  let codec = built.get(set);
  if (codec === undefined) {
    codec = build(set);
    built.set(set, codec);
  }
  return codec;
}
