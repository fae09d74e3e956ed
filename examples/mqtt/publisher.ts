/**
 * Publishes sensor readings with `@stride/mqtt/client`, each encoded with the schema in schema.ts
 * (the subscriber decodes them with the same one), on `sensors/<device>/reading`.
 *
 *   npx tsx --conditions=@stride/source examples/mqtt/publisher.ts [--host H] [--port P]
 *     [--device NAME] [--count N] [--interval MS] [--qos 0|1|2] [--protocol-version 4|5]
 *
 * The broker is 127.0.0.1:1883 unless --host and --port (or $MQTT_HOST and $MQTT_PORT) say
 * otherwise; 3 readings of device `probe-1`, a second apart, at QoS 1 (each awaits its PUBACK),
 * in MQTT 5.0 by default. Exit status: 0, or 1 when the connection or a publication fails.
 */
import { parseArgs } from 'node:util';
import type { QoS } from '@stride/mqtt';
import { connect } from '@stride/mqtt/client';
import { describe, encodeReading, type Reading, topics } from './schema.js';

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: process.env.MQTT_HOST ?? '127.0.0.1' },
    port: { type: 'string', default: process.env.MQTT_PORT ?? '1883' },
    device: { type: 'string', default: 'probe-1' },
    count: { type: 'string', default: '3' },
    interval: { type: 'string', default: '1000' },
    qos: { type: 'string', default: '1' },
    'protocol-version': { type: 'string', default: '5' },
  },
});

/** The i-th reading: a room warming up by a quarter of a degree each time, heating below 20.5 °C. */
function reading(i: number): Reading {
  const temperature = 19.5 + i * 0.25;
  return {
    version: 1,
    device: values.device,
    at: new Date(),
    temperature,
    flags: { batteryLow: false, heating: temperature < 20.5 },
  };
}

const where = `${values.host}:${values.port}`;
try {
  const client = await connect({
    host: values.host,
    port: Number(values.port),
    clientId: `publisher-${values.device}`,
    protocolVersion: values['protocol-version'] === '4' ? 4 : 5,
  });
  try {
    const topic = topics.reading(values.device);
    for (let i = 0; i < Number(values.count); i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, Number(values.interval)));
      const r = reading(i);
      const payload = encodeReading(r);
      await client.publish(topic, payload, { qos: Number(values.qos) as QoS });
      console.log(`published ${topic} (${payload.length} bytes): ${describe(r)}`);
    }
  } finally {
    await client.close();
  }
} catch (e) {
  console.error(`${where}: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
}
