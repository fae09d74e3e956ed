// The re-cutting relay on its own, in front of a plain TCP server: byte-exact in both directions,
// in small reads, and its hooks rewrite bytes or close the connection at an exact byte.
import * as net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from '../../bench/prng.js';
import { type Relay, type RelayOptions, startRelay } from '../support/relay.js';
import { Peer } from './support/peer.js';

const SEED = 0x5eed_4e1a;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A server that sends `greeting` to each client and echoes what it receives; and a relay in front. */
async function setup(greeting: Uint8Array, options: Partial<RelayOptions> = {}): Promise<Relay> {
  const server = net.createServer((socket) => {
    socket.on('error', () => {});
    socket.write(greeting);
    socket.pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  const port = (server.address() as net.AddressInfo).port;
  const relay = await startRelay({ target: { host: '127.0.0.1', port }, seed: SEED, ...options });
  cleanups.push(() => relay.stop());
  return relay;
}

async function connect(relay: Relay): Promise<Peer> {
  const peer = await Peer.connect(relay.port);
  cleanups.push(async () => peer.close());
  return peer;
}

describe('startRelay', () => {
  it('forwards both directions byte for byte, in reads of a few bytes', async () => {
    const greeting = randomBytes(8_000, 1);
    const relay = await setup(greeting, { maxPiece: 5 });
    const peer = await connect(relay);
    expect(await peer.take(greeting.length)).toEqual(Buffer.from(greeting));
    expect(peer.reads).toBeGreaterThan(greeting.length / 20);
    const sent = randomBytes(3_000, 2);
    peer.write(sent);
    expect(await peer.take(sent.length)).toEqual(Buffer.from(sent));
  });

  it('lets a hook rewrite the server bytes it sees, with their offset in the stream', async () => {
    const greeting = Buffer.from('0123456789');
    const offsets: number[] = [];
    const relay = await setup(greeting, {
      serverToClient: (chunk, at) => {
        offsets.push(at.offset);
        return Buffer.from(Buffer.from(chunk).toString('latin1').replace('5', 'X'));
      },
    });
    const peer = await connect(relay);
    expect((await peer.take(10)).toString('latin1')).toBe('01234X6789');
    expect(offsets[0]).toBe(0);
  });

  it('closes the connection right after the bytes a hook returns when it calls close()', async () => {
    const greeting = randomBytes(3_000, 3);
    const relay = await setup(greeting, {
      maxPiece: 64,
      serverToClient: (chunk, at) => {
        const cut = 1_234 - at.offset; // the byte to stop at, wherever the server's chunks split
        if (cut > chunk.length) return chunk;
        at.close();
        return chunk.subarray(0, Math.max(cut, 0));
      },
    });
    const peer = await connect(relay);
    expect(await peer.rest()).toEqual(Buffer.from(greeting.subarray(0, 1_234)));
  });

  it('closes after the bytes before a chunk its hook answers with null', async () => {
    let calls = 0;
    const relay = await setup(Buffer.from('hello'), {
      clientToServer: (chunk) => (++calls === 2 ? null : chunk),
    });
    const peer = await connect(relay);
    expect((await peer.take(5)).toString()).toBe('hello');
    peer.write(Buffer.from('ping'));
    expect((await peer.take(4)).toString()).toBe('ping');
    peer.write(Buffer.from('never echoed'));
    expect(await peer.rest()).toHaveLength(0);
  });

  it('closeAll() drops the connections and keeps accepting; stop() stops accepting', async () => {
    const relay = await setup(Buffer.from('hi'));
    const first = await connect(relay);
    await first.take(2);
    relay.closeAll();
    expect(await first.rest()).toHaveLength(0);
    const second = await connect(relay);
    expect((await second.take(2)).toString()).toBe('hi');
    await relay.stop();
    await expect(Peer.connect(relay.port)).rejects.toThrow(/ECONNREFUSED/);
  });
});
