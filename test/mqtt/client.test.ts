// @stride/mqtt/client against a real mosquitto 2.0 in MQTT 5.0 and 3.1.1 (every QoS, overlapping
// subscriptions, 10,000 messages through a relay that re-cuts both directions, keep-alive seen on
// the wire) and against a fake broker that answers as a test tells it (refused CONNACK, failed
// acknowledgements, packet identifiers and Receive Maximum, incoming QoS 1 and 2, PINGRESP never
// coming, the connection dropped mid-flow, UNSUBSCRIBE on teardown, close() and destroy()).
// mosquitto_pub and mosquitto_sub against the client are in interop.test.ts.
import * as net from 'node:net';
import { DecodeError } from '@stride/codec';
import {
  type Connack,
  encodePacket,
  type MqttPacket,
  MqttReader,
  type Publish,
  type QoS,
} from '@stride/mqtt';
import {
  type ConnectOptions,
  connect,
  type MqttClient,
  MqttClientError,
  MqttConnectionError,
  type SubscribeOptions,
} from '@stride/mqtt/client';
import { firstValueFrom, lastValueFrom, take, toArray } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay } from '../support/relay.js';
import { type Mosquitto, startMosquitto } from './support/broker.js';

let broker: Mosquitto;
beforeAll(async () => {
  // No Nagle on the broker's side (a PUBREC would wait for the client's delayed ACK), and no limit
  // on the messages queued for a subscriber (10,000 published at once would overflow mosquitto's 1,000).
  broker = await startMosquitto({ config: ['set_tcp_nodelay true', 'max_queued_messages 0'] });
});
afterAll(() => broker?.stop());

let clients = 0;
const open = (options: Partial<ConnectOptions> = {}) =>
  connect({ host: broker.host, port: broker.port, clientId: `stride-client-${++clients}`, ...options });

const utf8 = new TextEncoder();
const text = (p: Publish) => new TextDecoder().decode(p.payload);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a promise rejects with (the test fails if it resolves); call it where the promise is made. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${String(value)}`);
    },
    (e: unknown) => e,
  );
}

/** Runs `body` with a client, destroyed afterwards (a no-op if the body closed it). */
async function using<T>(client: MqttClient | Promise<MqttClient>, body: (c: MqttClient) => Promise<T>) {
  const c = await client;
  try {
    return await body(c);
  } finally {
    await c.destroy();
  }
}

/**
 * Subscribes and waits for the SUBACK; `messages` resolves with the first `count` messages after
 * it (rejects if the subscription errors).
 */
async function subscribed(c: MqttClient, filter: string, count: number, options: SubscribeOptions = {}) {
  let granted!: (qos: QoS) => void;
  const suback = new Promise<QoS>((resolve) => {
    granted = resolve;
  });
  const messages = firstValueFrom(
    c.subscribe(filter, { ...options, onSubscribed: granted }).pipe(take(count), toArray()),
  );
  messages.catch(() => {});
  const qos = await Promise.race([suback, messages.then(() => suback)]);
  return { qos, messages };
}

/** A relay in front of the broker whose hooks read both directions' packets, as they pass. */
async function tappedRelay(maxPiece = 16) {
  const toServer: MqttPacket[] = [];
  const toClient: MqttPacket[] = [];
  const fromClient = new MqttReader({ from: 'client' });
  let fromServer: MqttReader | undefined;
  const relay = await startRelay({
    target: broker,
    seed: 5,
    maxPiece,
    clientToServer: (chunk) => {
      fromClient.write(chunk, (p) => toServer.push(p));
      return chunk;
    },
    serverToClient: (chunk) => {
      // The client's CONNECT, read before the first byte of the server, says the version.
      fromServer ??= new MqttReader({ protocolVersion: fromClient.protocolVersion });
      fromServer.write(chunk, (p) => toClient.push(p));
      return chunk;
    },
  });
  const types = (packets: MqttPacket[]) => packets.map((p) => p.type);
  return { relay, toServer: () => types(toServer), toClient: () => types(toClient) };
}

for (const protocolVersion of [5, 4] as const) {
  describe(`MQTT ${protocolVersion === 5 ? '5.0' : '3.1.1'} with mosquitto`, () => {
    it('connects, publishes at QoS 0, 1 and 2 and receives each at the QoS granted', async () => {
      await using(open({ protocolVersion }), async (c) => {
        expect(c.protocolVersion).toBe(protocolVersion);
        expect(c.connack).toMatchObject({ type: 'CONNACK', reasonCode: 0, sessionPresent: false });
        if (protocolVersion === 5) expect(c.connack.properties).toMatchObject({ receiveMaximum: 20 });
        const topic = `v${protocolVersion}/qos`;
        const { qos, messages } = await subscribed(c, topic, 3, { qos: 2 });
        expect(qos).toBe(2);
        const everyByte = Uint8Array.from({ length: 256 }, (_, i) => i);
        await c.publish(topic, 'zero', { qos: 0 });
        await c.publish(topic, everyByte, { qos: 1 });
        await c.publish(topic, new Uint8Array(), { qos: 2 });
        const got = await messages;
        expect(got.map((p) => [p.topic, p.qos, p.retain, p.payload])).toEqual([
          [topic, 0, false, utf8.encode('zero')],
          [topic, 1, false, everyByte],
          [topic, 2, false, new Uint8Array()],
        ]);
        // Payloads are copies, not views of the socket's chunks.
        expect(
          got.every((p) => p.payload.byteOffset === 0 && p.payload.buffer.byteLength === p.payload.length),
        ).toBe(true);
      });
    });

    it('overlapping filters: each subscription gets a message once; its QoS is the lower of the two', async () => {
      await using(open({ protocolVersion }), async (c) => {
        const p = `v${protocolVersion}/overlap`;
        const plus = await subscribed(c, `${p}/+`, 2, { qos: 1 });
        const hash = await subscribed(c, `${p}/#`, 3, { qos: 0 });
        const exact = await subscribed(c, `${p}/a`, 1, { qos: 2 });
        await c.publish(`${p}/a`, 'one', { qos: 2 });
        await c.publish(`${p}/b`, 'two', { qos: 2 });
        await c.publish(p, 'three', { qos: 2 });
        expect((await plus.messages).map((m) => `${m.topic} ${text(m)}`)).toEqual([
          `${p}/a one`,
          `${p}/b two`,
        ]);
        expect((await hash.messages).map(text)).toEqual(['one', 'two', 'three']);
        expect((await exact.messages).map(text)).toEqual(['one']);
        // 5.0: a copy per subscription (named by its identifier), at its own QoS.
        if (protocolVersion === 5) expect((await hash.messages).map((m) => m.qos)).toEqual([0, 0, 0]);
      });
    });
  });
}

describe('through a relay that re-cuts both directions into pieces of 1 to 64 bytes', () => {
  for (const protocolVersion of [5, 4] as const) {
    it(`MQTT ${protocolVersion === 5 ? '5.0' : '3.1.1'}: 10,000 messages at QoS 1 and 1,000 at QoS 2, each once and in order`, async () => {
      const relay = await startRelay({ target: broker, seed: protocolVersion, maxPiece: 64 });
      try {
        // 3.1.1 has no Receive Maximum: mosquitto's max_inflight_messages (20) is said here instead.
        const maxInflight = protocolVersion === 4 ? 20 : undefined;
        await using(open({ protocolVersion, port: relay.port, maxInflight }), async (c) => {
          for (const [qos, n] of [
            [1, 10_000],
            [2, 1_000],
          ] as const) {
            const topic = `relay/v${protocolVersion}/qos${qos}`;
            // A message's payload: its number, then up to 40 bytes that depend on it.
            const payload = (i: number) =>
              Uint8Array.from({ length: 4 + (i % 41) }, (_, k) =>
                k < 4 ? (i >> (8 * k)) & 255 : (i * 7 + k) & 255,
              );
            // One more than sent: the end marker, after which nothing else may have come.
            const { messages } = await subscribed(c, topic, n + 1, { qos });
            await Promise.all(Array.from({ length: n }, (_, i) => c.publish(topic, payload(i), { qos })));
            await c.publish(topic, 'end', { qos });
            const got = await messages;
            let wrong = '';
            for (let i = 0; i < n && !wrong; i++) {
              const m = got[i] as Publish;
              if (m.qos !== qos || Buffer.compare(m.payload, payload(i)) !== 0)
                wrong = `message ${i}: QoS ${m.qos}, ${Buffer.from(m.payload).toString('hex')}`;
            }
            expect(wrong).toBe('');
            expect(text(got[n] as Publish)).toBe('end');
          }
        });
      } finally {
        await relay.stop();
      }
    }, 30_000);
  }

  it('keepAlive 1: an idle client sends PINGREQ every second, answered; a busy one sends none', async () => {
    const idle = await tappedRelay();
    const busy = await tappedRelay();
    try {
      const [a, b] = await Promise.all([
        open({ keepAlive: 1, port: idle.relay.port }),
        open({ keepAlive: 1, port: busy.relay.port, protocolVersion: 4 }),
      ]);
      for (let i = 0; i < 12; i++) {
        await b.publish('busy', `${i}`, { qos: 0 });
        await sleep(200);
      }
      const pings = idle.toServer().filter((t) => t === 'PINGREQ').length;
      expect(pings).toBeGreaterThanOrEqual(2);
      expect(pings).toBeLessThanOrEqual(3);
      expect(idle.toClient().filter((t) => t === 'PINGRESP')).toHaveLength(pings);
      expect(busy.toServer()).not.toContain('PINGREQ');
      await a.publish('idle', 'still here', { qos: 1 });
      expect(await a.close()).toBeUndefined();
      expect(await b.close()).toBeUndefined();
      expect(idle.toServer().slice(-1)).toEqual(['DISCONNECT']);
    } finally {
      await idle.relay.stop();
      await busy.relay.stop();
    }
  });
});

/** One connection to the fake broker: the client's packets as they come, and a way to answer. */
interface Session {
  /** The client's next packet; rejects once the connection has ended without one. */
  next(): Promise<MqttPacket>;
  send(packet: MqttPacket): void;
  socket: net.Socket;
}

/**
 * A TCP server on 127.0.0.1 that reads each connection's packets with MqttReader and writes with
 * encodePacket, in the version the client's CONNECT says; `serve` plays the broker. Runs `body`
 * with its port, then waits for `serve` (whose assertions count) and stops.
 */
async function withFakeBroker(serve: (s: Session) => Promise<void>, body: (port: number) => Promise<void>) {
  const sockets = new Set<net.Socket>();
  const served: Promise<void>[] = [];
  // A failed assertion in `serve` ends the test at once (the client may be waiting for its answer).
  let serveFailed!: (e: unknown) => void;
  const failure = new Promise<never>((_, reject) => {
    serveFailed = reject;
  });
  failure.catch(() => {});
  const listener = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    const reader = new MqttReader({ from: 'client' });
    const packets: (MqttPacket | undefined)[] = [];
    let taken = 0; // packets[taken] is the next (no shift(): 65,535 of them in one test)
    const waiting: { resolve(p: MqttPacket): void; reject(e: Error): void }[] = [];
    let ended = false;
    socket.on('data', (chunk: Buffer) =>
      reader.write(chunk, (p) => {
        const w = waiting.shift();
        if (w) w.resolve(p);
        else packets.push(p);
      }),
    );
    socket.once('close', () => {
      ended = true;
      for (const w of waiting.splice(0)) w.reject(new Error('the client closed the connection'));
    });
    const result = serve({
      next: () => {
        const p = packets[taken];
        if (p) {
          packets[taken++] = undefined;
          return Promise.resolve(p);
        }
        if (ended) return Promise.reject(new Error('the client closed the connection'));
        return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
      },
      send: (p) => socket.write(encodePacket(p, reader.protocolVersion)),
      socket,
    });
    result.catch(serveFailed);
    served.push(result);
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  try {
    await Promise.race([body((listener.address() as net.AddressInfo).port), failure]);
    await Promise.all(served);
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => listener.close(() => resolve()));
  }
}

const local = (port: number, options: Partial<ConnectOptions> = {}) =>
  connect({ host: '127.0.0.1', port, clientId: 'fake', ...options });

/** Reads the CONNECT and accepts it. */
async function accept(s: Session, properties?: Connack['properties']) {
  expect(await s.next()).toMatchObject({ type: 'CONNECT' });
  s.send({ type: 'CONNACK', sessionPresent: false, reasonCode: 0, properties });
}

async function expectNext<T extends MqttPacket['type']>(s: Session, type: T) {
  const p = await s.next();
  expect(p.type).toBe(type);
  return p as Extract<MqttPacket, { type: T }>;
}

describe('against a fake broker', () => {
  it('rejects connect() with CONNECT_REFUSED and the reason code (5.0) or return code (3.1.1)', async () => {
    for (const [protocolVersion, reasonCode, said] of [
      [5, 0x87, /0x87 \(Not authorized\): go away$/],
      [4, 5, /0x05 \(not authorized\)$/],
    ] as const) {
      await withFakeBroker(
        async (s) => {
          expect(await s.next()).toMatchObject({ type: 'CONNECT', protocolVersion, clientId: 'fake' });
          s.send({
            type: 'CONNACK',
            sessionPresent: false,
            reasonCode,
            properties: protocolVersion === 5 ? { reasonString: 'go away' } : undefined,
          });
        },
        async (port) => {
          const e = await rejection(local(port, { protocolVersion }));
          expect(e).toBeInstanceOf(MqttClientError);
          expect(e).toMatchObject({ code: 'CONNECT_REFUSED', reasonCode, offset: 0 });
          expect((e as Error).message).toMatch(said);
        },
      );
    }
  });

  it('rejects connect() with CONNECTION_CLOSED when nothing listens, CONNECT_TIMEOUT when nothing answers', async () => {
    const free = net.createServer();
    await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
    const { port } = free.address() as net.AddressInfo;
    await new Promise((resolve) => free.close(resolve));
    const refused = await rejection(local(port));
    expect(refused).toBeInstanceOf(MqttConnectionError);
    expect(refused).toMatchObject({ code: 'CONNECTION_CLOSED', offset: 0 });
    expect((refused as Error).cause).toMatchObject({ code: 'ECONNREFUSED' });

    await withFakeBroker(
      async (s) => {
        await expectNext(s, 'CONNECT');
      },
      async (silent) => {
        const started = Date.now();
        const e = await rejection(local(silent, { connectTimeoutMs: 200 }));
        expect(e).toBeInstanceOf(MqttConnectionError);
        expect(e).toMatchObject({ code: 'CONNECT_TIMEOUT' });
        expect(Date.now() - started).toBeGreaterThanOrEqual(190);
      },
    );
  });

  it('sends CONNECT as asked: will, credentials, properties; the server may set the keep-alive', async () => {
    await withFakeBroker(
      async (s) => {
        expect(await s.next()).toEqual({
          type: 'CONNECT',
          protocolName: 'MQTT',
          protocolVersion: 5,
          cleanStart: false,
          keepAlive: 30,
          properties: { sessionExpiryInterval: 60, maximumPacketSize: 4096 },
          clientId: 'me',
          will: {
            topic: 'wills/me',
            payload: utf8.encode('gone'),
            qos: 1,
            retain: true,
            properties: { willDelayInterval: 5 },
          },
          username: 'user',
          password: utf8.encode('secret'),
        });
        s.send({ type: 'CONNACK', sessionPresent: true, reasonCode: 0, properties: { serverKeepAlive: 1 } });
        // The server's keep-alive (1 s), not the client's 30.
        await expectNext(s, 'PINGREQ');
        s.send({ type: 'PINGRESP' });
        await expectNext(s, 'DISCONNECT');
      },
      async (port) => {
        const c = await local(port, {
          clientId: 'me',
          cleanStart: false,
          keepAlive: 30,
          username: 'user',
          password: 'secret',
          maxPacketSize: 4096,
          properties: { sessionExpiryInterval: 60 },
          will: {
            topic: 'wills/me',
            payload: 'gone',
            qos: 1,
            retain: true,
            properties: { willDelayInterval: 5 },
          },
        });
        expect(c.connack.sessionPresent).toBe(true);
        await sleep(1300);
        await c.close();
      },
    );
  });

  it('rejects a publish whose PUBACK, PUBREC or PUBCOMP fails; the connection goes on', async () => {
    await withFakeBroker(
      async (s) => {
        await accept(s);
        const one = await expectNext(s, 'PUBLISH');
        expect(one).toMatchObject({ qos: 1, packetId: 1, topic: 't' });
        s.send({ type: 'PUBACK', packetId: 1, reasonCode: 0x97, properties: { reasonString: 'too many' } });
        expect(await expectNext(s, 'PUBLISH')).toMatchObject({ qos: 2, packetId: 2 });
        s.send({ type: 'PUBREC', packetId: 2, reasonCode: 0x80 });
        expect(await expectNext(s, 'PUBLISH')).toMatchObject({ qos: 2, packetId: 3 });
        s.send({ type: 'PUBREC', packetId: 3 });
        expect(await expectNext(s, 'PUBREL')).toMatchObject({ packetId: 3 });
        s.send({ type: 'PUBCOMP', packetId: 3, reasonCode: 0x92 });
        expect(await expectNext(s, 'PUBLISH')).toMatchObject({ qos: 1, packetId: 4 });
        s.send({ type: 'PUBACK', packetId: 4, reasonCode: 0x10 }); // no matching subscribers: a success
        await expectNext(s, 'DISCONNECT');
      },
      async (port) => {
        const c = await local(port);
        const failed = await rejection(c.publish('t', 'x', { qos: 1 }));
        expect(failed).toBeInstanceOf(MqttClientError);
        expect(failed).toMatchObject({
          code: 'PUBLISH_FAILED',
          reasonCode: 0x97,
          packet: { type: 'PUBACK' },
        });
        expect((failed as Error).message).toMatch(/0x97 \(Quota exceeded\): too many$/);
        expect(await rejection(c.publish('t', 'x', { qos: 2 }))).toMatchObject({
          code: 'PUBLISH_FAILED',
          reasonCode: 0x80,
          packet: { type: 'PUBREC' },
        });
        expect(await rejection(c.publish('t', 'x', { qos: 2 }))).toMatchObject({
          code: 'PUBLISH_FAILED',
          reasonCode: 0x92,
          packet: { type: 'PUBCOMP' },
        });
        await c.publish('t', 'x', { qos: 1 });
        // A packet the version cannot carry: codec's EncodeError, and nothing sent.
        await expect(c.publish('a/#', 'x', { qos: 1 })).rejects.toMatchObject({
          name: 'EncodeError',
          path: 'topic',
        });
        expect(await c.close()).toBeUndefined();
      },
    );
  });

  it("allocates packet identifiers 1 to 65,535, reuses them once done, and keeps to the server's Receive Maximum", async () => {
    await withFakeBroker(
      async (s) => {
        await accept(s);
        const ids = new Set<number>();
        for (let i = 0; i < 65_535; i++) {
          const p = await s.next();
          if (p.type === 'PUBLISH' && p.packetId !== undefined) ids.add(p.packetId);
        }
        expect(ids.size).toBe(65_535);
        expect(Math.min(...ids)).toBe(1);
        expect(Math.max(...ids)).toBe(65_535);
        // Two more waited for identifiers: they take the ones freed.
        s.send({ type: 'PUBACK', packetId: 7 });
        s.send({ type: 'PUBACK', packetId: 3 });
        expect((await expectNext(s, 'PUBLISH')).packetId).toBe(7);
        expect((await expectNext(s, 'PUBLISH')).packetId).toBe(3);
        for (const id of ids) if (id !== 3 && id !== 7) s.send({ type: 'PUBACK', packetId: id });
        s.send({ type: 'PUBACK', packetId: 3 });
        s.send({ type: 'PUBACK', packetId: 7 });
        await expectNext(s, 'DISCONNECT');
      },
      async (port) => {
        const c = await local(port);
        const all = Promise.all(
          Array.from({ length: 65_537 }, (_, i) => c.publish('ids', `${i}`, { qos: 1 })),
        );
        await all;
        await c.close();
      },
    );

    await withFakeBroker(
      async (s) => {
        await accept(s, { receiveMaximum: 2 });
        const first = [await expectNext(s, 'PUBLISH'), await expectNext(s, 'PUBLISH')];
        expect(first.map((p) => [p.qos, p.packetId])).toEqual([
          [1, 1],
          [2, 2],
        ]);
        await sleep(50);
        // QoS 0 waits behind them too: packets leave in the order of the calls.
        s.send({ type: 'PUBREC', packetId: 2 });
        expect(await expectNext(s, 'PUBREL')).toMatchObject({ packetId: 2 });
        s.send({ type: 'PUBACK', packetId: 1 });
        expect(await expectNext(s, 'PUBLISH')).toMatchObject({ qos: 1, packetId: 3 });
        s.send({ type: 'PUBCOMP', packetId: 2 });
        expect(await expectNext(s, 'PUBLISH')).toMatchObject({ qos: 0, packetId: undefined });
        expect(await expectNext(s, 'SUBSCRIBE')).toMatchObject({ packetId: 4 });
        s.send({ type: 'PUBACK', packetId: 3 });
        s.send({ type: 'SUBACK', packetId: 4, reasonCodes: [0] });
        await expectNext(s, 'DISCONNECT');
      },
      async (port) => {
        const c = await local(port);
        const sent = ['x', 'y', 'z'].map((m, i) => c.publish('rm', m, { qos: ((i % 2) + 1) as QoS }));
        sent.push(c.publish('rm', 'zero', { qos: 0 }));
        const { qos } = await subscribed(c, 'rm', 1);
        expect(qos).toBe(0);
        await Promise.all(sent);
        await c.close();
      },
    );
  }, 30_000);

  it('acknowledges incoming QoS 1 with PUBACK and delivers QoS 2 once, through PUBREC, PUBREL and PUBCOMP', async () => {
    for (const protocolVersion of [5, 4] as const) {
      await withFakeBroker(
        async (s) => {
          await accept(s);
          expect(await expectNext(s, 'SUBSCRIBE')).toMatchObject({
            subscriptions: [{ topicFilter: 'in/#', qos: 2 }],
          });
          s.send({ type: 'SUBACK', packetId: 1, reasonCodes: [2] });
          const publish = (qos: QoS, packetId: number | undefined, dup = false): Publish => ({
            type: 'PUBLISH',
            dup,
            qos,
            retain: false,
            topic: `in/${qos}`,
            packetId,
            payload: utf8.encode(`qos ${qos}`),
          });
          s.send(publish(1, 5));
          expect(await expectNext(s, 'PUBACK')).toMatchObject({ packetId: 5 });
          s.send(publish(2, 6));
          expect(await expectNext(s, 'PUBREC')).toMatchObject({ packetId: 6 });
          s.send(publish(2, 6, true)); // a resend before PUBREL: not delivered again
          expect(await expectNext(s, 'PUBREC')).toMatchObject({ packetId: 6 });
          s.send({ type: 'PUBREL', packetId: 6 });
          expect(await expectNext(s, 'PUBCOMP')).toMatchObject({ packetId: 6 });
          s.send({ type: 'PUBREL', packetId: 6 }); // released already
          const again = await expectNext(s, 'PUBCOMP');
          if (protocolVersion === 5) expect(again).toMatchObject({ packetId: 6, reasonCode: 0x92 });
          s.send(publish(0, undefined));
          // take(3) ends the subscription: UNSUBSCRIBE.
          expect(await expectNext(s, 'UNSUBSCRIBE')).toMatchObject({ packetId: 2, topicFilters: ['in/#'] });
          s.send({ type: 'UNSUBACK', packetId: 2, reasonCodes: protocolVersion === 5 ? [0] : undefined });
          await expectNext(s, 'DISCONNECT');
        },
        async (port) => {
          const c = await local(port, { protocolVersion });
          const { messages } = await subscribed(c, 'in/#', 3, { qos: 2 });
          expect((await messages).map((m) => `${m.topic} ${m.qos} ${text(m)}`)).toEqual([
            'in/1 1 qos 1',
            'in/2 2 qos 2',
            'in/0 0 qos 0',
          ]);
          await c.close();
        },
      );
    }
  });

  it('subscriptions: UNSUBSCRIBE when the last one of a filter ends; a refused SUBACK errors one; 3.1.1 matches topics', async () => {
    await withFakeBroker(
      async (s) => {
        await accept(s);
        const first = await expectNext(s, 'SUBSCRIBE');
        expect(first).toMatchObject({
          packetId: 1,
          properties: { subscriptionIdentifiers: [1] },
          subscriptions: [
            { topicFilter: 'a/+', qos: 1, noLocal: true, retainAsPublished: false, retainHandling: 2 },
          ],
        });
        s.send({ type: 'SUBACK', packetId: 1, reasonCodes: [1] });
        // The same filter again: the same identifier.
        expect(await expectNext(s, 'SUBSCRIBE')).toMatchObject({
          properties: { subscriptionIdentifiers: [1] },
        });
        s.send({ type: 'SUBACK', packetId: 2, reasonCodes: [0] });
        expect(await expectNext(s, 'SUBSCRIBE')).toMatchObject({
          subscriptions: [{ topicFilter: 'denied/#' }],
        });
        s.send({ type: 'SUBACK', packetId: 3, reasonCodes: [0x87] });
        const message = (topic: string, subscriptionIdentifiers?: number[]): Publish => ({
          type: 'PUBLISH',
          dup: false,
          qos: 0,
          retain: false,
          topic,
          properties: { subscriptionIdentifiers },
          payload: utf8.encode(topic),
        });
        s.send(message('a/b', [1]));
        // Named for a subscription this client has not got: nobody's.
        s.send(message('a/c', [9]));
        // Unnamed: by the topic.
        s.send(message('a/d'));
        // The first ends: no packet; the second too: UNSUBSCRIBE.
        const unsubscribe = await expectNext(s, 'UNSUBSCRIBE');
        expect(unsubscribe).toMatchObject({ packetId: 4, topicFilters: ['a/+'] });
        s.send({ type: 'UNSUBACK', packetId: 4, reasonCodes: [0] });
        await expectNext(s, 'DISCONNECT');
      },
      async (port) => {
        const c = await local(port);
        const options = { qos: 1, noLocal: true, retainHandling: 2 } as const;
        const one = await subscribed(c, 'a/+', 2, options);
        expect(one.qos).toBe(1);
        const two = await subscribed(c, 'a/+', 2);
        const denied = await rejection(subscribed(c, 'denied/#', 1));
        expect(denied).toBeInstanceOf(MqttClientError);
        expect(denied).toMatchObject({
          code: 'SUBSCRIBE_FAILED',
          reasonCode: 0x87,
          packet: { type: 'SUBACK' },
        });
        // take(2) ends each subscription after two messages.
        expect((await one.messages).map(text)).toEqual(['a/b', 'a/d']);
        expect((await two.messages).map(text)).toEqual(['a/b', 'a/d']);
        await expect(firstValueFrom(c.subscribe('a/#/b'))).rejects.toThrow(TypeError);
        await c.close();
      },
    );

    await withFakeBroker(
      async (s) => {
        await accept(s);
        for (let id = 1; id <= 4; id++) {
          expect(await expectNext(s, 'SUBSCRIBE')).not.toHaveProperty('properties.subscriptionIdentifiers');
          s.send({ type: 'SUBACK', packetId: id, reasonCodes: [0] });
        }
        for (const topic of ['$SYS/load', 'x', 'x/y', 'x/y/z', '/y', 'done'])
          s.send({ type: 'PUBLISH', dup: false, qos: 0, retain: false, topic, payload: utf8.encode(topic) });
        // Each subscription's take() ends it: UNSUBSCRIBE as each has its last message.
        for (const filter of ['$SYS/#', '$share/g/x/#', '+/y', '#'])
          expect(await expectNext(s, 'UNSUBSCRIBE')).toMatchObject({ topicFilters: [filter] });
        await expectNext(s, 'DISCONNECT');
      },
      async (port) => {
        const c = await local(port, { protocolVersion: 4 });
        const all = await subscribed(c, '#', 5);
        const plus = await subscribed(c, '+/y', 2);
        const sys = await subscribed(c, '$SYS/#', 1);
        const shared = await subscribed(c, '$share/g/x/#', 3);
        expect((await all.messages).map(text)).toEqual(['x', 'x/y', 'x/y/z', '/y', 'done']);
        expect((await plus.messages).map(text)).toEqual(['x/y', '/y']);
        expect((await sys.messages).map(text)).toEqual(['$SYS/load']);
        expect((await shared.messages).map(text)).toEqual(['x', 'x/y', 'x/y/z']);
        await c.close();
      },
    );
  });

  it('fails the connection with PING_TIMEOUT when no PINGRESP comes', async () => {
    await withFakeBroker(
      async (s) => {
        await accept(s);
        await expectNext(s, 'PINGREQ');
        await expectNext(s, 'PUBLISH'); // unanswered too
      },
      async (port) => {
        const c = await local(port, { keepAlive: 1, pingTimeoutMs: 300 });
        const started = Date.now();
        await sleep(1100);
        const pending = rejection(c.publish('t', 'x', { qos: 1 }));
        const e = await c.closed;
        expect(e).toBeInstanceOf(MqttConnectionError);
        expect(e).toMatchObject({ code: 'PING_TIMEOUT' });
        expect(Date.now() - started).toBeGreaterThanOrEqual(1250);
        expect(await pending).toBe(e);
        expect(await rejection(c.publish('t', 'late'))).toBe(e);
      },
    );
  });

  it('fails every flow, waiting request and subscription with CONNECTION_CLOSED when the connection drops', async () => {
    await withFakeBroker(
      async (s) => {
        await accept(s, { receiveMaximum: 2 });
        await expectNext(s, 'SUBSCRIBE');
        s.send({ type: 'SUBACK', packetId: 1, reasonCodes: [1] });
        await expectNext(s, 'PUBLISH');
        expect(await expectNext(s, 'PUBLISH')).toMatchObject({ qos: 2, packetId: 3 });
        s.send({ type: 'PUBREC', packetId: 3 });
        await expectNext(s, 'PUBREL');
        s.socket.destroy();
      },
      async (port) => {
        const c = await local(port);
        const sub = rejection(lastValueFrom(c.subscribe('s', { qos: 1 })));
        const flows = [1, 2, 1].map((qos) => rejection(c.publish('t', 'x', { qos: qos as QoS }))); // the third waits
        const e = await c.closed;
        expect(e).toBeInstanceOf(MqttConnectionError);
        expect(e).toMatchObject({ code: 'CONNECTION_CLOSED' });
        expect((e as Error).message).toMatch(/^the server at 127\.0\.0\.1:\d+ closed the connection$/);
        for (const f of flows) expect(await f).toBe(e);
        expect(await sub).toBe(e);
      },
    );
  });

  it('fails with CONNECTION_CLOSED, its cause the IncompleteError, when a packet is cut short', async () => {
    await withFakeBroker(
      async (s) => {
        await accept(s);
        await expectNext(s, 'PUBLISH');
        s.socket.end(encodePacket({ type: 'PUBACK', packetId: 1 }).subarray(0, 2));
      },
      async (port) => {
        const c = await local(port);
        const e = await rejection(c.publish('t', 'x', { qos: 1 }));
        expect(e).toBeInstanceOf(MqttConnectionError);
        // The CONNACK (5 bytes in 5.0: flags, reason code, no properties) read whole.
        expect(e).toMatchObject({ code: 'CONNECTION_CLOSED', offset: 5 });
        expect((e as Error).cause).toMatchObject({ code: 'INCOMPLETE' });
      },
    );
  });

  it('ends the connection for a packet it has no place for, a malformed one, or DISCONNECT; a 5.0 server is told why', async () => {
    const cases: { send: (s: Session) => void; error: object; told?: number }[] = [
      {
        send: (s) => s.send({ type: 'PUBACK', packetId: 99 }),
        error: { name: 'MqttClientError', code: 'UNEXPECTED_PACKET', offset: 5, packet: { type: 'PUBACK' } },
        told: 0x82,
      },
      {
        send: (s) => s.send({ type: 'PINGREQ' }),
        error: {
          name: 'MqttClientError',
          code: 'UNEXPECTED_PACKET',
          message: 'a PINGREQ, which servers do not send',
        },
        told: 0x82,
      },
      {
        send: (s) => s.socket.write(Uint8Array.of(0x30, 0x03, 0x00, 0x01, 0x23)), // a PUBLISH to topic '#'
        error: { code: 'TOPIC_NAME_INVALID', offset: 7 }, // the topic's first byte
        told: 0x90,
      },
      {
        send: (s) => s.send({ type: 'DISCONNECT', reasonCode: 0x8b }),
        error: { name: 'MqttClientError', code: 'SERVER_DISCONNECT', reasonCode: 0x8b },
      },
    ];
    for (const { send, error, told } of cases) {
      await withFakeBroker(
        async (s) => {
          await accept(s);
          await expectNext(s, 'PUBLISH');
          send(s);
          if (told === undefined) return;
          expect(await expectNext(s, 'DISCONNECT')).toMatchObject({ reasonCode: told });
        },
        async (port) => {
          const c = await local(port);
          const pending = rejection(c.publish('t', 'x', { qos: 1 }));
          const e = await c.closed;
          expect(e).toMatchObject(error);
          expect(await pending).toBe(e);
          if (error === cases[2]?.error) expect(e).toBeInstanceOf(DecodeError);
        },
      );
    }
  });

  it('close() lets the flows under way finish, completes subscriptions, then sends DISCONNECT', async () => {
    await withFakeBroker(
      async (s) => {
        await accept(s);
        await expectNext(s, 'SUBSCRIBE');
        expect(await expectNext(s, 'PUBLISH')).toMatchObject({ qos: 2, packetId: 2 });
        await sleep(50);
        s.send({ type: 'PUBREC', packetId: 2 });
        await expectNext(s, 'PUBREL');
        s.send({ type: 'PUBCOMP', packetId: 2 });
        // No SUBACK ever: close() does not wait for one.
        await expectNext(s, 'DISCONNECT');
        s.socket.end();
      },
      async (port) => {
        const c = await local(port);
        const sub = lastValueFrom(c.subscribe('s').pipe(toArray()));
        const flow = c.publish('t', 'x', { qos: 2 });
        await sleep(20);
        const closing = c.close();
        const late = rejection(c.publish('t', 'late'));
        expect(await sub).toEqual([]);
        await flow;
        expect(await closing).toBeUndefined();
        expect(await late).toMatchObject({ name: 'MqttConnectionError', code: 'CLIENT_CLOSED' });
      },
    );
  });

  it('destroy() ends the connection without DISCONNECT: flows reject with CLIENT_CLOSED, subscriptions complete', async () => {
    await withFakeBroker(
      async (s) => {
        await accept(s);
        await expectNext(s, 'SUBSCRIBE');
        await expectNext(s, 'PUBLISH');
        await expect(s.next()).rejects.toThrow('the client closed the connection');
      },
      async (port) => {
        const c = await local(port);
        const sub = lastValueFrom(c.subscribe('s').pipe(toArray()));
        const flow = rejection(c.publish('t', 'x', { qos: 1 }));
        await sleep(20);
        expect(await c.destroy()).toBeUndefined();
        expect(await sub).toEqual([]);
        expect(await flow).toMatchObject({ name: 'MqttConnectionError', code: 'CLIENT_CLOSED' });
      },
    );
  });
});
