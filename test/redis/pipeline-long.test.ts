// @stride/redis/client with 200,000 commands in flight against a real redis-server: the replies
// awaited wait in a Fifo (@stride/view/fifo), whose shift() is O(1) however many wait. An array's
// shift() is O(n) past some 16,000 elements, which made matching the replies quadratic (45 s for
// 200,000), and spreading them into Array.prototype.push overflowed the stack past ~120,000.
import { connect, type RedisClient } from '@stride/redis/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedis } from './support/server.js';

const N = 200_000;
/** Generous: 4 to 8 s here; with an Array as the queue, 45 s each. */
const BOUND_MS = 30_000;

let server: RedisServer;
let client: RedisClient;

beforeAll(async () => {
  server = await startRedis();
  client = await connect({ host: server.host, port: server.port });
});
afterAll(async () => {
  await client?.close({ force: true });
  await server?.stop();
});

/** The first reply that is not INCR's count 1, 2, 3 … in order, or ''. */
function firstWrong(replies: readonly unknown[]): string {
  const i = replies.findIndex(
    (r, i) => JSON.stringify(r) !== JSON.stringify({ type: 'integer', value: i + 1 }),
  );
  return i < 0 ? '' : `reply ${i}: ${JSON.stringify(replies[i])}`;
}

describe(`${N.toLocaleString('en')} commands waiting for their replies`, () => {
  it('pipeline(): every INCR answered in order, in bounded time', async () => {
    const t = performance.now();
    const replies = await client.pipeline(Array.from({ length: N }, () => ['INCR', 'long:pipeline']));
    const ms = performance.now() - t;
    expect(replies).toHaveLength(N);
    expect(firstWrong(replies)).toBe('');
    expect(ms).toBeLessThan(BOUND_MS);
  }, 120_000);

  it('un-awaited command()s in one tick: every INCR answered in order, in bounded time', async () => {
    const t = performance.now();
    const replies = await Promise.all(
      Array.from({ length: N }, () => client.command('INCR', 'long:commands')),
    );
    const ms = performance.now() - t;
    expect(replies).toHaveLength(N);
    expect(firstWrong(replies)).toBe('');
    expect(ms).toBeLessThan(BOUND_MS);
  }, 120_000);
});
