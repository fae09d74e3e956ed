// @stride/mqtt/client with MQTT clients nobody here wrote, through mosquitto: the client publishes
// and mosquitto_sub receives, mosquitto_pub publishes and the client receives, in 3.1.1 and 5.0 at
// each QoS, with every byte value in a payload; retained messages reach later subscribers of both
// kinds; a will is published when the client's connection ends abruptly, and not after close().
import type { Publish, QoS } from '@stride/mqtt';
import { connect, type MqttClient } from '@stride/mqtt/client';
import { firstValueFrom, take, toArray } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Mosquitto, startMosquitto } from './support/broker.js';
import { type MqttVersion, mosquittoPub, mosquittoSub } from './support/clients.js';

let broker: Mosquitto;
beforeAll(async () => {
  broker = await startMosquitto({ config: ['set_tcp_nodelay true'] });
});
afterAll(() => broker?.stop());

const VERSIONS = { mqttv311: 4, mqttv5: 5 } as const;
let clients = 0;
const open = (version: MqttVersion, options: { will?: { topic: string; payload: string; qos: QoS } } = {}) =>
  connect({
    host: broker.host,
    port: broker.port,
    clientId: `stride-interop-${++clients}`,
    protocolVersion: VERSIONS[version],
    ...options,
  });

const everyByte = Uint8Array.from({ length: 256 }, (_, i) => i);
const PAYLOADS = [Buffer.from('hello, world'), Buffer.from(everyByte), Buffer.alloc(0)];

/** Subscribes and waits for the SUBACK; `messages` resolves with the next `count` messages (not awaited here). */
async function subscribed(c: MqttClient, filter: string, count: number) {
  let granted!: () => void;
  const suback = new Promise<void>((resolve) => {
    granted = resolve;
  });
  const messages = firstValueFrom(
    c.subscribe(filter, { qos: 2, onSubscribed: granted }).pipe(take(count), toArray()),
  );
  messages.catch(() => {});
  await Promise.race([suback, messages]);
  return { messages };
}

/** What a message says, as mosquitto_sub's are compared. */
const received = (p: Publish) => ({
  topic: p.topic,
  payload: Buffer.from(p.payload),
  qos: p.qos,
  retain: p.retain,
});

describe.each(Object.keys(VERSIONS) as MqttVersion[])('%s', (version) => {
  it.each([0, 1, 2] as const)(
    'QoS %i: the client publishes to mosquitto_sub, mosquitto_pub to the client',
    async (qos) => {
      const { port } = broker;
      const c = await open(version);
      try {
        const out = `interop/${version}/${qos}/out`;
        const sub = mosquittoSub({ port, version, qos: 2, topic: out, count: PAYLOADS.length });
        await sub.ready;
        for (const payload of PAYLOADS) await c.publish(out, payload, { qos });
        expect(await sub.messages).toEqual(
          PAYLOADS.map((payload) => ({ topic: out, payload, qos, retain: false })),
        );

        const into = `interop/${version}/${qos}/in`;
        const { messages } = await subscribed(c, into, PAYLOADS.length);
        for (const message of PAYLOADS) await mosquittoPub({ port, version, qos, topic: into, message });
        expect((await messages).map(received)).toEqual(
          PAYLOADS.map((payload) => ({ topic: into, payload, qos, retain: false })),
        );
      } finally {
        await c.close();
      }
    },
  );

  it('a retained message reaches later subscribers: mosquitto_sub and the client', async () => {
    const { port } = broker;
    const topic = `retained/${version}`;
    const c = await open(version);
    try {
      await c.publish(topic, everyByte, { qos: 1, retain: true });
      const later = mosquittoSub({ port, version, qos: 1, topic, retainedOnly: true, count: 1 });
      const kept = { topic, payload: Buffer.from(everyByte), qos: 1, retain: true };
      expect(await later.messages).toEqual([kept]);
      const d = await open(version);
      try {
        const { messages } = await subscribed(d, topic, 1);
        expect((await messages).map(received)).toEqual([kept]);
      } finally {
        await d.close();
      }
      // And one from mosquitto_pub reaches the client.
      await mosquittoPub({ port, version, qos: 2, topic, message: 'replaced', retain: true });
      const { messages } = await subscribed(c, `${topic}/#`, 1);
      expect((await messages).map(received)).toEqual([
        { topic, payload: Buffer.from('replaced'), qos: 2, retain: true },
      ]);
      await c.publish(topic, '', { qos: 1, retain: true }); // an empty retained message clears it
    } finally {
      await c.close();
    }
  });

  it('a will is published when the connection ends without DISCONNECT, and not after close()', async () => {
    const { port } = broker;
    const watcher = await open(version);
    try {
      const topic = `will/${version}`;
      const will = (name: string) => ({
        topic: `${topic}/${name}`,
        payload: `${name} is gone`,
        qos: 1 as const,
      });
      const sub = mosquittoSub({ port, version, qos: 1, topic: `${topic}/#`, timeoutSec: 2 });
      await sub.ready;
      const wills = (await subscribed(watcher, `${topic}/#`, 1)).messages;
      const closed = await open(version, { will: will('closed') });
      await closed.close();
      const destroyed = await open(version, { will: will('destroyed') });
      await destroyed.destroy();
      const message = {
        topic: `${topic}/destroyed`,
        payload: Buffer.from('destroyed is gone'),
        qos: 1,
        retain: false,
      };
      expect((await wills).map(received)).toEqual([message]);
      // mosquitto_sub ends at its timeout: the one will, none for the client that closed.
      expect(await sub.messages).toEqual([message]);
    } finally {
      await watcher.close();
    }
  });
});
