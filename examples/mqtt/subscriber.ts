/**
 * Subscribes to every device's readings with `@stride/mqtt/client` and prints each one, decoded
 * with the schema in schema.ts (the one the publisher encodes with). A payload that is no reading
 * is reported with the codec's error (its code, byte offset and field) and skipped.
 *
 *   npx tsx --conditions=@stride/source examples/mqtt/subscriber.ts [--host H] [--port P]
 *     [--count N] [--qos 0|1|2] [--protocol-version 4|5]
 *
 * The broker is 127.0.0.1:1883 unless --host and --port (or $MQTT_HOST and $MQTT_PORT) say
 * otherwise. It prints `subscribed …` once the broker has acknowledged the subscription, then a
 * line per message, until Ctrl-C or, with --count, N messages. Exit status: 0, or 1 when the
 * connection fails.
 */
import { parseArgs } from 'node:util';
import { DecodeError } from '@stride/codec';
import type { QoS } from '@stride/mqtt';
import { connect } from '@stride/mqtt/client';
import { decodeReading, describe, topics } from './schema.js';

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: process.env.MQTT_HOST ?? '127.0.0.1' },
    port: { type: 'string', default: process.env.MQTT_PORT ?? '1883' },
    count: { type: 'string' },
    qos: { type: 'string', default: '1' },
    'protocol-version': { type: 'string', default: '5' },
  },
});

const where = `${values.host}:${values.port}`;
try {
  const client = await connect({
    host: values.host,
    port: Number(values.port),
    clientId: `subscriber-${process.pid}`,
    protocolVersion: values['protocol-version'] === '4' ? 4 : 5,
  });
  process.once('SIGINT', () => void client.close());
  let left = values.count === undefined ? Number.POSITIVE_INFINITY : Number(values.count);
  await new Promise<void>((resolve, reject) => {
    client
      .subscribe(topics.allReadings, {
        qos: Number(values.qos) as QoS,
        onSubscribed: (granted) => console.log(`subscribed to ${topics.allReadings} (QoS ${granted})`),
      })
      .subscribe({
        next: (message) => {
          try {
            console.log(`${message.topic}: ${describe(decodeReading(message.payload))}`);
          } catch (e) {
            if (!(e instanceof DecodeError)) throw e;
            console.log(`${message.topic}: not a reading: ${e.code}: ${e.message}`);
          }
          if (--left === 0) void client.close();
        },
        error: reject,
        complete: resolve, // on close()
      });
  });
} catch (e) {
  console.error(`${where}: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
}
