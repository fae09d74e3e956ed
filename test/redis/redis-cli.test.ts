// examples/redis: Debian's redis-cli (a client nobody here wrote) talking to the tiny server built on
// Stride's RespReader and encoder, in RESP2 and RESP3, one command at a time, as lines on its
// standard input, and as raw protocol (--pipe); every answer compared with a real redis-server's.
// And examples/redis/client.ts, run as the README says, against both servers.
import * as net from 'node:net';
import { join } from 'node:path';
import { encodeCommand } from '@stride/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Server, startServer } from '../../examples/redis/server.js';
import { root, spawnStride as spawnProgram } from '../cli/helpers.js';
import { findRedisCli, type RedisServer, startRedis } from './support/server.js';

let example: Server;
let real: RedisServer;
let redisCli: string;
const log: string[] = [];

beforeAll(async () => {
  redisCli = findRedisCli();
  [example, real] = await Promise.all([startServer(0, { log: (line) => log.push(line) }), startRedis()]);
});
afterAll(async () => {
  await example?.close();
  await real?.stop();
});

/** redis-cli on the example server (or `port`), with `input` on its standard input; its output. */
async function cli(args: string[], input?: string | Uint8Array, port = example.port): Promise<string> {
  const bytes = typeof input === 'string' ? Buffer.from(input) : input;
  const { code, stdout, stderr } = await spawnProgram(redisCli, ['-p', String(port), ...args], bytes);
  expect({ code, stderr }, stdout).toEqual({ code: 0, stderr: '' });
  return stdout;
}

describe('redis-cli and the example server', () => {
  it('PING, PING with a message, ECHO', async () => {
    expect(await cli(['PING'])).toBe('PONG\n');
    expect(await cli(['PING', 'hi there'])).toBe('hi there\n');
    expect(await cli(['ECHO', 'a\nb'])).toBe('a\nb\n');
  });

  it('SET and GET, INCR twice, EXISTS, DEL, KEYS', async () => {
    expect(await cli(['SET', 'k', 'v'])).toBe('OK\n');
    expect(await cli(['GET', 'k'])).toBe('v\n');
    expect(await cli(['--no-raw', 'GET', 'nothing'])).toBe('(nil)\n');
    expect(await cli(['INCR', 'n'])).toBe('1\n');
    expect(await cli(['INCR', 'n'])).toBe('2\n');
    expect(await cli(['--no-raw', 'INCR', 'k'])).toBe(
      '(error) ERR value is not an integer or out of range\n',
    );
    expect(await cli(['EXISTS', 'k', 'n', 'nothing'])).toBe('2\n');
    expect((await cli(['KEYS', '*'])).split('\n').sort()).toEqual(['', 'k', 'n']);
    expect(await cli(['KEYS', '?'])).not.toBe('');
    expect(await cli(['DEL', 'k', 'nothing'])).toBe('1\n');
    expect(await cli(['EXISTS', 'k'])).toBe('0\n');
  });

  it('an unknown command and a wrong number of arguments: the ERR text', async () => {
    expect(await cli(['--no-raw', 'NOPE', 'x', 'y'])).toBe(
      "(error) ERR unknown command 'NOPE', with args beginning with: 'x' 'y' \n",
    );
    expect(await cli(['--no-raw', 'GET'])).toBe("(error) ERR wrong number of arguments for 'get' command\n");
  });

  it('-3: HELLO 3 switches to RESP3, its answer a map; a missing key is RESP3 null', async () => {
    const hello = await cli(['-3', '--no-raw', 'HELLO', '3']);
    expect(hello.split('\n')).toEqual([
      '1# "server" => "stride-example"',
      '2# "version" => "7.0.0"',
      '3# "proto" => (integer) 3',
      expect.stringMatching(/^4# "id" => \(integer\) \d+$/),
      '5# "mode" => "standalone"',
      '6# "role" => "master"',
      '7# "modules" => (empty array)',
      '',
    ]);
    expect(await cli(['-3', '--no-raw', 'GET', 'nothing'])).toBe('(nil)\n');
    expect(await cli(['-3', '--no-raw', 'COMMAND', 'DOCS'])).toBe('(empty hash)\n');
    expect(await cli(['--no-raw', 'COMMAND', 'DOCS'])).toBe('(empty array)\n');
    expect(await cli(['-3', 'PING'])).toBe('PONG\n');
  });

  it('a batch of commands as lines on standard input', async () => {
    expect(await cli([], 'SET batch 1\nINCR batch\nGET batch\nPING\n')).toBe('OK\n2\n2\nPONG\n');
  });

  it('--pipe: raw protocol in, every reply counted (errors too)', async () => {
    const commands = Array.from({ length: 2000 }, (_, i) =>
      i % 2 === 0 ? ['SET', `pipe:${i}`, `value ${i}`] : ['INCR', 'pipe:count'],
    );
    const out = await cli(['--pipe'], Buffer.concat(commands.map((c) => encodeCommand(c))));
    expect(out).toContain('errors: 0, replies: 2000');
    expect(await cli(['GET', 'pipe:count'])).toBe('1000\n');
    expect(await cli(['GET', 'pipe:1998'])).toBe('value 1998\n');
    // Inline commands count too. An error reply is counted, and printed on stderr: exit status 1.
    const mixed = await spawnProgram(
      redisCli,
      ['-p', String(example.port), '--pipe'],
      Buffer.from('PING\r\nINCR pipe:1998\r\nSET a b\r\n'),
    );
    expect(mixed.stdout).toContain('errors: 1, replies: 3');
    expect(mixed.stderr).toBe('ERR value is not an integer or out of range\n');
    expect(mixed.code).toBe(1);
  });
});

describe('the example server answers redis-cli as redis-server does', () => {
  // Keys of their own, so that the other tests' keys do not matter.
  const session: string[][] = [
    ['PING'],
    ['PING', 'hello world'],
    ['SET', 'same:k', 'v'],
    ['GET', 'same:k'],
    ['GET', 'same:missing'],
    ['INCR', 'same:n'],
    ['INCR', 'same:n'],
    ['SET', 'same:s', 'abc'],
    ['INCR', 'same:s'],
    ['SET', 'same:big', '9223372036854775807'],
    ['INCR', 'same:big'],
    ['EXISTS', 'same:k', 'same:n', 'same:none'],
    ['DEL', 'same:k', 'same:none'],
    ['KEYS', 'same:b*'],
    ['ECHO', 'é\x01"'],
    ['NOPE', 'a', 'b'],
    ['SET', 'same:k'],
    ['PING', 'a', 'b'],
    ['HELLO', '4'],
    ['QUIT'],
  ];

  for (const mode of [[], ['--no-raw'], ['-3', '--no-raw']]) {
    it(`redis-cli ${mode.join(' ') || '(raw)'}: the same output for every command`, async () => {
      for (const port of [example.port, real.port])
        await cli(['DEL', 'same:n', 'same:s', 'same:big'], '', port);
      for (const command of session) {
        const [mine, theirs] = await Promise.all([
          cli([...mode, ...command]),
          cli([...mode, ...command], undefined, real.port),
        ]);
        expect(mine, command.join(' ')).toBe(theirs);
      }
    });
  }
});

describe('examples/redis/client.ts', () => {
  /** The script run as the README says (from the repository root, through tsx). */
  async function client(args: string[]): Promise<string> {
    const tsx = ['--conditions=@stride/source', '--import', 'tsx'];
    const script = join(root, 'examples/redis/client.ts');
    const { code, stdout, stderr } = await spawnProgram(process.execPath, [...tsx, script, ...args]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    return stdout;
  }

  it('its tour prints the same against the example server and against redis-server, RESP2 and RESP3', async () => {
    for (const resp3 of [false, true]) {
      const args = resp3 ? ['--resp3'] : [];
      const [mine, theirs] = [
        await client(['--port', String(example.port), ...args]),
        await client(['--port', String(real.port), ...args]),
      ];
      const lines = mine.split('\n');
      expect(lines).toContain("'hello from stride'");
      expect(lines).toContain('(error) ERR value is not an integer or out of range');
      expect(lines.slice(-4)).toEqual([
        '42',
        "'42'",
        expect.stringMatching(/^\(error\) ERR unknown command/),
        '',
      ]);
      // The first line names the server (RESP3's HELLO); INCR visits counts the runs so far.
      const comparable = (s: string) =>
        s.replace(/^connected to .*\n/, '').replace(/(> INCR visits\n)\d+/, '$1N');
      expect(comparable(mine)).toBe(comparable(theirs));
      if (resp3) expect(mine).toMatch(/^connected to 127\.0\.0\.1:\d+: stride-example 7\.0\.0, RESP3\n/);
    }
  });

  it('one command from the command line', async () => {
    expect(await client(['--port', String(example.port), 'ECHO', 'from the command line'])).toBe(
      '> ECHO "from the command line"\n\'from the command line\'\n',
    );
  });
});

describe('the example server and a client that breaks the protocol', () => {
  it('answers with a protocol error and hangs up, as Redis does', async () => {
    const socket = net.connect({ host: '127.0.0.1', port: example.port });
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('PING\r\n*1\r\n:1\r\nPING\r\n');
    await new Promise((resolve) => socket.once('close', resolve));
    expect(Buffer.concat(chunks).toString()).toBe("+PONG\r\n-ERR Protocol error: expected '$', got ':'\r\n");

    const bad = net.connect({ host: '127.0.0.1', port: example.port });
    const answer: Buffer[] = [];
    bad.on('data', (c: Buffer) => answer.push(c));
    await new Promise((resolve) => bad.once('connect', resolve));
    bad.write('*1\r\n$x\r\n');
    await new Promise((resolve) => bad.once('close', resolve));
    expect(Buffer.concat(answer).toString()).toMatch(/^-ERR Protocol error: BAD_LENGTH at byte 5: /);
    expect(log.join('\n')).toMatch(/protocol error: BAD_LENGTH at byte 5/);
  });
});
