// Proves @stride/rx over real TCP sockets on 127.0.0.1, with a client and a server sharing one
// schema (./schema.ts): 20,000 random messages each way, concurrently, through a relay that re-cuts
// the bytes into random pieces, arrive equal and in order; unsubscribing mid-stream closes the
// socket (the server sees the close); garbage from the server is a DecodeError at the exact byte
// of the bad field, and a peer closing mid-record an IncompleteError at the field cut short, with
// the bytes it still needs — each after every record before it, through all three front ends
// (the decodeRecords operator, parseAsyncIterable, createParseStream, each over a StreamDecoder).
import * as net from 'node:net';
import { DecodeError, encode, IncompleteError, StreamDecoder } from '@stride/codec';
import {
  createParseStream,
  decodeRecords,
  encodeRecords,
  fromReadable,
  parseAsyncIterable,
  toWritable,
} from '@stride/rx';
import { from, lastValueFrom, take, tap, toArray } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { Expect, messages } from './messages.js';
import { closed, pump, Sockets, withTimeout } from './net.js';
import { randomBytes } from './prng.js';
import { MAX_PIECE, startRelay } from './relay.js';
import { HEADER_BYTES, KIND_AT, Message } from './schema.js';

const CLIENT_SEED = 0x5eed_c11e;
const SERVER_SEED = 0x5eed_5e7e;
const RELAY_SEED = 0x5eed_4e1a;

const sockets = new Sockets();
afterEach(() => sockets.closeAll());

/** Sends `messages(sendSeed, count)` and checks what arrives against `messages(expectSeed, count)`. */
async function converse(socket: net.Socket, sendSeed: number, expectSeed: number, count: number) {
  socket.setNoDelay(true);
  const expected = new Expect(expectSeed, count);
  const received = lastValueFrom(
    fromReadable(socket).pipe(
      decodeRecords(Message),
      tap((m) => expected.check(m)),
    ),
    { defaultValue: undefined },
  );
  const sent = lastValueFrom(
    from(messages(sendSeed, count)).pipe(encodeRecords(Message), toWritable(socket)),
  );
  await Promise.all([received, sent]);
  return expected;
}

function* encoded(values: Iterable<Message>): Generator<Uint8Array> {
  for (const m of values) yield encode(Message, m);
}

const byteLength = (parts: Uint8Array[]) => parts.reduce((n, p) => n + p.length, 0);

/** A server that sends `wire` and ends, behind the re-cutting relay; the client's socket. */
async function serveThroughRelay(wire: Uint8Array): Promise<net.Socket> {
  const server = net.createServer((socket) => {
    socket.on('error', () => {}); // the client may leave before reading everything
    socket.end(wire);
  });
  const relay = await startRelay(sockets, await sockets.listen(server), RELAY_SEED);
  return sockets.connect(relay.port);
}

function checkRecords(records: Message[], count: number): void {
  expect(records.map((m) => m.seq)).toEqual(Array.from({ length: count }, (_, i) => i));
  const expected = new Expect(SERVER_SEED, count);
  for (const m of records) expected.check(m);
}

interface Outcome {
  records: Message[];
  error: unknown;
  /** The pull front ends' `.offset` at the end: where the next record (or the one cut short) starts. */
  nextRecordAt?: number;
}

/** The three ways to decode a socket: every record until the end or an error, and the error. */
const frontEnds: Record<string, (socket: net.Socket) => Promise<Outcome>> = {
  'fromReadable + decodeRecords': (socket) =>
    new Promise((resolve) => {
      const records: Message[] = [];
      fromReadable(socket)
        .pipe(decodeRecords(Message))
        .subscribe({
          next: (m) => records.push(m),
          error: (error) => resolve({ records, error }),
          complete: () => resolve({ records, error: undefined }),
        });
    }),
  parseAsyncIterable: (socket) => drain(parseAsyncIterable(new StreamDecoder(Message), socket)),
  createParseStream: (socket) => drain(socket.pipe(createParseStream(new StreamDecoder(Message)))),
};

async function drain(records: AsyncIterable<Message> & { readonly offset: number }): Promise<Outcome> {
  const out: Message[] = [];
  try {
    for await (const m of records) out.push(m);
  } catch (error) {
    return { records: out, error, nextRecordAt: records.offset };
  }
  return { records: out, error: undefined, nextRecordAt: records.offset };
}

describe('@stride/rx over TCP', () => {
  it('20,000 messages each way through a re-cutting relay arrive equal and in order', async () => {
    const count = 20_000;
    let server!: net.Server;
    const serverSide = new Promise<Expect>((resolve, reject) => {
      server = net.createServer({ allowHalfOpen: true }, (socket) => {
        converse(socket, SERVER_SEED, CLIENT_SEED, count).then(resolve, reject);
      });
    });
    const relay = await startRelay(sockets, await sockets.listen(server), RELAY_SEED);
    const client = await sockets.connect(relay.port, { allowHalfOpen: true });
    const clientSide = converse(client, CLIENT_SEED, SERVER_SEED, count);
    const [atClient, atServer] = await Promise.all([clientSide, serverSide]);

    expect(atClient.received).toBe(count);
    expect(atServer.received).toBe(count);
    // Not vacuous: tens of MB each way, cut into thousands of pieces, tiny ones and large ones.
    expect(atClient.bytes).toBeGreaterThan(20e6);
    expect(atServer.bytes).toBeGreaterThan(20e6);
    expect(relay.stats).toHaveLength(1);
    for (const s of relay.stats[0] ?? []) {
      expect(s.pieces).toBeGreaterThan(5_000);
      expect(s.smallest).toBe(1);
      expect(s.largest).toBeLessThanOrEqual(MAX_PIECE);
      expect(s.largest).toBeGreaterThan(MAX_PIECE / 2);
    }
  });

  it('unsubscribing mid-stream closes the socket, and the server sees the close', async () => {
    let server!: net.Server;
    const serverSocket = new Promise<net.Socket>((resolve) => {
      server = net.createServer((socket) => {
        socket.on('error', () => {}); // the client's close may arrive as ECONNRESET
        resolve(socket);
        // Far more than the client reads; pump stops once the socket closes.
        void pump(socket, encoded(messages(SERVER_SEED, 1_000_000)));
      });
    });
    const client = await sockets.connect(await sockets.listen(server));
    const got = await lastValueFrom(fromReadable(client).pipe(decodeRecords(Message), take(5), toArray()));

    expect(got.map((m) => m.seq)).toEqual([0, 1, 2, 3, 4]);
    const expected = new Expect(SERVER_SEED, 5);
    for (const m of got) expected.check(m);
    expect(client.destroyed).toBe(true);
    await withTimeout(closed(await serverSocket), 10_000, "the server's socket to close");
  });

  describe.each(Object.entries(frontEnds))('through %s', (_, receive) => {
    it('garbage from the server is a DecodeError at the bad byte, after every record before it', async () => {
      const good = [...messages(SERVER_SEED, 50)].map((m) => encode(Message, m));
      const bad = encode(Message, { seq: 50, kind: 1, payload: randomBytes(100, 1) });
      bad[KIND_AT] = 0x7f;
      const after = encode(Message, { seq: 51, kind: 2, payload: randomBytes(10, 2) });
      const { records, error } = await receive(await serveThroughRelay(Buffer.concat([...good, bad, after])));

      checkRecords(records, 50);
      expect(error).toBeInstanceOf(DecodeError);
      const e = error as DecodeError;
      expect(e.code).toBe('VALIDATION_FAILED');
      expect(e.path).toBe('kind');
      expect(e.offset).toBe(byteLength(good) + KIND_AT);
    });

    it('a peer closing mid-record is an IncompleteError at the cut field, after every record before it', async () => {
      const whole = [...messages(SERVER_SEED, 3)].map((m) => encode(Message, m));
      const fourth = encode(Message, { seq: 3, kind: 3, payload: randomBytes(2000, 3) });
      const half = fourth.subarray(0, fourth.length >> 1);
      const outcome = await receive(await serveThroughRelay(Buffer.concat([...whole, half])));

      checkRecords(outcome.records, 3);
      expect(outcome.error).toBeInstanceOf(IncompleteError);
      const e = outcome.error as IncompleteError;
      // The error names the value cut short (the codec's contract: the offset of the byte at fault)
      // and all it still needs; the record it belongs to starts where the decoder stopped.
      const fourthAt = byteLength(whole);
      expect(e.code).toBe('INCOMPLETE');
      expect(e.path).toBe('payload');
      expect(e.offset).toBe(fourthAt + HEADER_BYTES);
      expect(e.needed).toBe(fourth.length - half.length);
      if (outcome.nextRecordAt !== undefined) expect(outcome.nextRecordAt).toBe(fourthAt);
    });
  });
});
