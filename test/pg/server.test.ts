// The test infrastructure against a real server: startPostgres() gives a PostgreSQL that speaks the
// protocol on a raw socket, the relay hands the same bytes over in pieces of at most 7 bytes, and
// stop() leaves no process and no directory behind.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay } from '../support/relay.js';
import { Peer } from './support/peer.js';
import { type PostgresServer, startPostgres } from './support/server.js';
import { frames, query, sslRequest, startupMessage, terminate } from './support/wire.js';

let server: PostgresServer;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(() => server?.stop());

/** SSLRequest (refused), StartupMessage, everything up to ReadyForQuery; the bytes after 'N'. */
async function startup(port: number): Promise<{ peer: Peer; startup: Buffer }> {
  const peer = await Peer.connect(port);
  peer.write(sslRequest());
  expect((await peer.take(1)).toString('latin1')).toBe('N');
  peer.write(startupMessage({ user: server.user, database: server.database }));
  return { peer, startup: await peer.untilReady() };
}

/** The answer to one simple query, through its ReadyForQuery. */
async function ask(peer: Peer, sql: string): Promise<Buffer> {
  peer.write(query(sql));
  return peer.untilReady();
}

/** The bytes with BackendKeyData's process id and key (different on every connection) zeroed. */
function withoutKeys(bytes: Buffer): Buffer {
  const out = Buffer.from(bytes);
  for (const f of frames(out).frames) if (f.code === 'K') out.fill(0, f.start + 5, f.end);
  return out;
}

describe('startPostgres', () => {
  it('listens on 127.0.0.1 as user postgres, database postgres', () => {
    expect(server).toMatchObject({ host: '127.0.0.1', user: 'postgres', database: 'postgres' });
    expect(server.port).toBeGreaterThan(0);
    expect(() => process.kill(server.pid, 0)).not.toThrow();
  });

  it('answers SSLRequest with N, then a StartupMessage with AuthenticationOk … ReadyForQuery', async () => {
    const { peer, startup: bytes } = await startup(server.port);
    const split = frames(bytes);
    expect(split.rest).toBe(bytes.length);
    const codes = split.frames.map((f) => f.code);
    expect(codes[0]).toBe('R');
    expect(bytes.readInt32BE(5)).toBe(0); // AuthenticationOk
    expect(codes).toContain('S');
    expect(codes).toContain('K');
    expect(codes.at(-1)).toBe('Z');
    expect(bytes.at(-1)).toBe('I'.charCodeAt(0));

    const answer = await ask(peer, 'select generate_series(1,3)');
    expect(frames(answer).frames.map((f) => f.code)).toEqual(['T', 'D', 'D', 'D', 'C', 'Z']);
    peer.write(terminate());
    await peer.rest();
  });

  it('serves the same bytes through a relay that cuts them into pieces of 1..7 bytes', async () => {
    const sql = 'select generate_series(1,1000)';
    const direct = await startup(server.port);
    const directAnswer = await ask(direct.peer, sql);
    direct.peer.close();

    const relay = await startRelay({ target: server, seed: 0x5eed_7, maxPiece: 7 });
    try {
      const relayed = await startup(relay.port);
      const readsBefore = relayed.peer.reads;
      const relayedAnswer = await ask(relayed.peer, sql);
      expect(withoutKeys(relayed.startup)).toEqual(withoutKeys(direct.startup));
      expect(relayedAnswer).toEqual(directAnswer);
      expect(frames(relayedAnswer).frames.filter((f) => f.code === 'D')).toHaveLength(1000);
      // The answer (about 15 KB) arrived in many small reads, not the few large ones of loopback.
      expect(relayed.peer.reads - readsBefore).toBeGreaterThan(relayedAnswer.length / 28);
      relayed.peer.write(terminate());
      await relayed.peer.rest();
    } finally {
      await relay.stop();
    }
  });

  it('stop() ends the postmaster and removes its directory', async () => {
    expect(existsSync(server.dir)).toBe(true);
    await server.stop();
    expect(() => process.kill(server.pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
    expect(existsSync(server.dir)).toBe(false);
    await server.stop(); // a second stop is harmless
  });
});
