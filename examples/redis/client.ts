/**
 * Talks to a Redis server (the example server next to this file, or a real one) with
 * `@stride/redis/client`: one command given on the command line, as redis-cli does, or a short tour
 * (commands one by one, a pipeline, an error reply the connection survives).
 *
 *   npx tsx --conditions=@stride/source examples/redis/client.ts [--host H] [--port P] [--resp3] [COMMAND [ARG…]]
 *
 * The server is 127.0.0.1:6380 (the example server's port) unless --host and --port (or
 * $REDIS_HOST and $REDIS_PORT) say otherwise; --resp3 connects with `HELLO 3`. Each reply is
 * printed made plain (`plain()`: strings, numbers, arrays, Map …); an error reply as `(error) …`.
 * Exit status: 0, or 1 when the connection fails or the one command given gets an error reply.
 */
import { inspect, parseArgs } from 'node:util';
import { DecodeError } from '@stride/codec';
import { type CommandArg, type Plain, plain, RedisReplyError } from '@stride/redis';
import { connect, type RedisClient } from '@stride/redis/client';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    host: { type: 'string', default: process.env.REDIS_HOST ?? '127.0.0.1' },
    port: { type: 'string', default: process.env.REDIS_PORT ?? '6380' },
    resp3: { type: 'boolean', default: false },
  },
});

/** A reply as one line: an error reply as redis-cli shows it, anything else as Node shows it. */
function show(reply: Plain): string {
  if (reply instanceof RedisReplyError) return `(error) ${reply.message}`;
  return inspect(reply, { breakLength: Number.POSITIVE_INFINITY, depth: 6 });
}

/** A command as a line, its arguments quoted when they hold a space (as redis-cli takes them). */
function line(args: readonly CommandArg[]): string {
  return args.map((a) => (/[\s"]/.test(String(a)) ? JSON.stringify(String(a)) : String(a))).join(' ');
}

/** Sends one command and prints it and its reply; an error reply is printed, not thrown. */
async function run(client: RedisClient, ...args: CommandArg[]): Promise<Plain> {
  console.log(`> ${line(args)}`);
  let reply: Plain;
  try {
    reply = await client.call(...args);
  } catch (e) {
    if (!(e instanceof RedisReplyError)) throw e;
    reply = e;
  }
  console.log(show(reply));
  return reply;
}

/** The tour: what a client does, one command at a time, then several in one write. */
async function tour(client: RedisClient): Promise<void> {
  await run(client, 'PING');
  await run(client, 'SET', 'greeting', 'hello from stride');
  await run(client, 'GET', 'greeting');
  await run(client, 'INCR', 'visits');
  await run(client, 'INCR', 'greeting'); // an error reply: the connection goes on
  await run(client, 'GET', 'missing');
  // A pipeline: one write, the replies in order (an error reply among them as a value).
  const commands = [['SET', 'a', '41'], ['INCR', 'a'], ['GET', 'a'], ['NO-SUCH-COMMAND']];
  console.log(`> pipeline: ${commands.map(line).join('; ')}`);
  for (const reply of await client.pipeline(commands)) console.log(show(plain(reply)));
}

const where = `${values.host}:${values.port}`;
try {
  const client = await connect({
    host: values.host,
    port: Number(values.port),
    protocol: values.resp3 ? 3 : 2,
  });
  try {
    if (client.server !== undefined)
      console.log(
        `connected to ${where}: ${client.server.get('server')} ${client.server.get('version')}, RESP3`,
      );
    if (positionals.length === 0) await tour(client);
    else if ((await run(client, ...positionals)) instanceof RedisReplyError) process.exitCode = 1;
  } finally {
    await client.close();
  }
} catch (e) {
  // A RedisConnectionError (refused, closed: `code`), or a protocol fault (a DecodeError: its
  // code and the byte offset in the server's stream).
  const what = e instanceof DecodeError ? `${e.code} at byte ${e.offset}: ${e.detail}` : String(e);
  console.error(`${where}: ${what}`);
  process.exitCode = 1;
}
