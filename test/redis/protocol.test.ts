// RespReader against a real Redis 7 (Debian's redis-server, started here on 127.0.0.1) over raw
// sockets: RESP2 and RESP3 sessions, every reply type the server can produce (`DEBUG PROTOCOL`
// makes it answer each RESP3 type, and the RESP2 downgrade of each), an error reply (WRONGTYPE),
// 10,000 pipelined commands through a relay that re-cuts the stream into random pieces, and a 64 MiB
// value read back in pieces as it arrives. Each reply's bytes are also read by the independent
// oracle (support/wire.ts), and the two must agree.
import * as net from 'node:net';
import {
  type BulkPiece,
  encodeCommand,
  RespReader,
  type RespReaderOptions,
  type RespValue,
} from '@stride/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay } from '../support/relay.js';
import { type RedisServer, startRedis } from './support/server.js';
import { type Reply, readReplies } from './support/wire.js';

/** What the sessions here read: values, and pieces of long bulk strings where streamed. */
type Message = RespValue | BulkPiece;

let server: RedisServer;

beforeAll(async () => {
  server = await startRedis();
});
afterAll(() => server?.stop());

/** A raw connection: commands written as they are given, messages read by a RespReader, bytes kept for the oracle. */
interface Session {
  send(...commands: (string | Uint8Array | number)[][]): void;
  /** The next `n` messages (waits for them). */
  take(n: number): Promise<Message[]>;
  /** Every byte received so far. */
  received(): Uint8Array;
  end(): void;
}

async function open(port: number, options: RespReaderOptions = {}, keep = true): Promise<Session> {
  const socket = net.connect({ host: '127.0.0.1', port });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const reader = new RespReader(options);
  const queue: Message[] = [];
  const bytes: Buffer[] = [];
  let failure: unknown;
  let wake = () => {};
  socket.on('data', (chunk: Buffer) => {
    if (keep) bytes.push(chunk);
    try {
      reader.write(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length), (m) =>
        queue.push(m as Message),
      );
    } catch (e) {
      failure = e;
    }
    wake();
  });
  return {
    send: (...commands) => socket.write(Buffer.concat(commands.map((c) => encodeCommand(c)))),
    take: async (n) => {
      while (queue.length < n) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
      return queue.splice(0, n);
    },
    received: () => new Uint8Array(Buffer.concat(bytes)),
    end: () => socket.destroy(),
  };
}

/** Our value in the oracle's terms. */
function asOracle(v: RespValue): Reply {
  switch (v.type) {
    case 'error':
    case 'bulkError':
      return { error: v.value };
    case 'null':
      return null;
    case 'verbatim':
      return { format: v.format, text: v.value };
    case 'array':
      return v.value === null ? null : v.value.map(asOracle);
    case 'set':
      return new Set(v.value.map(asOracle));
    case 'push':
      return { push: v.value.map(asOracle) };
    case 'map':
      return new Map(v.value.map(([k, x]) => [asOracle(k), asOracle(x)]));
    case 'attribute':
      return {
        attributes: new Map(v.attributes.map(([k, x]) => [asOracle(k), asOracle(x)])),
        value: asOracle(v.value),
      };
    default:
      return v.value;
  }
}

const DEBUG_TYPES = [
  'string',
  'integer',
  'double',
  'bignum',
  'null',
  'array',
  'set',
  'map',
  'attrib',
  'push',
  'verbatim',
  'true',
  'false',
];

describe('a real Redis server', () => {
  for (const protocol of [2, 3]) {
    it(`RESP${protocol}: every type DEBUG PROTOCOL produces, as the oracle reads it`, async () => {
      const s = await open(server.port);
      s.send(['HELLO', protocol]);
      const [hello] = (await s.take(1)) as RespValue[];
      expect(hello?.type).toBe(protocol === 3 ? 'map' : 'array');
      for (const t of DEBUG_TYPES) s.send(['DEBUG', 'PROTOCOL', t]);
      // In RESP3 `DEBUG PROTOCOL push` sends a push, then its reply.
      const replies = (await s.take(DEBUG_TYPES.length + (protocol === 3 ? 1 : 0))) as RespValue[];
      const types = replies.map((r) => r.type);
      if (protocol === 3) {
        expect(types).toEqual([
          'bulk',
          'integer',
          'double',
          'bignum',
          'null',
          'array',
          'set',
          'map',
          'attribute',
          'push',
          'bulk',
          'verbatim',
          'boolean',
          'boolean',
        ]);
      } else {
        // RESP2 drops the attribute and has no push (an error reply); the rest are downgraded.
        expect(types).toEqual([
          'bulk',
          'integer',
          'bulk',
          'bulk',
          'bulk',
          'array',
          'array',
          'array',
          'bulk',
          'error',
          'bulk',
          'integer',
          'integer',
        ]);
      }
      // Every value read here is what the oracle reads from the same bytes.
      const oracle = readReplies(s.received());
      expect(replies.map(asOracle)).toEqual(oracle.slice(1));
      s.end();
    });
  }

  it('an error reply (WRONGTYPE) is a value, and the connection goes on', async () => {
    const s = await open(server.port);
    s.send(['DEL', 'wrongtype'], ['LPUSH', 'wrongtype', 'x'], ['GET', 'wrongtype'], ['PING']);
    const [, , err, pong] = (await s.take(4)) as RespValue[];
    expect(err).toEqual({ type: 'error', value: expect.stringMatching(/^WRONGTYPE /) });
    expect(pong).toEqual({ type: 'simple', value: 'PONG' });
    s.end();
  });

  it('10,000 pipelined commands through a relay that re-cuts both directions', async () => {
    const relay = await startRelay({
      target: { host: '127.0.0.1', port: server.port },
      seed: 14,
      maxPiece: 700,
    });
    try {
      const s = await open(relay.port, {}, false);
      const n = 10_000;
      const commands: (string | number)[][] = [['DEL', 'pipe:list']];
      for (let i = 1; i < n; i++) {
        if (i % 3 === 0) commands.push(['RPUSH', 'pipe:list', `v${i}`]);
        else if (i % 3 === 1) commands.push(['ECHO', `${'x'.repeat(i % 97)}${i}`]);
        else commands.push(['LRANGE', 'pipe:list', 0, 2]);
      }
      s.send(...commands);
      const replies = (await s.take(n)) as RespValue[];
      let pushed = 0;
      for (let i = 1; i < n; i++) {
        const r = replies[i] as RespValue;
        if (i % 3 === 0) expect(r).toEqual({ type: 'integer', value: ++pushed });
        else if (i % 3 === 1)
          expect(r.type === 'bulk' && Buffer.from(r.value as Uint8Array).toString()).toBe(
            `${'x'.repeat(i % 97)}${i}`,
          );
        else expect(r.type === 'array' && r.value?.length).toBe(Math.min(pushed, 3));
      }
      s.end();
    } finally {
      await relay.stop();
    }
  });

  it('a 64 MiB value read back in pieces as it arrives, never held whole', async () => {
    const size = 64 * 1024 * 1024;
    const value = new Uint8Array(size);
    for (let i = 0; i < size; i += 4096) value[i] = (i >>> 12) & 0xff;
    const s = await open(server.port, { streamBulkOver: 1024 * 1024 }, false);
    s.send(['SET', 'big', value]);
    expect(await s.take(1)).toEqual([{ type: 'simple', value: 'OK' }]);
    s.send(['GET', 'big'], ['STRLEN', 'big']);
    let at = 0;
    let pieces = 0;
    let largest = 0;
    while (at < size) {
      const [piece] = (await s.take(1)) as BulkPiece[];
      expect(piece).toMatchObject({ type: 'bulkPiece', at, length: size });
      const bytes = (piece as BulkPiece).value;
      for (let i = (4096 - (at % 4096)) % 4096; i < bytes.length; i += 4096)
        if (bytes[i] !== value[at + i]) throw new Error(`byte ${at + i} differs`);
      at += bytes.length;
      pieces++;
      largest = Math.max(largest, bytes.length);
    }
    expect(at).toBe(size);
    expect(pieces).toBeGreaterThan(64);
    // Each piece is what one socket read brought, never the value.
    expect(largest).toBeLessThanOrEqual(1024 * 1024);
    expect(await s.take(1)).toEqual([{ type: 'integer', value: size }]);
    s.end();
  });
});
