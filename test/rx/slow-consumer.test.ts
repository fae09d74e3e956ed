// Proves that a slow consumer reading a TCP socket through a pull front end (parseAsyncIterable,
// createParseStream) keeps memory bounded end to end: the decoder never holds more than
// `maxBuffered`, and a producer writing 64 KiB records as fast as its socket takes them is held
// back by TCP (it waits for 'drain' again and again), so the bytes written but not yet consumed stay
// within what the kernel's socket buffers and the streams' own buffers can hold.
import * as net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { encode, StreamDecoder } from '@stride/codec';
import { createParseStream, parseAsyncIterable } from '@stride/rx';
import { afterEach, describe, expect, it } from 'vitest';
import { pump, Sockets, withTimeout } from './net.js';
import { HEADER_BYTES, Message } from './schema.js';

const RECORD = 64 * 1024;
const MAX_BUFFERED = 256 * 1024;
const RUN_MS = 2_500;
/**
 * Bound on the bytes written by the producer and not yet consumed: the kernel's send and receive
 * buffers plus the streams' own (the producer's writable buffer, the client socket's readable
 * buffer, the Transform's 16 queued records). Measured on loopback (Linux, Node 20, 2 cores, also
 * with both cores busy): at most 4.4–5.4 MiB (4,587,520–5,636,096 bytes) over ~2,000 records, with
 * the producer waiting for 'drain' 80–95 times. Unthrottled (a reader that only discards), the same
 * socket takes ~3.8 GB in 2 s.
 */
const IN_FLIGHT_BOUND = 16 * 1024 * 1024;

const sockets = new Sockets();
afterEach(() => sockets.closeAll());

interface Producer {
  /** Bytes handed to socket.write(). */
  written: number;
  /** Resolves with the number of 'drain' waits once the producer has stopped. */
  done: Promise<number>;
  stop(): void;
}

/** A server whose one connection gets 64 KiB records, seq 0, 1, 2 …, as fast as it takes them. */
async function producerServer(): Promise<{ port: number; producer: Promise<Producer> }> {
  const payload = new Uint8Array(RECORD - HEADER_BYTES).fill(0xa5);
  let server!: net.Server;
  const producer = new Promise<Producer>((resolve) => {
    server = net.createServer((socket) => {
      socket.on('error', () => {}); // the consumer leaves by destroying its end
      let stopped = false;
      const stop = () => {
        stopped = true;
      };
      const p: Producer = { written: 0, done: Promise.resolve(0), stop };
      function* records(): Generator<Uint8Array> {
        for (let seq = 0; !stopped; seq++) {
          const record = encode(Message, { seq, kind: 1, payload });
          p.written += record.length;
          yield record;
        }
      }
      p.done = pump(socket, records());
      resolve(p);
    });
  });
  return { port: await sockets.listen(server), producer };
}

/** What the consumer saw, sampled after every record and on every chunk read from the socket. */
class Samples {
  consumed = 0;
  count = 0;
  maxBuffered = 0;
  maxInFlight = 0;
  constructor(private readonly producer: Producer) {}
  take(buffered: number): void {
    this.count++;
    this.maxBuffered = Math.max(this.maxBuffered, buffered);
    this.maxInFlight = Math.max(this.maxInFlight, this.producer.written - this.consumed);
  }
}

/** Takes records at 1 ms each, checking their order, until RUN_MS has passed. */
async function consume(records: AsyncIterable<Message>, samples: Samples, buffered: () => number) {
  const start = Date.now();
  let seq = 0;
  for await (const m of records) {
    if (m.seq !== seq || m.payload.length !== RECORD - HEADER_BYTES) throw new Error(`bad record ${m.seq}`);
    seq++;
    samples.consumed += RECORD;
    await sleep(1);
    samples.take(buffered());
    if (Date.now() - start > RUN_MS) break;
  }
  return seq;
}

async function finish(producer: Producer, samples: Samples, records: number): Promise<void> {
  producer.stop();
  const drains = await withTimeout(producer.done, 10_000, 'the producer to stop');
  expect(records).toBeGreaterThan(100);
  expect(samples.count).toBeGreaterThan(records);
  expect(samples.maxBuffered).toBeGreaterThan(0);
  expect(samples.maxBuffered).toBeLessThanOrEqual(MAX_BUFFERED);
  expect(drains).toBeGreaterThan(20);
  expect(samples.maxInFlight).toBeLessThan(IN_FLIGHT_BOUND);
}

describe('a slow consumer holds back a fast producer through TCP', () => {
  it('parseAsyncIterable', async () => {
    const { port, producer: pending } = await producerServer();
    const socket = await sockets.connect(port);
    const producer = await pending;
    const samples = new Samples(producer);
    const decoder = new StreamDecoder(Message, { limits: { maxBuffered: MAX_BUFFERED } });
    const records = parseAsyncIterable(decoder, chunks());
    async function* chunks() {
      for await (const chunk of socket) {
        samples.take(records.buffered);
        yield chunk as Uint8Array;
      }
    }
    const n = await consume(records, samples, () => records.buffered);
    expect(socket.destroyed).toBe(true); // leaving the loop closed the socket
    await finish(producer, samples, n);
  });

  it('createParseStream', async () => {
    const { port, producer: pending } = await producerServer();
    const socket = await sockets.connect(port);
    const producer = await pending;
    const samples = new Samples(producer);
    const records = socket.pipe(
      createParseStream(new StreamDecoder(Message, { limits: { maxBuffered: MAX_BUFFERED } })),
    );
    socket.on('data', () => samples.take(records.buffered));
    const n = await consume(records, samples, () => records.buffered);
    socket.destroy();
    await finish(producer, samples, n);
  });
});
