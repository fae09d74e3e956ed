// examples/tcp-echo: the server and client over real sockets on 127.0.0.1, a burst of messages in
// any chunking, and a peer that sends garbage or an oversized frame being cut off.
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { encode, StreamDecoder } from '@stride/codec';
import { parseAsyncIterable } from '@stride/rx';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runClient, sampleRequests } from '../../examples/tcp-echo/client.js';
import { Kind, Message } from '../../examples/tcp-echo/protocol.js';
import { reply, type Server, startServer } from '../../examples/tcp-echo/server.js';

let server: Server;
let log: string[];

beforeEach(async () => {
  log = [];
  server = await startServer(0, { log: (line) => log.push(line) });
});
afterEach(() => server.close());

async function open(): Promise<Socket> {
  const socket = connect({ port: server.port, host: '127.0.0.1' });
  await once(socket, 'connect');
  return socket;
}

/** Resolves once the socket is closed, with the error it closed with, if any. */
function closed(socket: Socket): Promise<Error | undefined> {
  return new Promise((resolve) => {
    let error: Error | undefined;
    socket.on('error', (e) => {
      error = e;
    });
    socket.on('close', () => resolve(error));
    socket.resume(); // read (and drop) what arrives, or the end is never seen
  });
}

const wire = (messages: readonly Message[]) => Buffer.concat(messages.map((m) => encode(Message, m)));

describe('examples/tcp-echo', () => {
  it('answers the client: echoes come back, a ping gets a pong, a reply gets an error', async () => {
    const requests = sampleRequests();
    const replies = await runClient(server.port, requests);
    expect(replies.map((r) => r.message.id)).toEqual([1, 2, 3, 4, 5]);
    const [hello, pong, unicode, long, error] = replies.map((r) => r.message);
    expect(hello).toEqual(requests[0]);
    expect(unicode).toEqual(requests[2]);
    expect(long).toEqual(requests[3]);
    expect(pong).toMatchObject({ kind: Kind.pong, id: 2 });
    if (pong?.kind !== Kind.pong) throw new Error('not a pong');
    expect(pong.receivedAt).toBeGreaterThanOrEqual(pong.sentAt);
    expect(error).toEqual({ kind: Kind.error, id: 5, message: 'kind 3 is a reply, not a request' });
    for (const r of replies) expect(r.roundTripMs).toBeGreaterThanOrEqual(0);
    await vi.waitFor(() => expect(log.join('\n')).toMatch(/done: 5 messages answered, \d+ bytes sent/));
  });

  it('answers a burst of messages sent at once, however the bytes are cut', async () => {
    const requests: Message[] = Array.from({ length: 2000 }, (_, id) =>
      id % 3 === 0
        ? { kind: Kind.ping, id, sentAt: id * 1000 }
        : { kind: Kind.echo, id, text: `message ${id}` },
    );
    requests.push({ kind: Kind.echo, id: 2000, text: 'y'.repeat(300_000) });
    const bytes = wire(requests);
    const socket = await open();
    const replies: Message[] = [];
    const reading = (async () => {
      for await (const m of parseAsyncIterable(new StreamDecoder(Message), socket)) replies.push(m);
    })();
    // The first frames a byte at a time, then everything else in one write.
    for (let i = 0; i < 40; i++) socket.write(bytes.subarray(i, i + 1));
    socket.end(bytes.subarray(40));
    await reading;
    // Each request's reply, in order; a pong's receivedAt is the server's clock.
    const expected = requests.map((m) =>
      m.kind === Kind.ping ? { ...reply(m), receivedAt: expect.any(Number) } : m,
    );
    expect(replies).toEqual(expected);
  });

  it('logs a frame that is not a message, with its code and offset, and closes the connection', async () => {
    const socket = await open();
    const done = closed(socket);
    const good = wire([{ kind: Kind.echo, id: 1, text: 'hi' }]); // 11 bytes
    socket.write(Buffer.concat([good, Buffer.from([0, 0, 0, 5, 0x63, 1, 2, 3, 4])])); // kind 0x63
    await done;
    await vi.waitFor(() =>
      expect(log.join('\n')).toContain('closed: TagError BAD_TAG at byte 15 (kind): unknown tag 99'),
    );
    // The server goes on serving others.
    expect((await runClient(server.port)).length).toBe(5);
  });

  it('cuts off a peer whose frame claims more than maxFrameBytes as soon as the length arrives', async () => {
    const socket = await open();
    const done = closed(socket);
    socket.write(Buffer.from([0xff, 0xff, 0xff, 0xff])); // nothing more is sent
    await done;
    await vi.waitFor(() => expect(log.join('\n')).toContain('closed: LimitError LIMIT_EXCEEDED'));
  });

  it('closes the connections still open when the server is closed', async () => {
    const socket = await open();
    const done = closed(socket);
    await vi.waitFor(() => expect(log.join('\n')).toContain('connected'));
    await server.close();
    await done;
    await expect(runClient(server.port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    server = await startServer(0, { log: () => {} }); // for afterEach
  });
});
