// @stride/redis/client against a real redis-server 7.0: RESP2 and RESP3 sessions (strings, counters,
// hashes as maps, sets), error replies that leave the connection usable, HELLO 3 and AUTH, 10,000
// pipelined commands through a relay that re-cuts both directions into small random pieces,
// pub/sub in RESP3 with pushes interleaved with replies and in RESP2 on a connection of its own,
// and the ends: a protocol fault, the server closing the connection, close() and its force.
import * as net from 'node:net';
import { DecodeError } from '@stride/codec';
import { RedisReplyError, type RespValue } from '@stride/redis';
import {
  type ConnectOptions,
  connect,
  type PubSubMessage,
  type RedisClient,
  RedisClientError,
  RedisConnectionError,
} from '@stride/redis/client';
import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startRelay } from '../support/relay.js';
import { type RedisServer, startRedis } from './support/server.js';

let server: RedisServer;

beforeAll(async () => {
  server = await startRedis();
});
afterAll(() => server?.stop());

const open = (options: Partial<ConnectOptions> = {}) =>
  connect({ host: server.host, port: server.port, ...options });

const utf8 = new TextEncoder();
const bulk = (s: string): RespValue => ({ type: 'bulk', value: utf8.encode(s) });

/** What a promise rejects with (the test fails if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${String(value)}`);
    },
    (e: unknown) => e,
  );
}

/** Runs `body` with a client, closed afterwards. */
async function using<T>(client: RedisClient | Promise<RedisClient>, body: (c: RedisClient) => Promise<T>) {
  const c = await client;
  try {
    return await body(c);
  } finally {
    await c.close({ force: true });
  }
}

/** A TCP server on 127.0.0.1 that hands each connection to `serve`. */
async function fakeServer(serve: (socket: net.Socket) => void) {
  const sockets = new Set<net.Socket>();
  const listener = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    serve(socket);
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  return {
    port: (listener.address() as net.AddressInfo).port,
    stop: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => listener.close(() => resolve()));
    },
  };
}

describe('connecting', () => {
  it('speaks RESP2 by default, with no HELLO', async () => {
    await using(open(), async (c) => {
      expect(c.protocol).toBe(2);
      expect(c.server).toBeUndefined();
      expect(await c.command('PING')).toEqual({ type: 'simple', value: 'PONG' });
      expect(await c.call('CLIENT', 'INFO')).toMatch(/\bresp=2\b/);
    });
  });

  it("switches to RESP3 with HELLO 3 and keeps the server's answer", async () => {
    await using(open({ protocol: 3 }), async (c) => {
      expect(c.protocol).toBe(3);
      const hello = c.server as ReadonlyMap<string, unknown>;
      expect(hello.get('server')).toBe('redis');
      expect(hello.get('version')).toMatch(/^7\.0\./);
      expect(hello.get('proto')).toBe(3);
      expect(hello.get('role')).toBe('master');
      expect(hello.get('id')).toBe(await c.call('CLIENT', 'ID'));
      expect(await c.call('CLIENT', 'INFO')).toMatch(/\bresp=3\b/);
    });
  });

  it('authenticates with AUTH in RESP2 and in HELLO in RESP3, and refuses a wrong password', async () => {
    await using(open(), (c) => c.command('ACL', 'SETUSER', 'stride', 'on', '>s3cret', '+@all', '~*'));
    for (const protocol of [2, 3] as const) {
      await using(open({ protocol, username: 'stride', password: 's3cret' }), async (c) =>
        expect(await c.call('ACL', 'WHOAMI')).toBe('stride'),
      );
      const e = await rejection(open({ protocol, username: 'stride', password: 'wrong' }));
      expect(e).toBeInstanceOf(RedisReplyError);
      expect(e).toMatchObject({ code: 'WRONGPASS' });
    }
    // The default user has no password: AUTH with one is an error reply.
    expect(await rejection(open({ password: 'x' }))).toMatchObject({ code: 'ERR' });
  });

  it('rejects with CONNECTION_CLOSED when nothing listens, and CONNECT_TIMEOUT when nothing answers', async () => {
    const gone = await fakeServer(() => {});
    const port = gone.port;
    await gone.stop();
    const refused = await rejection(open({ port }));
    expect(refused).toBeInstanceOf(RedisConnectionError);
    expect(refused).toMatchObject({ code: 'CONNECTION_CLOSED', offset: 0 });
    expect((refused as Error).cause).toMatchObject({ code: 'ECONNREFUSED' });

    const silent = await fakeServer(() => {});
    try {
      const started = Date.now();
      const e = await rejection(open({ port: silent.port, protocol: 3, connectTimeoutMs: 200 }));
      expect(e).toBeInstanceOf(RedisConnectionError);
      expect(e).toMatchObject({ code: 'CONNECT_TIMEOUT' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    } finally {
      await silent.stop();
    }
  });
});

for (const protocol of [2, 3] as const) {
  describe(`a RESP${protocol} session`, () => {
    let c: RedisClient;
    const key = (name: string) => `resp${protocol}:${name}`;
    beforeAll(async () => {
      c = await open({ protocol });
    });
    afterAll(() => c?.close());

    it('SET and GET, INCR: the reply as a value, and made plain with call()', async () => {
      expect(await c.command('SET', key('s'), 'héllo ✓')).toEqual({ type: 'simple', value: 'OK' });
      expect(await c.command('GET', key('s'))).toEqual(bulk('héllo ✓'));
      expect(await c.call('GET', key('s'))).toBe('héllo ✓');
      expect(await c.command('GET', key('missing'))).toEqual(
        protocol === 3 ? { type: 'null' } : { type: 'bulk', value: null },
      );
      expect(await c.call('GET', key('missing'))).toBeNull();
      expect(await c.command('INCR', key('n'))).toEqual({ type: 'integer', value: 1 });
      expect(await c.call('INCRBY', key('n'), 2 ** 53)).toBe(2n ** 53n + 1n);
      // Bytes go as they are.
      await c.command('SET', key('b'), Uint8Array.of(0, 13, 10, 255));
      expect(await c.command('GET', key('b'))).toEqual({
        type: 'bulk',
        value: Uint8Array.of(0, 13, 10, 255),
      });
    });

    it(`HGETALL is ${protocol === 3 ? 'a map' : 'an array'}, SMEMBERS ${protocol === 3 ? 'a set' : 'an array'}`, async () => {
      await c.command('HSET', key('h'), 'a', '1', 'b', '2');
      const hash = await c.command('HGETALL', key('h'));
      if (protocol === 3) {
        expect(hash).toEqual({
          type: 'map',
          value: [
            [bulk('a'), bulk('1')],
            [bulk('b'), bulk('2')],
          ],
        });
        expect(await c.call('HGETALL', key('h'))).toEqual(
          new Map([
            ['a', '1'],
            ['b', '2'],
          ]),
        );
      } else {
        expect(hash).toEqual({ type: 'array', value: ['a', '1', 'b', '2'].map(bulk) });
        expect(await c.call('HGETALL', key('h'))).toEqual(['a', '1', 'b', '2']);
      }
      await c.command('SADD', key('set'), 'x', 'y', 'z');
      const members = (await c.command('SMEMBERS', key('set'))) as { type: string; value: RespValue[] };
      expect(members.type).toBe(protocol === 3 ? 'set' : 'array');
      expect(members.value).toHaveLength(3);
      expect(await c.call('SMEMBERS', key('set'))).toEqual(
        protocol === 3 ? new Set(['x', 'y', 'z']) : expect.arrayContaining(['x', 'y', 'z']),
      );
    });

    it('rejects an error reply with its code, and the connection goes on', async () => {
      await c.command('SET', key('str'), 'v');
      const e = await rejection(c.command('LPUSH', key('str'), 'x'));
      expect(e).toBeInstanceOf(RedisReplyError);
      expect(e).toMatchObject({ code: 'WRONGTYPE' });
      expect((e as Error).message).toMatch(
        /^WRONGTYPE Operation against a key holding the wrong kind of value/,
      );
      expect(await rejection(c.call('NOSUCHCOMMAND'))).toMatchObject({ code: 'ERR' });
      await expect(lastValueFrom(c.command$('HGET', key('str'), 'f'))).rejects.toMatchObject({
        code: 'WRONGTYPE',
      });
      expect(await c.call('GET', key('str'))).toBe('v');
    });

    it('command$ is cold: it sends on each subscription, emits the reply and completes', async () => {
      const incr = c.command$('INCR', key('cold'));
      expect(await c.call('GET', key('cold'))).toBeNull(); // nothing sent yet
      expect(await lastValueFrom(incr.pipe(toArray()))).toEqual([{ type: 'integer', value: 1 }]);
      expect(await firstValueFrom(incr)).toEqual({ type: 'integer', value: 2 });
    });

    it('pipeline(): replies in order, error replies as values', async () => {
      const replies = await c.pipeline([
        ['SET', key('p'), 'v'],
        ['INCR', key('p')],
        ['GET', key('p')],
        ['ECHO', 'x'],
      ]);
      expect(replies).toEqual([
        { type: 'simple', value: 'OK' },
        { type: 'error', value: 'ERR value is not an integer or out of range' },
        bulk('v'),
        bulk('x'),
      ]);
      expect(await c.pipeline([])).toEqual([]);
    });

    it('refuses, before sending anything, what it cannot send or match replies to', async () => {
      for (const args of [['SUBSCRIBE', 'ch'], ['hello', '3'], ['MONITOR'], ['client', 'reply', 'off']])
        await expect(c.command(...args)).rejects.toThrow(TypeError);
      await expect(c.command('SET', key('o'), {} as unknown as string)).rejects.toThrow(TypeError);
      await expect(c.pipeline([['PING'], ['RESET']])).rejects.toThrow(TypeError);
      expect(await c.call('PING')).toBe('PONG');
    });
  });
}

/**
 * Counts what the sockets connected to `port` hand to the system (a write or a writev each) while
 * `body` runs: net.Socket's _write and _writev, spied on.
 */
async function writesTo(port: number, body: () => Promise<void>): Promise<number> {
  const proto = net.Socket.prototype as unknown as Record<'_write' | '_writev', () => void>;
  const spies = [vi.spyOn(proto, '_write'), vi.spyOn(proto, '_writev')];
  try {
    await body();
    return spies
      .flatMap((s) => s.mock.contexts)
      .filter((socket) => (socket as net.Socket).remotePort === port).length;
  } finally {
    for (const s of spies) s.mockRestore();
  }
}

describe('10,000 pipelined commands through a relay that re-cuts both directions', () => {
  for (const maxPiece of [64, 1460]) {
    it(`in pieces of 1..${maxPiece} bytes: pipeline() and un-awaited command()s, every reply checked`, async () => {
      const relay = await startRelay({ target: server, seed: maxPiece, maxPiece });
      try {
        await using(open({ port: relay.port, protocol: 3 }), async (c) => {
          const n = 10_000;
          const value = (i: number) => `value ${i} ${'x'.repeat(i % 100)}`;
          const prefix = `pipe${maxPiece}`;
          let set: RespValue[] = [];
          const setWrites = await writesTo(relay.port, async () => {
            set = await c.pipeline(Array.from({ length: n }, (_, i) => ['SET', `${prefix}:${i}`, value(i)]));
          });
          expect(setWrites).toBe(1);
          expect(set).toHaveLength(n);
          expect(set.every((r) => r.type === 'simple' && r.value === 'OK')).toBe(true);

          // Un-awaited commands, in order: GETs interleaved with INCRs whose values count them.
          let got: RespValue[] = [];
          const writes = await writesTo(relay.port, async () => {
            got = await Promise.all(
              Array.from({ length: n }, (_, i) =>
                i % 3 === 0 ? c.command('INCR', `${prefix}:counter`) : c.command('GET', `${prefix}:${i}`),
              ),
            );
          });
          // Issued in one tick: written together.
          expect(writes).toBe(1);
          expect(got).toHaveLength(n);
          let wrong = '';
          got.forEach((r, i) => {
            const expected = i % 3 === 0 ? { type: 'integer', value: i / 3 + 1 } : bulk(value(i));
            if (!wrong && JSON.stringify(r) !== JSON.stringify(expected))
              wrong = `reply ${i}: ${JSON.stringify(r)}`;
          });
          expect(wrong).toBe('');
          expect(got[n - 2]).toEqual(bulk(value(n - 2)));
        });
      } finally {
        await relay.stop();
      }
    }, 60_000);
  }
});

/** A second client's PUBLISH; resolves with the number of subscribers that got it. */
const publish = (c: RedisClient, channel: string, message: string | Uint8Array) =>
  c.call<number>('PUBLISH', channel, message);

describe('pub/sub in RESP3', () => {
  it('interleaves pushes with replies on one connection, each in order', async () => {
    await using(open({ protocol: 3 }), (c) =>
      using(open(), async (pub) => {
        const log: string[] = [];
        const sub = c.subscribe('news').subscribe((m) => log.push(`${m.channel} ${m.message}`));
        await c.command('PING'); // the SUBSCRIBE has been confirmed
        // Each PUBLISH is done before the INCR is sent, so the message is ahead of the reply in
        // the stream; command$ emits as the reply is read, so the log has the stream's order.
        for (let i = 1; i <= 100; i++) {
          expect(await publish(pub, 'news', `m${i}`)).toBe(1);
          await new Promise<void>((resolve, reject) =>
            c.command$('INCR', 'rx3:ctr').subscribe({
              next: (r) => log.push(`reply ${r.type === 'integer' ? r.value : r.type}`),
              error: reject,
              complete: resolve,
            }),
          );
        }
        expect(log).toEqual(
          Array.from({ length: 100 }, (_, k) => [`news m${k + 1}`, `reply ${k + 1}`]).flat(),
        );

        // Both sides at once: every message and every reply, each series in order.
        log.length = 0;
        const published = Array.from({ length: 1000 }, (_, i) => publish(pub, 'news', `n${i}`));
        const replies = Array.from({ length: 1000 }, () => c.call<number>('INCR', 'rx3:ctr2'));
        expect(await Promise.all(replies)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
        await Promise.all(published);
        await c.command('PING');
        expect(log).toEqual(Array.from({ length: 1000 }, (_, i) => `news n${i}`));

        // Unsubscribing sends UNSUBSCRIBE: nobody gets the next message.
        sub.unsubscribe();
        await c.command('PING');
        expect(await publish(pub, 'news', 'late')).toBe(0);
        expect(log).toHaveLength(1000);
      }),
    );
  });

  it('keeps a channel while another subscription listens to it; psubscribe gives the pattern; bytes', async () => {
    await using(open({ protocol: 3 }), (c) =>
      using(open(), async (pub) => {
        const a: PubSubMessage[] = [];
        const b: PubSubMessage<Uint8Array>[] = [];
        const p: PubSubMessage[] = [];
        const first = c.subscribe('ch1', 'ch2').subscribe((m) => a.push(m));
        const second = c.subscribe({ message: 'bytes' }, 'ch1').subscribe((m) => b.push(m));
        const patterns = c.psubscribe('ch*').subscribe((m) => p.push(m));
        await c.command('PING');
        expect(await publish(pub, 'ch1', Uint8Array.of(0, 255))).toBe(2); // one connection, channel and pattern
        // The message reaches c on its own socket, which may be read after pub's: c's next reply follows it.
        await c.command('PING');
        first.unsubscribe();
        await c.command('PING');
        expect(await publish(pub, 'ch1', 'two')).toBe(2); // still subscribed for `second`
        expect(await publish(pub, 'ch2', 'three')).toBe(1); // the pattern only
        await c.command('PING');
        expect(a).toEqual([{ channel: 'ch1', message: '\u0000\ufffd' }]);
        expect(b).toEqual([
          { channel: 'ch1', message: Uint8Array.of(0, 255) },
          { channel: 'ch1', message: utf8.encode('two') },
        ]);
        expect(p.map((m) => [m.pattern, m.channel, m.message])).toEqual([
          ['ch*', 'ch1', '\u0000\ufffd'],
          ['ch*', 'ch1', 'two'],
          ['ch*', 'ch2', 'three'],
        ]);
        second.unsubscribe();
        patterns.unsubscribe();
        await c.command('PING');
        expect(await publish(pub, 'ch1', 'gone')).toBe(0);
        expect(await c.call('PUBSUB', 'NUMPAT')).toBe(0);
      }),
    );
  });
});

describe('pub/sub in RESP2', () => {
  it('on a connection of its own: messages, then the connection back in its normal mode', async () => {
    await using(open(), (c) =>
      using(open(), async (pub) => {
        const got: PubSubMessage[] = [];
        const sub = c.subscribe('r2').subscribe((m) => got.push(m));
        const pat = c.psubscribe('r2*').subscribe((m) => got.push(m));
        // PING in the subscribed mode is an array, not a message.
        expect(await c.command('PING')).toEqual({ type: 'array', value: [bulk('pong'), bulk('')] });
        for (const m of ['one', 'two', 'message']) expect(await publish(pub, 'r2', m)).toBe(2);
        // The server takes no other command while subscribed.
        expect(await rejection(c.command('GET', 'k'))).toMatchObject({ code: 'ERR' });
        sub.unsubscribe();
        pat.unsubscribe();
        expect(await c.command('PING')).toEqual({ type: 'simple', value: 'PONG' });
        expect(got.map((m) => `${m.pattern ?? '-'} ${m.channel} ${m.message}`)).toEqual([
          '- r2 one',
          'r2* r2 one',
          '- r2 two',
          'r2* r2 two',
          '- r2 message',
          'r2* r2 message',
        ]);
        // Out of the subscribed mode, an array that looks like a message is a reply.
        await c.command('RPUSH', 'r2:list', 'message', 'r2', 'x');
        expect(await c.call('LRANGE', 'r2:list', 0, -1)).toEqual(['message', 'r2', 'x']);
        expect(got).toHaveLength(6);
      }),
    );
  });
});

describe('the connection ending', () => {
  it("fails every pending command with the reader's error for a protocol fault, and closes", async () => {
    const bad = await fakeServer((socket) => socket.once('data', () => socket.write('+OK\r\n?oops\r\n')));
    try {
      const c = await connect({ host: '127.0.0.1', port: bad.port });
      const first = c.command('SET', 'a', '1');
      const second = rejection(c.command('GET', 'a'));
      const third = rejection(c.command('GET', 'b'));
      expect(await first).toEqual({ type: 'simple', value: 'OK' });
      // The reader's fault: a DecodeError with RESP's code (codec's TagError, recoded).
      const e = await second;
      expect(e).toBeInstanceOf(DecodeError);
      expect(e).toMatchObject({ code: 'BAD_TYPE', offset: 5 });
      expect(await third).toBe(e);
      expect(await c.closed).toBe(e);
      expect(await rejection(c.command('PING'))).toBe(e);
    } finally {
      await bad.stop();
    }
  });

  it('fails the connection with UNEXPECTED_REPLY for a reply nobody asked for', async () => {
    const chatty = await fakeServer((socket) => socket.write('+HELLO\r\n'));
    try {
      const c = await connect({ host: '127.0.0.1', port: chatty.port });
      const e = await c.closed;
      expect(e).toBeInstanceOf(RedisClientError);
      expect(e).toMatchObject({ code: 'UNEXPECTED_REPLY', offset: 0 });
    } finally {
      await chatty.stop();
    }
  });

  it('fails pending commands with CONNECTION_CLOSED when the server closes the connection', async () => {
    await using(open(), async (admin) => {
      const victim = await open({ protocol: 3 });
      const sub = rejection(lastValueFrom(victim.subscribe('victim').pipe(toArray())));
      const blocked = rejection(victim.command('BLPOP', 'nothing', 0));
      const queued = rejection(victim.command('PING'));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await admin.call('CLIENT', 'KILL', 'ID', victim.server?.get('id') as number)).toBe(1);
      const e = await blocked;
      expect(e).toBeInstanceOf(RedisConnectionError);
      expect(e).toMatchObject({ code: 'CONNECTION_CLOSED' });
      expect(await queued).toBe(e);
      expect(await sub).toBe(e);
      expect(await victim.closed).toBe(e);
      expect(await rejection(victim.command('PING'))).toBe(e);
    });
  });

  it('fails a reply cut short with CONNECTION_CLOSED, its cause the IncompleteError', async () => {
    let cut = false;
    const relay = await startRelay({
      target: server,
      seed: 7,
      serverToClient: (chunk, at) => {
        if (!cut) return chunk;
        at.close();
        return chunk.subarray(0, 10);
      },
    });
    try {
      const c = await open({ port: relay.port });
      await c.command('SET', 'cut', 'x'.repeat(1000));
      cut = true;
      const e = await rejection(c.command('GET', 'cut'));
      expect(e).toBeInstanceOf(RedisConnectionError);
      expect(e).toMatchObject({ code: 'CONNECTION_CLOSED', offset: 5 });
      expect((e as Error).cause).toMatchObject({ code: 'INCOMPLETE' });
    } finally {
      await relay.stop();
    }
  });

  it('close() lets pending commands have their replies, completes subscriptions, sends QUIT', async () => {
    const c = await open({ protocol: 3 });
    const sub = lastValueFrom(c.subscribe('closing').pipe(toArray()));
    const pending = c.command('ECHO', 'last');
    const closing = c.close();
    const late = rejection(c.command('PING'));
    expect(await pending).toEqual(bulk('last'));
    expect(await sub).toEqual([]);
    expect(await closing).toBeUndefined();
    expect(await c.closed).toBeUndefined();
    const e = await late;
    expect(e).toBeInstanceOf(RedisConnectionError);
    expect(e).toMatchObject({ code: 'CLIENT_CLOSED' });
  });

  it('close({ force: true }) destroys the socket and fails pending commands with CLIENT_CLOSED', async () => {
    const c = await open();
    const blocked = rejection(c.command('BLPOP', 'nothing', 0));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await c.close({ force: true })).toBeUndefined();
    expect(await blocked).toMatchObject({ name: 'RedisConnectionError', code: 'CLIENT_CLOSED' });
  });
});
