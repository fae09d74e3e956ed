// The test infrastructure against a real broker, without @stride/mqtt: startMosquitto() gives a
// mosquitto that mosquitto_pub and mosquitto_sub talk to, in MQTT 3.1.1 and 5.0 at every QoS, with
// binary payloads delivered exactly and retained messages kept for later subscribers; it takes
// extra configuration, refuses a bad directive with its own message, logs every packet, and stop()
// leaves no process and no directory behind.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchFiles } from '../cli/helpers.js';
import { type Mosquitto, startMosquitto } from './support/broker.js';
import { type MqttVersion, mosquittoPub, mosquittoSub } from './support/clients.js';

let broker: Mosquitto;
beforeAll(async () => {
  broker = await startMosquitto({ config: ['max_packet_size 1000'] });
});
afterAll(() => broker?.stop());

const files = scratchFiles('stride-mqtt-broker-');
const everyByte = Uint8Array.from({ length: 256 }, (_, i) => i);

describe('startMosquitto, mosquitto_pub and mosquitto_sub', () => {
  it('listens on 127.0.0.1, keeps its configuration and log in its directory', () => {
    expect(broker).toMatchObject({ host: '127.0.0.1' });
    expect(broker.port).not.toBe(1883);
    expect(() => process.kill(broker.pid, 0)).not.toThrow();
    expect(existsSync(join(broker.dir, 'mosquitto.conf'))).toBe(true);
    expect(broker.log()).toMatch(/Opening ipv4 listen socket on port \d+/);
  });

  it.each<MqttVersion>(['mqttv311', 'mqttv5'])(
    '%s: three messages at QoS 0, 1, 2, one with every byte value',
    async (version) => {
      const { port } = broker;
      const clientId = `stride-sub-${version}`;
      const sub = mosquittoSub({ port, version, qos: 2, topic: `${version}/#`, count: 3, clientId });
      await sub.ready;
      expect(broker.log()).toContain(`Received SUBSCRIBE from ${clientId}`);
      await mosquittoPub({ port, version, qos: 0, topic: `${version}/text`, message: 'hello, world' });
      const file = files.file(`${version}.bin`, everyByte);
      await mosquittoPub({ port, version, qos: 1, topic: `${version}/binary file`, file });
      const properties = version === 'mqttv5' ? [['publish', 'user-property', 'k', 'v']] : [];
      await mosquittoPub({
        port,
        version,
        qos: 2,
        topic: `${version}/empty`,
        message: new Uint8Array(),
        properties,
      });
      expect(await sub.messages).toEqual([
        { topic: `${version}/text`, payload: Buffer.from('hello, world'), qos: 0, retain: false },
        { topic: `${version}/binary file`, payload: Buffer.from(everyByte), qos: 1, retain: false },
        { topic: `${version}/empty`, payload: Buffer.alloc(0), qos: 2, retain: false },
      ]);
    },
  );

  it('a retained message reaches a later subscriber; a timeout ends a subscription with what arrived', async () => {
    const { port } = broker;
    const version = 'mqttv5';
    await mosquittoPub({ port, version, qos: 1, topic: 'kept', message: everyByte, retain: true });
    const later = mosquittoSub({ port, version, qos: 1, topic: 'kept', retainedOnly: true, count: 1 });
    expect(await later.messages).toEqual([
      { topic: 'kept', payload: Buffer.from(everyByte), qos: 1, retain: true },
    ]);
    const quiet = mosquittoSub({ port, version, qos: 0, topic: 'nothing', timeoutSec: 1 });
    await quiet.ready;
    expect(await quiet.messages).toEqual([]);
  });

  it('applies extra configuration: a packet over max_packet_size ends the connection', async () => {
    const { port } = broker;
    const file = files.file('big.bin', new Uint8Array(2000));
    await expect(mosquittoPub({ port, version: 'mqttv311', qos: 1, topic: 'big', file })).rejects.toThrow(
      /exited with/,
    );
    expect(broker.log()).toContain('disconnected due to oversize packet');
  });

  it('rejects with the broker’s own message when it refuses its configuration', async () => {
    await expect(startMosquitto({ config: ['no_such_directive x'] })).rejects.toThrow(/no_such_directive/);
  });

  it('a failed client rejects ready and messages with its error', async () => {
    const sub = mosquittoSub({ port: 1, version: 'mqttv5', qos: 0, topic: 't' });
    await expect(sub.ready).rejects.toThrow(/Connection refused/);
    await expect(sub.messages).rejects.toThrow(/Connection refused/);
  });

  it('stop() ends the broker and removes its directory', async () => {
    expect(existsSync(broker.dir)).toBe(true);
    await broker.stop();
    expect(() => process.kill(broker.pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
    expect(existsSync(broker.dir)).toBe(false);
    await broker.stop(); // a second stop is harmless
  });
});
