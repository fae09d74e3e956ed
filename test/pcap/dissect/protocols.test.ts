// @stride/pcap/protocols' readers and values, alone: MQTT's server reader waits for the client's
// CONNECT to know the version (or guesses it from the CONNACK when none comes), PostgreSQL reads a
// connection picked up midway from its typed messages, and the JSON values follow the decode
// commands (bytes as hex, bigints as decimal strings, RESP values' own `value`).
import type { Connack, MqttPacket } from '@stride/mqtt';
import { encodePacket } from '@stride/mqtt';
import type { TcpConnection } from '@stride/pcap';
import { mqtt, postgresql, redis } from '@stride/pcap/protocols';
import { encodeBackend } from '@stride/pg';
import { describe, expect, it } from 'vitest';

const connect = (protocolVersion: 4 | 5): MqttPacket => ({
  type: 'CONNECT',
  protocolName: 'MQTT',
  protocolVersion,
  cleanStart: true,
  keepAlive: 60,
  clientId: 'c',
  ...(protocolVersion === 5 ? { properties: {} } : {}),
});
const connack = (v: 4 | 5): Connack => ({
  type: 'CONNACK',
  sessionPresent: false,
  reasonCode: 0,
  ...(v === 5 ? { properties: {} } : {}),
});
// A SUBACK reads differently in 3.1.1 (granted QoS list) and 5.0 (properties first).
const suback = (v: 4 | 5): MqttPacket => ({
  type: 'SUBACK',
  packetId: 1,
  reasonCodes: [1],
  ...(v === 5 ? { properties: {} } : {}),
});

function read(reader: ReturnType<typeof mqtt.reader>, bytes: Uint8Array, out: MqttPacket[]): void {
  reader.write(bytes, (p) => out.push(p));
}

describe('MQTT: the server reader and the version', () => {
  for (const v of [4, 5] as const) {
    it(`MQTT ${v === 4 ? '3.1.1' : '5.0'}: server bytes before the CONNECT wait for it, then read in its version`, () => {
      const context = mqtt.context({} as TcpConnection);
      const client = mqtt.reader('c2s', context);
      const server = mqtt.reader('s2c', context);
      const got: MqttPacket[] = [];
      const bytes = Buffer.concat([encodePacket(connack(v), v), encodePacket(suback(v), v)]);
      read(server, bytes, got);
      expect(got).toEqual([]);
      expect(server.buffered).toBe(bytes.length);
      read(client, encodePacket(connect(v), v), []);
      server.finish((p) => got.push(p));
      expect(got).toEqual([connack(v), suback(v)]);
      expect(server.offset).toBe(bytes.length);
    });
  }

  it('without a CONNECT, a CONNACK of remaining length 2 is read as 3.1.1, else as 5.0', () => {
    for (const v of [4, 5] as const) {
      const server = mqtt.reader('s2c', mqtt.context({} as TcpConnection));
      const got: MqttPacket[] = [];
      read(server, Buffer.concat([encodePacket(connack(v), v), encodePacket(suback(v), v)]), got);
      server.finish((p) => got.push(p));
      expect(got).toEqual([connack(v), suback(v)]);
    }
  });

  it("a client's first packet that is no CONNECT lets the server's reader guess at once", () => {
    const context = mqtt.context({} as TcpConnection);
    mqtt.reader('c2s', context).write(encodePacket({ type: 'PINGREQ' }, 4), () => {});
    const got: MqttPacket[] = [];
    read(mqtt.reader('s2c', context), encodePacket(connack(4), 4), got);
    expect(got).toEqual([connack(4)]);
  });
});

describe('PostgreSQL: where a connection is picked up', () => {
  it('from the startup phase with a handshake (an encryption answer first), from the typed messages without', () => {
    const ready = encodeBackend({ type: 'ReadyForQuery', status: 'I' });
    const answered = Buffer.concat([Buffer.from('N'), ready]);
    const types = (handshake: boolean, bytes: Uint8Array) => {
      const out: string[] = [];
      const reader = postgresql.reader('s2c', postgresql.context({ handshake } as TcpConnection));
      try {
        reader.write(bytes, (m) => out.push(postgresql.type(m)));
        reader.finish((m) => out.push(postgresql.type(m)));
      } catch {
        out.push('fault');
      }
      return out;
    };
    expect(types(true, answered)).toEqual(['SSLResponse', 'ReadyForQuery']);
    expect(types(false, Buffer.concat([ready, ready]))).toEqual(['ReadyForQuery', 'ReadyForQuery']);
    // Midway, an `N` is a NoticeResponse's type byte, not an answer.
    expect(types(false, answered)).toEqual(['fault']);
  });
});

describe('JSON values', () => {
  it('MQTT: the packet without its type, bytes as hex', () => {
    const p: MqttPacket = {
      type: 'PUBLISH',
      dup: false,
      qos: 0,
      retain: false,
      topic: 't',
      payload: Uint8Array.of(0xab, 0x01),
    };
    expect(mqtt.type(p)).toBe('PUBLISH');
    expect(mqtt.value(p)).toEqual({ dup: false, qos: 0, retain: false, topic: 't', payload: 'ab01' });
  });

  it("Redis: the value's own value; bigints as decimal strings; verbatim and attribute keep their parts", () => {
    expect(redis.value({ type: 'bulk', value: Uint8Array.of(0x68, 0x69) })).toBe('6869');
    expect(redis.value({ type: 'integer', value: 2n ** 64n })).toBe('18446744073709551616');
    expect(redis.value({ type: 'array', value: [{ type: 'integer', value: 1 }] })).toEqual([
      { type: 'integer', value: 1 },
    ]);
    expect(redis.value({ type: 'null' })).toBeNull();
    expect(redis.value({ type: 'verbatim', format: 'txt', value: 'x' })).toEqual({
      format: 'txt',
      value: 'x',
    });
    expect(redis.value({ type: 'inline', value: [Uint8Array.of(0x50)] })).toEqual(['50']);
  });

  it('PostgreSQL: the message without its type, DataRow columns as hex', () => {
    const reader = postgresql.reader('s2c', postgresql.context({ handshake: false } as TcpConnection));
    const values: unknown[] = [];
    reader.write(encodeBackend({ type: 'DataRow', columns: ['1', null] }), (m) =>
      values.push(postgresql.value(m)),
    );
    expect(values).toEqual([{ columns: ['31', null] }]);
  });
});
