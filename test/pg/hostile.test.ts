// @stride/pg/client on hostile server bytes. A real PostgreSQL 15's stream, rewritten by the
// relay's hook at the 1000th DataRow of a query: a length below 4, a length past maxMessageBytes,
// an unknown message type, a column count that disagrees with the RowDescription, the connection
// closed inside the message. Each fails the running query and the queued one with the reader's
// typed error at its absolute offset, after the 999 rows before it, and closes the client. A fake
// server covers what a real one will not send: a message out of turn, an authentication method the
// client lacks, a value its type's codec refuses.
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { DecodeError, IncompleteError } from '@stride/codec';
import { type BackendMessage, type BackendMessageBytes, encodeBackend, PgError } from '@stride/pg';
import { connect, type PgClient, PgClientError } from '@stride/pg/client';
import { lastValueFrom, toArray } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RelayHook, startRelay } from '../support/relay.js';
import { type PostgresServer, startPostgres } from './support/server.js';

let server: PostgresServer;

beforeAll(async () => {
  server = await startPostgres();
});
afterAll(() => server?.stop());

/** A promise that fails after `ms`: no test here may hang. */
function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no outcome in ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** What to do to the target message: bytes to replace (by offset in the message), or where to cut the stream. */
interface Edit {
  patch?: Record<number, number>;
  cutAt?: number;
}

/**
 * A serverToClient hook that walks the server's typed framing (from byte 0: no SSLRequest) by its
 * length fields, finds the `nth` message whose type byte is `code`, and edits it. `target()` is
 * that message's absolute offset in the stream (the client's offsets are the same: edits keep the
 * length, a cut ends the stream).
 */
function editNth(code: string, nth: number, edit: Edit): { hook: RelayHook; target(): number } {
  let start = 0; // the current message's first byte
  let length = 0;
  let seen = 0;
  let target: number | undefined;
  const walk = (i: number, b: number) => {
    if (i === start) {
      if (b === code.charCodeAt(0) && ++seen === nth) target = start;
      length = 0;
    } else if (i <= start + 4) length = length * 256 + b;
    if (i >= start + 4 && i + 1 === start + 1 + length) start = i + 1;
  };
  const hook: RelayHook = (chunk, at) => {
    const out = Uint8Array.from(chunk);
    for (let k = 0; k < chunk.length; k++) {
      const i = at.offset + k;
      if (target === undefined) walk(i, chunk[k] as number);
      if (target === undefined) continue;
      if (i - target === edit.cutAt) {
        at.close();
        return out.subarray(0, k);
      }
      const byte = edit.patch?.[i - target];
      if (byte !== undefined) out[k] = byte;
    }
    return out;
  };
  return {
    hook,
    target: () => {
      if (target === undefined) throw new Error(`no ${nth}th '${code}' message went by`);
      return target;
    },
  };
}

const be32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const bytesAt = (from: number, bytes: number[]) => Object.fromEntries(bytes.map((b, i) => [from + i, b]));

// The 1000th DataRow is n = 1000: D, length 26, count 2, 4 '1000', 8 'row 1000'.
const SQL = "select n, 'row ' || n as s from generate_series(1, 2000) as n";

interface Outcome {
  rows: { n: number; s: string }[];
  error: unknown;
  queued: unknown;
  client: PgClient;
}

/** Runs SQL through a relay with the edit, and a second query queued behind it. */
async function hostile(edit: Edit, maxMessageBytes?: number): Promise<Outcome & { target: number }> {
  const { hook, target } = editNth('D', 1000, edit);
  const relay = await startRelay({ target: server, seed: 7, maxPiece: 700, serverToClient: hook });
  try {
    const client = await connect({ host: '127.0.0.1', port: relay.port, user: 'postgres', maxMessageBytes });
    const rows: { n: number; s: string }[] = [];
    const error = new Promise<unknown>((resolve) =>
      client.query<{ n: number; s: string }>(SQL).subscribe({
        next: (r) => rows.push(r),
        error: resolve,
        complete: () => resolve('completed'),
      }),
    );
    const queued = lastValueFrom(client.query('select 1')).then(
      () => 'completed',
      (e: unknown) => e,
    );
    const outcome = {
      rows,
      error: await within(10_000, error),
      queued: await within(10_000, queued),
      client,
    };
    return { ...outcome, target: target() };
  } finally {
    await relay.stop();
  }
}

/**
 * The common expectations: the reader's error with its code at the offset (a codec fault keeps
 * its class, ValidationError, LimitError or TagError, recoded in PostgreSQL's terms), 999 rows in
 * order, the same error for the queued query, the client closed.
 */
function expectFailure(
  o: Outcome,
  ErrorClass: new (...args: never[]) => Error,
  code: string,
  offset: number,
) {
  expect(o.error).toBeInstanceOf(ErrorClass);
  expect(o.error).toMatchObject({ code, offset });
  expect(o.rows).toHaveLength(999);
  expect(o.rows.every((r, i) => r.n === i + 1 && r.s === `row ${i + 1}`)).toBe(true);
  expect(o.queued).toBe(o.error);
  expect(o.client.closed).toBe(true);
}

describe('hostile bytes from a real server, rewritten at the 1000th DataRow', () => {
  it('a message length below 4: BAD_LENGTH at the length field', async () => {
    const o = await hostile({ patch: bytesAt(1, be32(3)) });
    expectFailure(o, DecodeError, 'BAD_LENGTH', o.target + 1);
  });

  it('a length past maxMessageBytes: MESSAGE_TOO_LARGE, refused when the length is read', async () => {
    const o = await hostile({ patch: bytesAt(1, be32(0x100000)) }, 4096);
    expectFailure(o, DecodeError, 'MESSAGE_TOO_LARGE', o.target + 5);
  });

  it('an unknown message type: UNKNOWN_MESSAGE at the type byte', async () => {
    const o = await hostile({ patch: { 0: 'y'.charCodeAt(0) } });
    expectFailure(o, DecodeError, 'UNKNOWN_MESSAGE', o.target);
  });

  it('a DataRow of 1 column after a RowDescription of 2: COLUMN_COUNT at the count', async () => {
    // Count 2 -> 1, and the first column's length 4 -> 16 takes in the second column's bytes.
    const o = await hostile({ patch: { ...bytesAt(5, [0, 1]), ...bytesAt(7, be32(16)) } });
    expectFailure(o, PgError, 'COLUMN_COUNT', o.target + 5);
  });

  it('the connection closed inside a message: INCOMPLETE at the field it ends in', async () => {
    const o = await hostile({ cutAt: 3 });
    expectFailure(o, IncompleteError, 'INCOMPLETE', o.target + 1);
  });

  it('an S answer to SSLRequest: TLS_NOT_SUPPORTED at byte 0', async () => {
    const hook: RelayHook = (chunk, at) =>
      at.offset === 0 ? Uint8Array.of(0x53, ...chunk.subarray(1)) : chunk;
    const relay = await startRelay({ target: server, seed: 1, serverToClient: hook });
    try {
      const e = await within(
        10_000,
        connect({ host: '127.0.0.1', port: relay.port, user: 'postgres', sslRequest: true }),
      )
        .then(() => 'connected')
        .catch((e: unknown) => e);
      expect(e).toBeInstanceOf(PgClientError);
      expect(e).toMatchObject({ code: 'TLS_NOT_SUPPORTED', offset: 0 });
    } finally {
      await relay.stop();
    }
  });
});

/** A server that answers a connection with `script(socket)`, writing backend messages. */
async function fakeServer(
  script: (send: (...m: (BackendMessage | BackendMessageBytes)[]) => void, socket: Socket) => void,
): Promise<Server> {
  const fake = createServer((socket) => {
    socket.on('error', () => {});
    script((...m) => socket.write(Buffer.concat(m.map(encodeBackend))), socket);
  });
  fake.listen(0, '127.0.0.1');
  await once(fake, 'listening');
  return fake;
}
const portOf = (s: Server) => (s.address() as { port: number }).port;
const READY: BackendMessage = { type: 'ReadyForQuery', status: 'I' };
const AUTH_OK: BackendMessage = { type: 'Authentication', kind: 'Ok' };
const INT4 = { name: 'n', tableOid: 0, columnAttribute: 0, typeOid: 23, typeSize: 4, typeModifier: -1 };

describe('a fake server', () => {
  it('a DataRow while no query runs: UNEXPECTED_MESSAGE, the client closed', async () => {
    const fake = await fakeServer((send) => {
      send(AUTH_OK, READY);
      setTimeout(() => send({ type: 'DataRow', columns: ['1'] }), 50);
    });
    try {
      const client = await within(5000, connect({ host: '127.0.0.1', port: portOf(fake), user: 'u' }));
      const ended = lastValueFrom(client.notifications).catch((e: unknown) => e);
      const e = await within(5000, ended);
      expect(e).toBeInstanceOf(PgClientError);
      // After R (9 bytes) and Z (6 bytes).
      expect(e).toMatchObject({ code: 'UNEXPECTED_MESSAGE', offset: 15 });
      expect(client.closed).toBe(true);
    } finally {
      fake.close();
    }
  });

  it('an authentication method the client lacks: AUTH_NOT_SUPPORTED, naming it', async () => {
    for (const [request, named] of [
      [{ type: 'Authentication', kind: 'GSS' }, /GSS/],
      [{ type: 'Authentication', kind: 'SASL', mechanisms: ['SCRAM-SHA-256-PLUS'] }, /SCRAM-SHA-256-PLUS/],
    ] as [BackendMessage, RegExp][]) {
      const fake = await fakeServer((send) => send(request));
      try {
        const e = await within(
          5000,
          connect({ host: '127.0.0.1', port: portOf(fake), user: 'u', password: 'p' }),
        ).catch((e: unknown) => e);
        expect(e).toBeInstanceOf(PgClientError);
        expect(e).toMatchObject({
          code: 'AUTH_NOT_SUPPORTED',
          offset: 0,
          message: expect.stringMatching(named),
        });
      } finally {
        fake.close();
      }
    }
  });

  it('a password asked for and none given: PASSWORD_REQUIRED', async () => {
    const fake = await fakeServer((send) => send({ type: 'Authentication', kind: 'CleartextPassword' }));
    try {
      const e = await within(5000, connect({ host: '127.0.0.1', port: portOf(fake), user: 'u' })).catch(
        (e: unknown) => e,
      );
      expect(e).toMatchObject({ name: 'PgConnectionError', code: 'PASSWORD_REQUIRED' });
    } finally {
      fake.close();
    }
  });

  it('a value its type refuses: that query fails after its rows, the connection goes on', async () => {
    const fake = await fakeServer((send, socket) => {
      send(AUTH_OK, READY);
      let queries = 0;
      socket.on('data', () => {
        // The first query: two good int4 rows in binary, then one of 3 bytes; the second: one row.
        if (++queries === 1)
          send(
            { type: 'RowDescription', fields: [{ ...INT4, format: 1 }] },
            { type: 'DataRow', columns: [Uint8Array.of(0, 0, 0, 1)] },
            { type: 'DataRow', columns: [Uint8Array.of(0, 0, 0, 2)] },
            { type: 'DataRow', columns: [Uint8Array.of(0, 0, 3)] },
            { type: 'DataRow', columns: [Uint8Array.of(0, 0, 0, 4)] },
            { type: 'CommandComplete', tag: 'SELECT 4' },
            READY,
          );
        else
          send(
            { type: 'RowDescription', fields: [{ ...INT4, format: 0 }] },
            { type: 'DataRow', columns: ['5'] },
            { type: 'CommandComplete', tag: 'SELECT 1' },
            READY,
          );
      });
    });
    try {
      const client = await within(5000, connect({ host: '127.0.0.1', port: portOf(fake), user: 'u' }));
      const rows: unknown[] = [];
      const e = await within(
        5000,
        new Promise((resolve) =>
          client
            .query('select', [], { format: 'binary' })
            .subscribe({ next: (r) => rows.push(r), error: resolve }),
        ),
      );
      expect(rows).toEqual([{ n: 1 }, { n: 2 }]);
      expect(e).toMatchObject({ code: 'INCOMPLETE', path: 'rows[2].n' });
      expect(await within(5000, lastValueFrom(client.query('select').pipe(toArray())))).toEqual([{ n: 5 }]);
      await client.close();
    } finally {
      fake.close();
    }
  });
});
