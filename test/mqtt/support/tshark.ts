// tshark's MQTT dissection of the fixture capture (fixtures/dissection.json, tshark 4.0), as the
// packets of each TCP stream and direction in stream order, each with its offset and size in that
// direction's bytes (fixtures/stream-N-client|server.bin): an oracle for @stride/mqtt's MqttReader,
// packet by packet. Each packet has the shape and field names of @stride/mqtt's MqttPacket (a union
// on `type`, the spec's names: CONNECT … AUTH), so a test compares { offset, packet } directly:
//   readDissection(): TsharkStream[]   one per TCP stream: { stream, protocolVersion, client, server }
//   TsharkMessage                      { offset, size, packet: TsharkPacket }
//   streamBytes(stream, direction)     the raw bytes the offsets point into
// How tshark's fields become MqttPacket's:
// - Strings are tshark's (UTF-8 as it decodes them); a topic whose length is 0 is '' (tshark 4.0
//   shows a topic alias's topic there, which is not on the wire). Binary fields are bytes: PUBLISH
//   and will payloads from tshark's hex, and the password, correlationData and authenticationData
//   (which tshark shows as lossy UTF-8 strings) from their raw bytes (-x).
// - `properties` is there whenever tshark shows a Properties tree (MQTT 5 packets that carry a
//   property length), `{}` when it is empty; absent otherwise (3.1.1, and a v5 PUBACK … PUBCOMP,
//   DISCONNECT or AUTH short enough to omit it). Every value is a number, string or bytes as on the
//   wire (Byte properties such as retainAvailable are 0/1 numbers); userProperties are [name, value]
//   pairs and subscriptionIdentifiers a list, in order. The order within a Properties tree is
//   the order of the fields' positions (the JSON groups repeated fields, --no-duplicate-keys).
// - `reasonCode` is 3.1.1's CONNACK return code too; PUBACK … PUBCOMP, DISCONNECT and AUTH have one
//   when the packet does; SUBACK's `reasonCodes` are 3.1.1's granted QoS bytes or 5's reason codes;
//   UNSUBACK has `reasonCodes` in MQTT 5 only.
// tshark decodes a packet with its connection's version, taken from the CONNECT it saw first (a
// server's packets too); a MqttReader of a server's bytes must be given it (`protocolVersion`,
// which TsharkStream has). A TCP segment tshark had to reassemble is refused
// (positions would be in the reassembled buffer; the capture has none), and so is a field of the
// mqtt layer this file does not know, and a property tshark could not parse.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  asString,
  hex,
  int,
  list,
  type Raw,
  raw,
  rawList,
  segments,
  type Tree,
  text,
  toInt,
} from '../../support/tshark-json.js';

/** The spec's packet type names, indexed by the type number (the first byte's high nibble); 0 is reserved. */
export const PACKET_TYPES = [
  'reserved',
  'CONNECT',
  'CONNACK',
  'PUBLISH',
  'PUBACK',
  'PUBREC',
  'PUBREL',
  'PUBCOMP',
  'SUBSCRIBE',
  'SUBACK',
  'UNSUBSCRIBE',
  'UNSUBACK',
  'PINGREQ',
  'PINGRESP',
  'DISCONNECT',
  'AUTH',
] as const;

export type PacketType = Exclude<(typeof PACKET_TYPES)[number], 'reserved'>;
export type QoS = 0 | 1 | 2;

/** MQTT 5 properties, named as @stride/mqtt names them (camelCase of the spec's names). */
export interface Properties {
  payloadFormatIndicator?: number;
  messageExpiryInterval?: number;
  contentType?: string;
  responseTopic?: string;
  correlationData?: Uint8Array;
  subscriptionIdentifiers?: number[];
  sessionExpiryInterval?: number;
  assignedClientIdentifier?: string;
  serverKeepAlive?: number;
  authenticationMethod?: string;
  authenticationData?: Uint8Array;
  requestProblemInformation?: number;
  willDelayInterval?: number;
  requestResponseInformation?: number;
  responseInformation?: string;
  serverReference?: string;
  reasonString?: string;
  receiveMaximum?: number;
  topicAliasMaximum?: number;
  topicAlias?: number;
  maximumQos?: number;
  retainAvailable?: number;
  userProperties?: [name: string, value: string][];
  maximumPacketSize?: number;
  wildcardSubscriptionAvailable?: number;
  subscriptionIdentifiersAvailable?: number;
  sharedSubscriptionAvailable?: number;
}

export interface Subscription {
  topicFilter: string;
  qos: QoS;
  /** MQTT 5's subscription options; absent in 3.1.1. */
  noLocal?: boolean;
  retainAsPublished?: boolean;
  retainHandling?: 0 | 1 | 2;
}

/** A packet as tshark shows it, in @stride/mqtt's MqttPacket shape. */
export type TsharkPacket =
  | {
      type: 'CONNECT';
      protocolName: string;
      protocolVersion: number;
      cleanStart: boolean;
      keepAlive: number;
      properties?: Properties;
      clientId: string;
      will?: { topic: string; payload: Uint8Array; qos: QoS; retain: boolean; properties?: Properties };
      username?: string;
      password?: Uint8Array;
    }
  | { type: 'CONNACK'; sessionPresent: boolean; reasonCode: number; properties?: Properties }
  | {
      type: 'PUBLISH';
      dup: boolean;
      qos: QoS;
      retain: boolean;
      topic: string;
      packetId?: number;
      properties?: Properties;
      payload: Uint8Array;
    }
  | {
      type: 'PUBACK' | 'PUBREC' | 'PUBREL' | 'PUBCOMP';
      packetId: number;
      reasonCode?: number;
      properties?: Properties;
    }
  | { type: 'SUBSCRIBE'; packetId: number; properties?: Properties; subscriptions: Subscription[] }
  | { type: 'SUBACK'; packetId: number; properties?: Properties; reasonCodes: number[] }
  | { type: 'UNSUBSCRIBE'; packetId: number; properties?: Properties; topicFilters: string[] }
  | { type: 'UNSUBACK'; packetId: number; properties?: Properties; reasonCodes?: number[] }
  | { type: 'PINGREQ' }
  | { type: 'PINGRESP' }
  | { type: 'DISCONNECT' | 'AUTH'; reasonCode?: number; properties?: Properties };

export interface TsharkMessage {
  /** Where the packet starts (its fixed header's first byte) in its direction's stream. */
  offset: number;
  /** Its bytes in the stream, fixed header included. */
  size: number;
  packet: TsharkPacket;
}

export type Direction = 'client' | 'server';

export interface TsharkStream {
  stream: number;
  /** The protocol level of the stream's CONNECT (3, 4 = 3.1.1, 5); undefined without one. */
  protocolVersion: number | undefined;
  /** What the client sent, in stream order. */
  client: TsharkMessage[];
  /** What the broker sent. */
  server: TsharkMessage[];
}

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
/** The broker's port in the capture (Mosquitto on 18830, not MQTT's 1883). */
export const SERVER_PORT = '18830';

/** The raw payload of one direction of a captured TCP stream (fixtures/stream-N-client|server.bin). */
export function streamBytes(stream: number, direction: Direction): Uint8Array {
  return new Uint8Array(readFileSync(`${FIXTURES}stream-${stream}-${direction}.bin`));
}

/** Every TCP stream of the dissection, in stream order, each direction's packets in stream order. */
export function readDissection(file = `${FIXTURES}dissection.json`): TsharkStream[] {
  return normalizePackets(JSON.parse(readFileSync(file, 'utf8')));
}

/** The same from tshark's JSON already parsed: a list of `{ _source: { layers: { frame, tcp, mqtt_raw, mqtt } } }`. */
export function normalizePackets(json: unknown): TsharkStream[] {
  const streams: TsharkStream[] = [];
  for (const { frame, layers, stream: n, direction, start, end, base } of segments(json, SERVER_PORT)) {
    streams[n] ??= { stream: n, protocolVersion: undefined, client: [], server: [] };
    const stream = streams[n];
    // One mqtt layer per MQTT packet in the segment, with its bytes' place in mqtt_raw.
    const layersOf = list(layers.mqtt) as Tree[];
    const places = rawList(layers.mqtt_raw, 'mqtt_raw');
    if (places.length !== layersOf.length) throw new Error(`${frame}: mqtt and mqtt_raw differ in number`);
    layersOf.forEach((mqtt, i) => {
      const [, position, size] = places[i] as Raw;
      if (position < start || position + size > end)
        throw new Error(`${frame}: an MQTT packet at ${position}+${size} is outside the segment's payload`);
      const packet = normalize(mqtt, `${frame} packet ${i}`);
      if (packet.type === 'CONNECT' && direction === 'client')
        stream.protocolVersion = packet.protocolVersion;
      stream[direction].push({ offset: base + position, size, packet });
    });
  }
  return streams;
}

/** The mqtt layer's fields this reader reads or knowingly passes over (lengths, flag bytes). */
const KNOWN = new Set(
  [
    'hdrflags len msgid topic_len topic msg proto_len protoname ver conflags kalive clientid_len clientid',
    'willtopic_len willtopic willmsg_len willmsg username_len username passwd_len passwd properties',
    'will_properties conack.flags conack.val connack.reason_code sub.qos suback.qos subscription_options',
    'puback.reason_code pubrec.reason_code pubrel.reason_code pubcomp.reason_code suback.reason_code',
    'unsuback.reason_code disconnect.reason_code auth.reason_code conack.flags.reserved',
  ]
    .join(' ')
    .split(' ')
    .map((name) => `mqtt.${name}`),
);

/** One mqtt layer as an MqttPacket. */
function normalize(mqtt: Tree, where: string): TsharkPacket {
  for (const key of Object.keys(mqtt)) {
    if (!KNOWN.has(key.replace(/_(raw|tree)$/, '')))
      throw new Error(`${where}: tshark field "${key}" is not mapped`);
  }
  const header = mqtt['mqtt.hdrflags_tree'] as Tree;
  const type = PACKET_TYPES[int(header, 'mqtt.msgtype')];
  if (type === undefined || type === 'reserved')
    throw new Error(`${where}: message type ${header['mqtt.msgtype']}`);
  const props = (key = 'mqtt.properties') =>
    key in mqtt ? { properties: properties(mqtt[key] as Tree, `${where} ${key}`) } : {};
  const packetId = () => int(mqtt, 'mqtt.msgid');
  const reasonCode = () => {
    const key = `mqtt.${type.toLowerCase()}.reason_code`;
    return key in mqtt ? { reasonCode: int(mqtt, key) } : {};
  };
  const ints = (key: string) => list(mqtt[key] ?? []).map((v) => toInt(v, key));
  switch (type) {
    case 'CONNECT': {
      const flags = mqtt['mqtt.conflags_tree'] as Tree;
      const packet: TsharkPacket = {
        type,
        protocolName: text(mqtt, 'mqtt.protoname'),
        protocolVersion: int(mqtt, 'mqtt.ver'),
        cleanStart: flag(flags, 'mqtt.conflag.cleansess'),
        keepAlive: int(mqtt, 'mqtt.kalive'),
        ...props(),
        clientId: int(mqtt, 'mqtt.clientid_len') === 0 ? '' : text(mqtt, 'mqtt.clientid'),
      };
      if (flag(flags, 'mqtt.conflag.willflag')) {
        packet.will = {
          topic: int(mqtt, 'mqtt.willtopic_len') === 0 ? '' : text(mqtt, 'mqtt.willtopic'),
          payload: hex(text(mqtt, 'mqtt.willmsg')),
          qos: qos(int(flags, 'mqtt.conflag.qos')),
          retain: flag(flags, 'mqtt.conflag.retain'),
          ...props('mqtt.will_properties'),
        };
      }
      if ('mqtt.username_len' in mqtt)
        packet.username = int(mqtt, 'mqtt.username_len') === 0 ? '' : text(mqtt, 'mqtt.username');
      if ('mqtt.passwd_len' in mqtt) packet.password = rawBytes(mqtt, 'mqtt.passwd');
      return packet;
    }
    case 'CONNACK': {
      const flags = mqtt['mqtt.conack.flags_tree'] as Tree | undefined;
      const code = 'mqtt.conack.val' in mqtt ? 'mqtt.conack.val' : 'mqtt.connack.reason_code';
      return {
        type,
        sessionPresent: flags !== undefined && flag(flags, 'mqtt.conack.flags.sp'),
        reasonCode: int(mqtt, code),
        ...props(),
      };
    }
    case 'PUBLISH': {
      const q = qos(int(header, 'mqtt.qos'));
      return {
        type,
        dup: flag(header, 'mqtt.dupflag'),
        qos: q,
        retain: flag(header, 'mqtt.retain'),
        topic: int(mqtt, 'mqtt.topic_len') === 0 ? '' : text(mqtt, 'mqtt.topic'),
        ...(q > 0 ? { packetId: packetId() } : {}),
        ...props(),
        payload: hex(text(mqtt, 'mqtt.msg')),
      };
    }
    case 'PUBACK':
    case 'PUBREC':
    case 'PUBREL':
    case 'PUBCOMP':
      return { type, packetId: packetId(), ...reasonCode(), ...props() };
    case 'SUBSCRIBE': {
      const filters = topics(mqtt, where);
      const v5 = list(mqtt['mqtt.subscription_options_tree'] ?? []) as Tree[];
      const v311 = ints('mqtt.sub.qos');
      if (v5.length + v311.length !== filters.length)
        throw new Error(`${where}: ${filters.length} topic filters, ${v5.length + v311.length} options`);
      const subscriptions = filters.map((topicFilter, i): Subscription => {
        const options = v5[i];
        if (!options) return { topicFilter, qos: qos(v311[i] as number) };
        const retainHandling = int(options, 'mqtt.subscription_options_retain');
        if (retainHandling > 2) throw new Error(`${where}: retain handling ${retainHandling}`);
        return {
          topicFilter,
          qos: qos(int(options, 'mqtt.subscription_options_qos')),
          noLocal: flag(options, 'mqtt.subscription_options_nl'),
          retainAsPublished: flag(options, 'mqtt.subscription_options_rap'),
          retainHandling: retainHandling as 0 | 1 | 2,
        };
      });
      return { type, packetId: packetId(), ...props(), subscriptions };
    }
    case 'SUBACK':
      return {
        type,
        packetId: packetId(),
        ...props(),
        reasonCodes: [...ints('mqtt.suback.qos'), ...ints('mqtt.suback.reason_code')],
      };
    case 'UNSUBSCRIBE':
      return { type, packetId: packetId(), ...props(), topicFilters: topics(mqtt, where) };
    case 'UNSUBACK': {
      const v5 = 'mqtt.properties' in mqtt ? { reasonCodes: ints('mqtt.unsuback.reason_code') } : {};
      return { type, packetId: packetId(), ...props(), ...v5 };
    }
    case 'PINGREQ':
    case 'PINGRESP':
      return { type };
    case 'DISCONNECT':
    case 'AUTH':
      return { type, ...reasonCode(), ...props() };
  }
}

/** SUBSCRIBE's and UNSUBSCRIBE's topic filters; tshark shows no topic for an empty one, which is refused. */
function topics(mqtt: Tree, where: string): string[] {
  const lengths = list(mqtt['mqtt.topic_len'] ?? []);
  const names = list(mqtt['mqtt.topic'] ?? []).map(asString);
  if (names.length !== lengths.length) throw new Error(`${where}: an empty topic filter`);
  return names;
}

type PropertyKind = 'number' | 'string' | 'binary' | 'pair' | 'list';

/** Each property by its identifier: its name and what its value is. */
const PROPERTIES: Record<number, [keyof Properties, PropertyKind]> = {
  1: ['payloadFormatIndicator', 'number'],
  2: ['messageExpiryInterval', 'number'],
  3: ['contentType', 'string'],
  8: ['responseTopic', 'string'],
  9: ['correlationData', 'binary'],
  11: ['subscriptionIdentifiers', 'list'],
  17: ['sessionExpiryInterval', 'number'],
  18: ['assignedClientIdentifier', 'string'],
  19: ['serverKeepAlive', 'number'],
  21: ['authenticationMethod', 'string'],
  22: ['authenticationData', 'binary'],
  23: ['requestProblemInformation', 'number'],
  24: ['willDelayInterval', 'number'],
  25: ['requestResponseInformation', 'number'],
  26: ['responseInformation', 'string'],
  28: ['serverReference', 'string'],
  31: ['reasonString', 'string'],
  33: ['receiveMaximum', 'number'],
  34: ['topicAliasMaximum', 'number'],
  35: ['topicAlias', 'number'],
  36: ['maximumQos', 'number'],
  37: ['retainAvailable', 'number'],
  38: ['userProperties', 'pair'],
  39: ['maximumPacketSize', 'number'],
  40: ['wildcardSubscriptionAvailable', 'number'],
  41: ['subscriptionIdentifiersAvailable', 'number'],
  42: ['sharedSubscriptionAvailable', 'number'],
};

/** The fields of a Properties tree (and their lengths, raws and trees, which hold string warnings). */
const PROPERTY_FIELDS = new Set(
  ['property_len', 'property_id', 'prop_number', 'prop_string', 'prop_key', 'prop_value']
    .map((name) => `mqtt.${name}`)
    .concat(['content_type', 'max_qos', 'topic_alias'].map((name) => `mqtt.property.${name}`)),
);

/** A field of a Properties tree, placed: an identifier, or a value (a user property's name and value are two). */
interface Item {
  position: number;
  kind: 'id' | 'number' | 'string';
  value: string;
  /** A string's bytes on the wire. */
  bytes: Uint8Array;
}

/**
 * A Properties tree as Properties. tshark shows an identifier, then its value in a field of the
 * value's type (prop_number, or content_type, max_qos and topic_alias of their own; prop_string;
 * prop_key then prop_value, each after its length); the JSON groups each field's occurrences, so the
 * tree is put back in order by position. A string's position is its length field's, which tshark
 * always places (a zero-length value's own may be missing).
 */
function properties(tree: Tree, where: string): Properties {
  const items: Item[] = [];
  const none = new Uint8Array(0);
  const numbers = (key: string, kind: 'id' | 'number') => {
    const values = list(tree[key] ?? []);
    const raws = key in tree ? rawList(tree[`${key}_raw`], key) : [];
    values.forEach((value, i) => {
      items.push({ position: (raws[i] as Raw)[1], kind, value: asString(value), bytes: none });
    });
  };
  const strings = (key: string) => {
    const lengths = rawList(tree[`${key}_len_raw`] ?? [], `${key}_len`);
    const values = list(tree[key] ?? []).map(asString);
    // Only the non-empty values' bytes, in order (whether an empty one has a _raw varies).
    const raws = (key in tree && `${key}_raw` in tree ? rawList(tree[`${key}_raw`], key) : []).filter(
      (r) => r[2],
    );
    if (values.length !== lengths.length)
      throw new Error(`${where}: ${key} and its lengths differ in number`);
    let next = 0;
    lengths.forEach(([lengthHex, position], i) => {
      const bytes = Number.parseInt(lengthHex, 16) === 0 ? none : hex(raws[next++]?.[0] ?? '');
      items.push({ position, kind: 'string', value: values[i] as string, bytes });
    });
  };
  for (const key of Object.keys(tree)) {
    const field = key.replace(/_(raw|tree)$/, '');
    if (!PROPERTY_FIELDS.has(field) && !PROPERTY_FIELDS.has(field.replace(/_len$/, '')))
      throw new Error(`${where}: tshark field "${key}" is not mapped`);
  }
  numbers('mqtt.property_id', 'id');
  for (const key of ['mqtt.prop_number', 'mqtt.property.max_qos', 'mqtt.property.topic_alias'])
    numbers(key, 'number');
  for (const key of ['mqtt.prop_string', 'mqtt.prop_key', 'mqtt.prop_value']) strings(key);
  // content_type is a length-prefixed string in one field.
  if ('mqtt.property.content_type' in tree) {
    const [, position] = raw(tree['mqtt.property.content_type_raw'], 'mqtt.property.content_type');
    const value = asString(tree['mqtt.property.content_type']);
    items.push({ position, kind: 'string', value, bytes: none });
  }
  items.sort((a, b) => a.position - b.position);

  const out: Properties = {};
  const record = out as Record<string, unknown>;
  let at = 0;
  const take = (kind: Item['kind'], what: string): Item => {
    const item = items[at++];
    if (item?.kind !== kind)
      throw new Error(`${where}: ${what}: expected a ${kind}, got ${JSON.stringify(item)}`);
    return item;
  };
  while (at < items.length) {
    const idItem = take('id', 'property');
    const id = Number.parseInt(idItem.value, 16);
    const known = PROPERTIES[id];
    if (!known) throw new Error(`${where}: property 0x${id.toString(16)} is not mapped`);
    const [name, kind] = known;
    const earlier = (record[name] ?? []) as unknown[];
    if (kind === 'number') record[name] = toInt(take('number', name).value, name);
    else if (kind === 'list') record[name] = [...earlier, toInt(take('number', name).value, name)];
    else if (kind === 'string') record[name] = take('string', name).value;
    else if (kind === 'binary') record[name] = take('string', name).bytes;
    else record[name] = [...earlier, [take('string', name).value, take('string', name).value]];
  }
  return out;
}

/** A field's bytes from its raw (tshark shows the password as a string); none when its length is 0. */
function rawBytes(tree: Tree, key: string): Uint8Array {
  return int(tree, `${key}_len`) === 0 ? new Uint8Array(0) : hex(raw(tree[`${key}_raw`], key)[0]);
}

/** tshark shows a flag as "1" or "0". */
function flag(tree: Tree, key: string): boolean {
  return int(tree, key) === 1;
}

function qos(n: number): QoS {
  if (n !== 0 && n !== 1 && n !== 2) throw new Error(`QoS ${n}`);
  return n;
}
