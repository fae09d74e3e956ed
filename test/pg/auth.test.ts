// Password authentication against a real PostgreSQL 15 whose pg_hba.conf asks each test user for
// another method: cleartext (`password`), `md5` (a role with an MD5-stored password) and
// `scram-sha-256`; a wrong password is the server's FATAL 28P01.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, PgServerError } from '@stride/pg/client';
import { lastValueFrom, toArray } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PostgresServer, startPostgres } from './support/server.js';

let server: PostgresServer;
let dir = '';

const HBA = [
  'local all all trust',
  'host all postgres 127.0.0.1/32 trust',
  'host all clear_user 127.0.0.1/32 password',
  'host all md5_user 127.0.0.1/32 md5',
  'host all scram_user 127.0.0.1/32 scram-sha-256',
].join('\n');

beforeAll(async () => {
  // Readable by the server, which runs as the postgres user when the tests run as root.
  dir = mkdtempSync(join(tmpdir(), 'stride-pg-hba-'));
  chmodSync(dir, 0o755);
  const hba = join(dir, 'pg_hba.conf');
  writeFileSync(hba, `${HBA}\n`, { mode: 0o644 });
  server = await startPostgres({ settings: { hba_file: hba } });
  const admin = await connect({ host: server.host, port: server.port, user: 'postgres' });
  for (const sql of [
    "create role clear_user login password 'clear secret'",
    "set password_encryption = 'md5'",
    "create role md5_user login password 'md5 secret'",
    "set password_encryption = 'scram-sha-256'",
    "create role scram_user login password 'scräm secret ✓'",
  ])
    await lastValueFrom(admin.query(sql).pipe(toArray()));
  await admin.close();
});
afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('password authentication', () => {
  for (const [user, password] of [
    ['clear_user', 'clear secret'],
    ['md5_user', 'md5 secret'],
    ['scram_user', 'scräm secret ✓'],
  ] as const) {
    it(`${user}: connects with the password, and a wrong one is 28P01`, async () => {
      const options = { host: server.host, port: server.port, user, database: 'postgres' } as const;
      const client = await connect({ ...options, password });
      const rows = await lastValueFrom(client.query('select current_user as u').pipe(toArray()));
      expect(rows).toEqual([{ u: user }]);
      await client.close();
      const e = await connect({ ...options, password: `${password}!` }).catch((e: unknown) => e);
      expect(e).toBeInstanceOf(PgServerError);
      expect(e).toMatchObject({ code: '28P01', severity: 'FATAL' });
    });
  }
});
