// @stride/redis/client with 200,000 commands in flight against a real redis-server: the replies
// awaited wait in a Fifo (@stride/view/fifo), whose shift() is O(1) however many wait. An array's
// shift() is O(n) past some 16,000 elements, which made matching the replies quadratic (45 s for
// 200,000), and spreading them into Array.prototype.push overflowed the stack past ~120,000.
import { connect, type RedisClient } from '@stride/redis/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedis } from './support/server.js';

const N = 200_000;
/** A batch an eighth as long, timed first: linear work takes about 8 times as long for N. */
const SMALL = N / 8;
/**
 * Linear within generous noise: N may take 20 times SMALL's time (plus 3 s). Here 4 to 8 s for N;
 * with an Array as the queue 45 s (quadratic past 16,000 waiting), against ~1 s for SMALL.
 */
const linearBound = (smallMs: number) => 20 * smallMs + 3000;

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
  const pipelined = async (n: number, key: string) => {
    const t = performance.now();
    const replies = await client.pipeline(Array.from({ length: n }, () => ['INCR', key]));
    return { replies, ms: performance.now() - t };
  };
  const commands = async (n: number, key: string) => {
    const t = performance.now();
    const replies = await Promise.all(Array.from({ length: n }, () => client.command('INCR', key)));
    return { replies, ms: performance.now() - t };
  };

  it('pipeline(): every INCR answered in order, in time linear in their number', async () => {
    const small = await pipelined(SMALL, 'long:pipeline:small');
    const { replies, ms } = await pipelined(N, 'long:pipeline');
    expect(replies).toHaveLength(N);
    expect(firstWrong(replies)).toBe('');
    expect(ms).toBeLessThan(linearBound(small.ms));
  }, 120_000);

  it('un-awaited command()s in one tick: every INCR answered in order, in time linear in their number', async () => {
    const small = await commands(SMALL, 'long:commands:small');
    const { replies, ms } = await commands(N, 'long:commands');
    expect(replies).toHaveLength(N);
    expect(firstWrong(replies)).toBe('');
    expect(ms).toBeLessThan(linearBound(small.ms));
  }, 120_000);
});
