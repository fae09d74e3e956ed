// The test infrastructure against a real server: startRedis() gives a redis-server that answers an
// inline PING on a raw socket, takes extra configuration and the DEBUG command, refuses a bad
// directive with its own message, and stop() leaves no process and no directory behind.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as net from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRedisCli, type RedisServer, startRedis } from './support/server.js';

let server: RedisServer;
beforeAll(async () => {
  server = await startRedis({ args: ['--proto-max-bulk-len', '1gb'] });
});
afterAll(() => server?.stop());

/**
 * Everything the server sends on a new connection after `request` and an inline QUIT, which it
 * answers +OK before closing the connection; that +OK is left out.
 */
function exchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let answer = '';
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
    });
    socket.once('error', reject);
    socket.once('end', () => {
      socket.destroy();
      if (answer.endsWith('+OK\r\n')) resolve(answer.slice(0, -'+OK\r\n'.length));
      else reject(new Error(`no +OK for QUIT at the end of ${JSON.stringify(answer)}`));
    });
    socket.once('connect', () => socket.write(`${request}QUIT\r\n`));
  });
}

describe('startRedis', () => {
  it('listens on 127.0.0.1 and answers an inline PING with +PONG', async () => {
    expect(server).toMatchObject({ host: '127.0.0.1' });
    expect(server.port).toBeGreaterThan(0);
    expect(() => process.kill(server.pid, 0)).not.toThrow();
    expect(await exchange(server.port, 'PING\r\n')).toBe('+PONG\r\n');
  });

  it('applies extra arguments, enables DEBUG locally, keeps its log and data in its directory', async () => {
    expect(await exchange(server.port, 'CONFIG GET proto-max-bulk-len\r\n')).toBe(
      '*2\r\n$18\r\nproto-max-bulk-len\r\n$10\r\n1073741824\r\n',
    );
    expect(
      await exchange(server.port, 'CONFIG GET dir\r\nCONFIG GET save\r\nCONFIG GET appendonly\r\n'),
    ).toBe(
      `*2\r\n$3\r\ndir\r\n$${server.dir.length}\r\n${server.dir}\r\n` +
        '*2\r\n$4\r\nsave\r\n$0\r\n\r\n*2\r\n$10\r\nappendonly\r\n$2\r\nno\r\n',
    );
    expect(await exchange(server.port, 'DEBUG PROTOCOL true\r\n')).toBe(':1\r\n');
    expect(existsSync(join(server.dir, 'redis.log'))).toBe(true);
  });

  it('finds redis-cli, which talks to the server', () => {
    const cli = findRedisCli();
    const out = execFileSync(cli, ['-h', server.host, '-p', String(server.port), 'ECHO', 'stride'], {
      encoding: 'utf8',
    });
    expect(out).toBe('stride\n');
  });

  it('rejects with the server’s own message when it refuses its configuration', async () => {
    await expect(startRedis({ args: ['--no-such-directive', 'x'] })).rejects.toThrow(/no-such-directive/);
  });

  it('stop() ends the server and removes its directory', async () => {
    expect(existsSync(server.dir)).toBe(true);
    await server.stop();
    expect(() => process.kill(server.pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
    expect(existsSync(server.dir)).toBe(false);
    await server.stop(); // a second stop is harmless
  });
});
