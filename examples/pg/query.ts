/**
 * Runs one query on a PostgreSQL server and prints its rows as they stream in, one line each:
 *
 *   npx tsx --conditions=@stride/source examples/pg/query.ts [options] "select …" [parameters…]
 *
 * Options: --host, --port, --user, --database (default $PGHOST, $PGPORT, $PGUSER, $PGDATABASE, else
 * 127.0.0.1, 5432, postgres, postgres), --password (default $PGPASSWORD), --binary (results in
 * binary format). Arguments after the query are its parameters $1, $2 … (sent as text).
 */
import { inspect, parseArgs } from 'node:util';
import { DecodeError } from '@stride/codec';
import { connect } from '@stride/pg/client';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    host: { type: 'string', default: process.env.PGHOST ?? '127.0.0.1' },
    port: { type: 'string', default: process.env.PGPORT ?? '5432' },
    user: { type: 'string', default: process.env.PGUSER ?? 'postgres' },
    database: { type: 'string', default: process.env.PGDATABASE ?? 'postgres' },
    password: { type: 'string', default: process.env.PGPASSWORD },
    binary: { type: 'boolean', default: false },
  },
});
const [sql, ...params] = positionals;
if (sql === undefined) {
  console.error(
    'usage: query.ts [--host H] [--port P] [--user U] [--database D] [--binary] "select …" [parameters…]',
  );
  process.exit(2);
}

try {
  const client = await connect({
    host: values.host,
    port: Number(values.port),
    user: values.user,
    database: values.database,
    password: values.password,
  });
  const started = performance.now();
  let rows = 0;
  try {
    await new Promise<void>((resolve, reject) =>
      client.query(sql, params, { format: values.binary ? 'binary' : 'text' }).subscribe({
        next: (row) => {
          rows++;
          console.log(inspect(row, { breakLength: Number.POSITIVE_INFINITY, depth: 4 }));
        },
        error: reject,
        complete: resolve,
      }),
    );
  } finally {
    await client.close();
  }
  console.error(`(${rows} row${rows === 1 ? '' : 's'} in ${(performance.now() - started).toFixed(1)} ms)`);
} catch (e) {
  // PgServerError: the SQLSTATE as its code. A protocol fault (a DecodeError): a code and the byte
  // offset in the server's stream. PgConnectionError: CONNECTION_CLOSED and the like.
  const code = (e as { code?: unknown }).code;
  const at = e instanceof DecodeError ? ` at byte ${e.offset}` : '';
  console.error(
    `${typeof code === 'string' ? `${code}${at}: ` : ''}${e instanceof Error ? e.message : String(e)}`,
  );
  process.exitCode = 1;
}
