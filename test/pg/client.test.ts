// @stride/pg/client against a real PostgreSQL 15: startup (an SSLRequest answered N), simple and
// extended queries, server errors that leave the connection usable, NULLs, COPY OUT,
// LISTEN/NOTIFY, the queue, cancellation, the connection's end, and 100,000 rows through a relay
// that re-cuts the server's bytes into small random pieces.
import { execFile } from 'node:child_process';
import { pgTypes } from '@stride/pg';
import {
  connect,
  type PgClient,
  PgConnectionError,
  PgServerError,
  type QueryOptions,
  typed,
} from '@stride/pg/client';
import { firstValueFrom, lastValueFrom, take, toArray } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractCommands, readerEnv, root } from '../readme/commands.js';
import { startRelay } from '../support/relay.js';
import { type PostgresServer, startPostgres } from './support/server.js';

let server: PostgresServer;
let client: PgClient;

const { bytea, int4, int8 } = pgTypes;

const open = (port = server.port) =>
  connect({ host: server.host, port, user: server.user, database: server.database });

beforeAll(async () => {
  server = await startPostgres();
  client = await open();
});
afterAll(async () => {
  await client?.close();
  await server?.stop();
});

function all<R extends Record<string, unknown> = Record<string, unknown>>(
  sql: string,
  params?: unknown[],
  options?: QueryOptions,
  c = client,
): Promise<R[]> {
  return lastValueFrom(c.query<R>(sql, params, options).pipe(toArray()));
}

/** What a promise rejects with (the test fails if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (e: unknown) => e,
  );
}

describe('connecting', () => {
  it('sends an SSLRequest, goes on in plain text after N, and sets UTC, ISO and UTF8', async () => {
    const c = await connect({ host: server.host, port: server.port, user: 'postgres', sslRequest: true });
    expect(c.parameters).toMatchObject({ TimeZone: 'UTC', client_encoding: 'UTF8' });
    expect(c.parameters.DateStyle).toMatch(/^ISO/);
    expect(c.parameters.server_version).toMatch(/^15\./);
    const [{ pid }] = (await all<{ pid: number }>('select pg_backend_pid() as pid', [], {}, c)) as [
      { pid: number },
    ];
    expect(c.processId).toBe(pid);
    await c.close();
    expect(c.closed).toBe(true);
  });

  it('passes more parameters, and refuses to let them override the fixed ones', async () => {
    const c = await connect({ ...server, parameters: { application_name: 'stride test' } });
    expect(c.parameters.application_name).toBe('stride test');
    await c.close();
    await expect(connect({ ...server, parameters: { timezone: 'Europe/Paris' } })).rejects.toThrow(TypeError);
  });

  it('rejects with the server error for a database that does not exist', async () => {
    const e = await rejection(connect({ ...server, database: 'no_such_database' }));
    expect(e).toBeInstanceOf(PgServerError);
    expect(e).toMatchObject({ code: '3D000', severity: 'FATAL' });
  });

  it('rejects with CONNECTION_CLOSED when nothing listens', async () => {
    const relay = await startRelay({ target: server, seed: 1 });
    const port = relay.port;
    await relay.stop();
    const e = await rejection(open(port));
    expect(e).toBeInstanceOf(PgConnectionError);
    expect(e).toMatchObject({ code: 'CONNECTION_CLOSED', offset: 0 });
  });
});

describe('queries', () => {
  it('runs a simple query: rows keyed by column name, values by type', async () => {
    expect(await all("select 1 as a, 'x' as b, 2.50::numeric as c, true as d, 5::int8 as e")).toEqual([
      { a: 1, b: 'x', c: '2.50', d: true, e: 5n },
    ]);
    // Several statements: each one's rows, in order.
    expect(await all('select 1 as a; select 2 as b')).toEqual([{ a: 1 }, { b: 2 }]);
    expect(await all('')).toEqual([]);
    expect(await all('create temporary table t (x int)')).toEqual([]);
  });

  it('runs the extended protocol with parameters, in text and binary', async () => {
    const sql = 'select $1::int4 + 1 as n, $2::text as s';
    for (const format of ['text', 'binary'] as const)
      expect(await all(sql, [41, 'héllo ✓'], { format })).toEqual([{ n: 42, s: 'héllo ✓' }]);
    expect(await all(sql, [1, 'x'], { format: ['binary', 'text'] })).toEqual([{ n: 2, s: 'x' }]);
    // Typed parameters go in binary with their OID; a Uint8Array as bytea.
    expect(await all('select $1 + 1 as n, $2 as b', [typed(int8, 2n ** 62n), Uint8Array.of(0, 255)])).toEqual(
      [{ n: 2n ** 62n + 1n, b: Uint8Array.of(0, 255) }],
    );
    expect(
      await all('select $1::bytea as b', [typed(bytea, Uint8Array.of(1, 2))], { format: 'binary' }),
    ).toEqual([{ b: Uint8Array.of(1, 2) }]);
  });

  it('reads NULLs in text and binary, and sends null as NULL', async () => {
    for (const format of ['text', 'binary'] as const) {
      expect(await all('select null::int4 as a, null::text as b, 1 as c', [], { format })).toEqual([
        { a: null, b: null, c: 1 },
      ]);
      expect(
        await all('select $1::text is null as n, $2::int4 as i', [null, typed(int4, null)], { format }),
      ).toEqual([{ n: true, i: null }]);
    }
  });

  it('refuses a parameter it cannot send, before sending anything', async () => {
    await expect(all('select $1::jsonb', [{ a: 1 }])).rejects.toThrow(TypeError);
    await expect(all('select $1::int4', [typed(int4, 2 ** 40)])).rejects.toMatchObject({
      name: 'EncodeError',
    });
    expect(await all('select 1 as one')).toEqual([{ one: 1 }]);
  });

  it('gives a server error as PgServerError, and the next query works', async () => {
    const e = await rejection(all('select 1/0'));
    expect(e).toBeInstanceOf(PgServerError);
    expect(e).toMatchObject({ code: '22012', message: 'division by zero', severity: 'ERROR' });
    expect((e as PgServerError).fields).toMatchObject({ C: '22012', M: 'division by zero' });
    expect(await all('select 2 as two')).toEqual([{ two: 2 }]);

    const p = await rejection(all('select nosuchcolumn', [1], { format: 'binary' }));
    expect(p).toMatchObject({ code: '42703', position: 8 });
    expect(await all('select $1::int4 as n', [3], { format: 'binary' })).toEqual([{ n: 3 }]);
  });

  it('delivers the rows before a server error, then the error', async () => {
    const got: unknown[] = [];
    const e = await new Promise((resolve) =>
      client.query('select 10 / (3 - n) as q from generate_series(1, 5) as n').subscribe({
        next: (r) => got.push(r),
        error: resolve,
      }),
    );
    expect(got).toEqual([{ q: 5 }, { q: 10 }]);
    expect(e).toMatchObject({ code: '22012' });
  });

  it('runs queries one at a time in the order they are subscribed', async () => {
    const order: string[] = [];
    const run = (name: string, sql: string) =>
      lastValueFrom(client.query(sql).pipe(toArray())).then((rows) => {
        order.push(name);
        return rows;
      });
    const results = await Promise.all(
      [
        run('slow', 'select pg_sleep(0.2)::text as a, 1 as n'),
        run('error', 'select 1/0'),
        run('fast', 'select 3 as n'),
      ].map((p) => p.catch((e: Error) => e.message)),
    );
    expect(order).toEqual(['slow', 'fast']);
    expect(results).toEqual([[{ a: '', n: 1 }], 'division by zero', [{ n: 3 }]]);
  });

  it('drains the rest of the rows after an unsubscribe, and the next query gets its own', async () => {
    const first = await lastValueFrom(
      client.query<{ n: number }>('select n from generate_series(1, 50000) as n').pipe(take(3), toArray()),
    );
    expect(first).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(await all('select 7 as seven')).toEqual([{ seven: 7 }]);
    // Unsubscribed while still queued: never sent.
    const queued = client.query('select pg_sleep(0.1)').subscribe();
    const dropped = client.query('select 1/0').subscribe({ error: () => expect.fail('sent after all') });
    dropped.unsubscribe();
    queued.unsubscribe();
    expect(await all('select 8 as eight')).toEqual([{ eight: 8 }]);
  });

  it('fails a statement that COPYs FROM STDIN, and tells query() from copyOut()', async () => {
    await all('create temporary table c (x int)');
    expect(await rejection(all('copy c from stdin'))).toMatchObject({ code: '57014' });
    await expect(all('copy (select 1) to stdout')).rejects.toThrow(/copyOut/);
    await expect(lastValueFrom(client.copyOut('select 1'))).rejects.toThrow(/query\(\)/);
    expect(await all('select 9 as nine')).toEqual([{ nine: 9 }]);
  });
});

describe('COPY OUT', () => {
  it('gives each CopyData payload, in order', async () => {
    const text = (chunks: Uint8Array[]) => chunks.map((c) => new TextDecoder().decode(c));
    const lines = await lastValueFrom(
      client
        .copyOut("copy (select n, 'x' || n, null from generate_series(1, 3) as n) to stdout")
        .pipe(toArray()),
    );
    expect(text(lines)).toEqual(['1\tx1\t\\N\n', '2\tx2\t\\N\n', '3\tx3\t\\N\n']);
    const csv = await lastValueFrom(
      client.copyOut("copy (select 'a,b' as s, 2 as n) to stdout with (format csv, header)").pipe(toArray()),
    );
    expect(text(csv)).toEqual(['s,n\n', '"a,b",2\n']);
  });
});

describe('LISTEN/NOTIFY', () => {
  it('delivers a notification from another session', async () => {
    const other = await open();
    try {
      await all('listen stride_channel');
      const arrived = firstValueFrom(client.notifications);
      await all("select pg_notify('stride_channel', $1)", ['payload ✓'], {}, other);
      expect(await arrived).toEqual({
        processId: other.processId,
        channel: 'stride_channel',
        payload: 'payload ✓',
      });
      await all('unlisten stride_channel');
    } finally {
      await other.close();
    }
  });
});

describe('the connection ending', () => {
  it('fails the running and queued queries when the server ends the session, and refuses new ones', async () => {
    const victim = await open();
    // Caught from the start: the victim's socket may be read (and these fail) before the other
    // connection's reply to pg_terminate_backend arrives.
    const running = rejection(all('select pg_sleep(30)', [], {}, victim));
    const queued = rejection(all('select 1', [], {}, victim));
    const ended = rejection(lastValueFrom(victim.notifications.pipe(toArray())));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await all('select pg_terminate_backend($1)', [victim.processId]);
    const e = await running;
    expect(e).toBeInstanceOf(PgServerError);
    expect(e).toMatchObject({ code: '57P01', severity: 'FATAL' });
    expect(await queued).toBe(e);
    expect(await ended).toBe(e);
    expect(victim.closed).toBe(true);
    expect(await rejection(all('select 1', [], {}, victim))).toBe(e);
    await victim.close(); // resolves: already closed
  });

  it('lets subscribed queries finish on close(), then refuses new ones', async () => {
    const c = await open();
    const last = all('select 5 as n', [], {}, c);
    const closing = c.close();
    expect(await last).toEqual([{ n: 5 }]);
    await closing;
    expect(c.closed).toBe(true);
    const e = await rejection(all('select 1', [], {}, c));
    expect(e).toBeInstanceOf(PgConnectionError);
    expect(e).toMatchObject({ code: 'CLIENT_CLOSED' });
  });

  it('errors a query with CONNECTION_CLOSED when the connection drops between messages', async () => {
    const relay = await startRelay({ target: server, seed: 3 });
    try {
      const c = await open(relay.port);
      const running = all('select pg_sleep(30)', [], {}, c);
      await new Promise((resolve) => setTimeout(resolve, 100));
      relay.closeAll();
      const e = await rejection(running);
      expect(e).toBeInstanceOf(PgConnectionError);
      expect(e).toMatchObject({ code: 'CONNECTION_CLOSED' });
      expect(c.closed).toBe(true);
    } finally {
      await relay.stop();
    }
  });
});

describe('100,000 rows through a relay that re-cuts the stream', () => {
  const sql = "select n, 'row ' || n as s from generate_series(1, 100000) as n";
  for (const maxPiece of [50, 1460]) {
    it(`in pieces of 1..${maxPiece} bytes, all rows in order`, async () => {
      const relay = await startRelay({ target: server, seed: maxPiece, maxPiece });
      const c = await open(relay.port);
      try {
        let n = 0;
        let wrong = '';
        await new Promise<void>((resolve, reject) =>
          c.query<{ n: number; s: string }>(sql).subscribe({
            next: (r) => {
              n++;
              if (!wrong && (r.n !== n || r.s !== `row ${n}`)) wrong = `row ${n}: ${JSON.stringify(r)}`;
            },
            error: reject,
            complete: resolve,
          }),
        );
        expect(wrong).toBe('');
        expect(n).toBe(100_000);
        // The same connection goes on.
        expect(await all('select 1 as one', [], {}, c)).toEqual([{ one: 1 }]);
      } finally {
        await c.close();
        await relay.stop();
      }
    }, 60_000);
  }
});

describe('examples/pg/query.ts', () => {
  it("runs the README's commands against the server, printing rows as they stream", async () => {
    const commands = extractCommands('examples/pg/README.md')
      .map((c) => c.text)
      .filter((c) => c.includes('examples/pg/query.ts'));
    expect(commands).toHaveLength(2);
    // With a server error as a third: its SQLSTATE and message, status 1.
    const env = { PGPORT: String(server.port) };
    const divide = 'npx tsx --conditions=@stride/source examples/pg/query.ts "select 1/0"';
    const [rows, binary, failed] = await Promise.all([...commands, divide].map((c) => sh(c, env)));
    expect(rows?.status, rows?.stderr).toBe(0);
    expect(rows?.stdout).toMatch(
      /^\{ n: 1, s: 'row 1', at: '\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?\+00' \}\n\{ n: 2, .*\n\{ n: 3, .*\n$/,
    );
    expect(rows?.stderr).toMatch(/^\(3 rows in [\d.]+ ms\)\n$/);
    expect(binary?.stdout).toBe("{ twice: 42n, a: [ '1.5', null ] }\n");
    expect(failed).toMatchObject({ status: 1, stdout: '' });
    expect(failed?.stderr).toContain('22012: division by zero');
  }, 60_000);
});

/** Runs a command with bash from the repository root, in a reader's environment (see readerEnv) plus `env`. */
function sh(command: string, env: Record<string, string>) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    execFile(
      'bash',
      ['-c', command],
      { cwd: root, env: { ...readerEnv(), ...env }, timeout: 50_000 },
      (e, stdout, stderr) =>
        e && typeof e.code !== 'number'
          ? reject(e)
          : resolve({ status: e ? (e.code as number) : 0, stdout, stderr }),
    );
  });
}
