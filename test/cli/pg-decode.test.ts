import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { run } from '@stride/cli';
import { encodeBackend, encodeFrontend } from '@stride/pg';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIXTURES, readDissection, streamBytes, type TsharkMessage, wireSize } from '../pg/support/tshark.js';
import { decodeJson, decodeTable, decodeWithOutputHeld, piped, scratchFiles, stride } from './helpers.js';

const streams = readDissection();
const DIRECTIONS = ['client', 'server'] as const;
const fixture = (n: number, d: string) => `${FIXTURES}stream-${n}-${d}.bin`;

const scratch = scratchFiles('stride-pg-');
const tempFile = scratch.file;

/** A table row: type, offset, length, and the summary if there is one. */
const ROW = /^([A-Za-z]+) {2}offset (\d+) {2}length (\d+)(?: {2}(.+))?$/;

interface Row {
  type: string;
  offset: number;
  length: number;
  summary: string;
}

/** A row: its type first (pg's table), then offset, length and the summary. */
function typedRow(line: string): Row {
  const m = ROW.exec(line);
  if (m === null) throw new Error(`not a row: ${line}`);
  return { type: m[1] as string, offset: Number(m[2]), length: Number(m[3]), summary: m[4] ?? '' };
}

const table = (stdout: string) => decodeTable(stdout, typedRow);

interface JsonOutput {
  from: string;
  messages: { offset: number; length: number; type: string; value: Record<string, unknown> }[];
  error: null | { code: string; offset: number; message: string };
}

const parseJson = (stdout: string) =>
  decodeJson<JsonOutput>(stdout, {
    document: ['from', 'messages', 'error'],
    list: 'messages',
    item: ['offset', 'length', 'type', 'value'],
    exactly: true,
    error: ['code', 'offset', 'message'],
  });

/** Where each of tshark's messages starts. */
function offsets(messages: readonly TsharkMessage[]): number[] {
  let at = 0;
  return messages.map((m) => {
    const start = at;
    at += wireSize(m);
    return start;
  });
}

const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex');

describe('stride pg decode on the capture', () => {
  for (const { stream, ...messages } of streams) {
    for (const from of DIRECTIONS) {
      const expected = messages[from];
      const size = streamBytes(stream, from).length;

      it(`stream ${stream} ${from}: a row per tshark message, the direction guessed, exit 0`, async () => {
        const { code, stdout, stderr } = await stride(['pg', 'decode', fixture(stream, from)]);
        expect(stderr).toBe('');
        expect(code).toBe(0);
        const t = table(stdout);
        expect(t.from).toBe(`from ${from} (guessed from the first bytes)`);
        expect(t.rows.map((r) => [r.type, r.offset, r.length])).toEqual(
          expected.map((m, i) => [m.type, offsets(expected)[i], wireSize(m)]),
        );
        expect(t.verdict).toBe(`valid: ${expected.length} messages, ${size} bytes`);
      });

      it(`stream ${stream} ${from}: --json has the same messages and tshark's values`, async () => {
        const { code, stdout } = await stride(['pg', 'decode', '--json', fixture(stream, from)]);
        expect(code).toBe(0);
        const doc = parseJson(stdout);
        expect(doc.from).toBe(from);
        expect(doc.error).toBeNull();
        expect(doc.messages.map((m) => [m.type, m.offset, m.length])).toEqual(
          expected.map((m, i) => [m.type, offsets(expected)[i], wireSize(m)]),
        );
        doc.messages.forEach((m, i) => {
          const t = expected[i] as TsharkMessage;
          // Bytes are hex: a DataRow's columns (tshark's text, as UTF-8), CopyData, Bind parameters.
          if (m.type === 'DataRow')
            expect(m.value.columns).toEqual((t.fields.columns as (string | null)[]).map((c) => c && hex(c)));
          else if (m.type === 'CopyData')
            expect(m.value.data).toBe(Buffer.from(t.fields.data as Uint8Array).toString('hex'));
          else if (m.type === 'Bind')
            expect(m.value.parameters).toEqual(
              (t.fields.parameters as (Uint8Array | null)[]).map((p) => p && Buffer.from(p).toString('hex')),
            );
          else if (['RowDescription', 'ErrorResponse', 'Query', 'Parse', 'StartupMessage'].includes(m.type))
            expect(m.value).toEqual(t.fields);
        });
      });

      it(`stream ${stream} ${from}: standard input in 7-byte and 1-byte pieces prints the same`, async () => {
        const bytes = streamBytes(stream, from);
        const file = await stride(['pg', 'decode', fixture(stream, from)]);
        for (const size of [7, 1]) {
          const piece = await stride(['pg', 'decode', '-'], piped(bytes, size));
          expect(piece).toEqual(file);
        }
      });
    }
  }

  it('summarizes each message in a line', async () => {
    const psql = (await stride(['pg', 'decode', fixture(0, 'server')])).stdout.split('\n');
    for (const line of [
      'SSLResponse  offset 0  length 1  N (no encryption)',
      'Authentication  offset 1  length 9  Ok',
      'ParameterStatus  offset 374  length 22  TimeZone = Etc/UTC',
      'BackendKeyData  offset 396  length 13  process 19615, key 2433160876',
      'ReadyForQuery  offset 409  length 6  I (idle)',
      'RowDescription  offset 415  length 49  g int4, md5 text',
      "DataRow  offset 464  length 48  2 columns: '1', 'c4ca4238a0b923820dcc509…'",
      'CommandComplete  offset 10356  length 16  SELECT 200',
      'ErrorResponse  offset 10378  length 66  ERROR 22012 division by zero',
      'CopyOutResponse  offset 10450  length 10  text, 1 column',
      "CopyData  offset 10460  length 7  2 bytes: '1\\n'",
      'CopyDone  offset 10851  length 5',
    ])
      expect(psql).toContain(line);
    const client = (await stride(['pg', 'decode', fixture(0, 'client')])).stdout.split('\n');
    expect(client.slice(0, 3)).toEqual([
      'from client (guessed from the first bytes)',
      'SSLRequest  offset 0  length 8',
      "StartupMessage  offset 8  length 63  protocol 3.0, user='postgres', database='postgres', application_name='psql'",
    ]);
    expect(client).toContain('Query  offset 129  length 16  select 1/0');
    const pgbench = (await stride(['pg', 'decode', fixture(2, 'client')])).stdout.split('\n');
    for (const line of [
      "Parse  offset 74  length 62  statement '': SELECT abalance FROM pgbench_accounts WHERE aid = $1;",
      "Bind  offset 136  length 24  portal '', statement '', 1 parameter: '48817', results text",
      "Describe  offset 160  length 7  portal ''",
      "Execute  offset 167  length 10  portal '', all rows",
      'Sync  offset 177  length 5',
    ])
      expect(pgbench).toContain(line);
  });

  it('--from overrides the guess, and the first line says so', async () => {
    for (const args of [['--from', 'server'], ['--from=server']]) {
      const { code, stdout } = await stride(['pg', 'decode', ...args, fixture(1, 'server')]);
      expect(code).toBe(0);
      expect(stdout.startsWith('from server (--from server)\nSSLResponse  offset 0  length 1')).toBe(true);
    }
    // A client's bytes read as a server's: the first byte (0) is no message type.
    const wrong = await stride(['pg', 'decode', fixture(1, 'client'), '--from', 'server', '--json']);
    expect(wrong.code).toBe(1);
    const doc = parseJson(wrong.stdout);
    expect(doc.from).toBe('server');
    expect(doc.messages).toEqual([]);
    expect(doc.error).toMatchObject({ code: 'UNKNOWN_MESSAGE', offset: 0 });
  });
});

/** The messages of a server stream, whole. */
function serverStream(...messages: Parameters<typeof encodeBackend>[0][]): Buffer {
  return Buffer.concat(messages.map(encodeBackend));
}

describe('stride pg decode on hostile input', () => {
  const psql = streamBytes(0, 'server');
  const pgbench = streamBytes(2, 'server');
  const boundaries = offsets(streams[2]?.server ?? []);

  it('a file cut anywhere: the messages before the cut, then INCOMPLETE (exit 1); at a boundary, valid', async () => {
    for (let cut = 1; cut < pgbench.length; cut++) {
      const { code, stdout, stderr } = await stride(
        ['pg', 'decode', '-'],
        piped(pgbench.subarray(0, cut), 64),
      );
      expect(stderr).toBe('');
      const t = table(stdout);
      const whole = boundaries.filter((b, i) => b + wireSize(streams[2]?.server[i] as TsharkMessage) <= cut);
      expect(t.rows.map((r) => r.offset)).toEqual(whole);
      if (boundaries.includes(cut)) {
        expect(code).toBe(0);
        expect(t.verdict).toBe(
          `valid: ${whole.length} message${whole.length === 1 ? '' : 's'}, ${cut} byte${cut === 1 ? '' : 's'}`,
        );
      } else {
        expect(code).toBe(1);
        expect(t.verdict).toMatch(/^invalid: INCOMPLETE at byte \d+: /);
      }
    }
  });

  it('a truncated file: the error after the messages before it, in the table and in JSON', async () => {
    const file = tempFile('truncated.bin', psql.subarray(0, 500)); // inside the first DataRow (464-512)
    const { code, stdout } = await stride(['pg', 'decode', file]);
    expect(code).toBe(1);
    const t = table(stdout);
    expect(t.rows).toHaveLength(18);
    expect(t.rows.at(-1)).toEqual({
      type: 'RowDescription',
      offset: 415,
      length: 49,
      summary: 'g int4, md5 text',
    });
    expect(t.verdict).toBe(
      'invalid: INCOMPLETE at byte 480: columns[1]: input ends 12 bytes short: needs 32 here and 20 remain\n' +
        '  bytes from 472: 00 00 01 31 00 00 00 20 63 34 63 61 34 32 33 38 61 30 62 39 32 33 38 32 30 64 63 63',
    );
    const json = await stride(['pg', 'decode', '--json', file]);
    expect(json.code).toBe(1);
    const doc = parseJson(json.stdout);
    expect(doc.messages).toHaveLength(t.rows.length);
    expect(doc.error).toEqual({
      code: 'INCOMPLETE',
      offset: 480,
      message: expect.stringMatching(
        /^columns\[1\]: input ends 12 bytes short.* at byte 480 \(bytes from 472: /,
      ),
    });
  });

  it('a bad length: BAD_LENGTH at the length field, after the messages before it', async () => {
    const bytes = Buffer.from(psql);
    bytes.writeInt32BE(2, 465); // the first DataRow's length
    const { code, stdout } = await stride(['pg', 'decode', tempFile('bad-length.bin', bytes)]);
    expect(code).toBe(1);
    const t = table(stdout);
    expect(t.rows.at(-1)?.type).toBe('RowDescription');
    expect(t.verdict).toMatch(/^invalid: BAD_LENGTH at byte 465: message length 2 is below 4/);
  });

  it('a length past any limit fails at once, without waiting for the bytes', async () => {
    const bytes = Buffer.from(psql.subarray(0, 470));
    bytes.writeInt32BE(0x7fffff00, 465);
    const stdin = new PassThrough();
    stdin.write(bytes); // and never ended: the error must not wait for more input
    const { code, stdout } = await stride(['pg', 'decode', '--json', '-'], stdin);
    expect(code).toBe(1);
    expect(parseJson(stdout).error).toMatchObject({ code: 'MESSAGE_TOO_LARGE', offset: 469 });
  });

  it('an unknown message type: UNKNOWN_MESSAGE at its byte', async () => {
    const bytes = Buffer.from(pgbench);
    bytes[boundaries[3] as number] = 0x21; // '!'
    const { code, stdout } = await stride(['pg', 'decode', '-'], piped(bytes));
    expect(code).toBe(1);
    const t = table(stdout);
    expect(t.rows).toHaveLength(3);
    expect(t.verdict).toMatch(new RegExp(`^invalid: UNKNOWN_MESSAGE at byte ${boundaries[3]}: `));
  });

  it('any bytes, any mutation of a real stream: exit 0 or 1, a verdict, nothing on stderr', async () => {
    const mutated = fc
      .tuple(
        fc.constantFrom(psql, pgbench, streamBytes(2, 'client')),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
        fc.nat(),
      )
      .map(([base, edits, cut]) => {
        const bytes = Buffer.from(base.subarray(0, (cut % base.length) + 1));
        for (const [at, value] of edits) bytes[at % bytes.length] = value;
        return bytes;
      });
    const input = fc.oneof(
      fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)),
      mutated,
    );
    await fc.assert(
      fc.asyncProperty(input, fc.boolean(), async (bytes, json) => {
        const { code, stdout, stderr } = await stride(
          ['pg', 'decode', ...(json ? ['--json'] : []), '-'],
          piped(bytes, 13),
        );
        expect(stderr).toBe('');
        expect([0, 1]).toContain(code);
        if (json) expect(parseJson(stdout).error === null).toBe(code === 0);
        else expect(table(stdout).verdict.startsWith(code === 0 ? 'valid: ' : 'invalid: ')).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('lines stay bounded and escaped whatever the values', async () => {
    const huge = 'x'.repeat(2000);
    const bytes = serverStream(
      { type: 'DataRow', columns: Array.from({ length: 1000 }, () => huge) },
      { type: 'ParameterStatus', name: huge, value: huge },
      { type: 'ErrorResponse', fields: { S: 'ERROR', C: 'XX000', M: `line 1\nline 2\x1b[31m${huge}` } },
      { type: 'CommandComplete', tag: '\u202eevil' },
    );
    const { code, stdout } = await stride(['pg', 'decode', '-'], piped(bytes, 65536));
    expect(code).toBe(0);
    const t = table(stdout);
    for (const line of stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(150);
    expect(t.rows[0]?.summary).toMatch(/^1000 columns: 'x{23}…', 'x{23}…', .*…$/);
    expect(t.rows[2]?.summary).toMatch(/^ERROR XX000 line 1\\nline 2\\x1b\[31mx+…$/);
    expect(t.rows[3]?.summary).toBe('\\u202eevil');
  });

  it('binary columns (not UTF-8) are no fault: hex in the table, hex in JSON', async () => {
    const bytes = serverStream({
      type: 'DataRow',
      columns: [Uint8Array.of(0xff, 0x00, 0x01), Uint8Array.of(0x00, 0x00, 0x00, 0x2a), null],
    });
    const { code, stdout } = await stride(['pg', 'decode', '-'], piped(bytes));
    expect(code).toBe(0);
    expect(table(stdout).rows[0]?.summary).toBe("3 columns: \\xff0001, '\\x00\\x00\\x00*', NULL");
    const doc = parseJson((await stride(['pg', 'decode', '--json', '-'], piped(bytes))).stdout);
    expect(doc.messages[0]?.value).toEqual({ columns: ['ff0001', '0000002a', null] });
  });

  it('a short or empty stream is a server', async () => {
    expect((await stride(['pg', 'decode', '-'])).stdout).toBe(
      'from server (guessed from the first bytes)\nvalid: 0 messages, 0 bytes\n',
    );
    expect(parseJson((await stride(['pg', 'decode', '--json', '-'])).stdout)).toEqual({
      from: 'server',
      messages: [],
      error: null,
    });
    const ready = serverStream({ type: 'ReadyForQuery', status: 'I' }); // 6 bytes: fewer than 8
    const { stdout } = await stride(['pg', 'decode', '-'], piped(ready, 1));
    expect(table(stdout).rows).toEqual([
      { type: 'ReadyForQuery', offset: 0, length: 6, summary: 'I (idle)' },
    ]);
  });

  it('a client is guessed from a CancelRequest, a GSSENCRequest and a StartupMessage too', async () => {
    for (const m of [
      { type: 'CancelRequest', processId: 1, secretKey: -2 },
      { type: 'GSSENCRequest' },
      { type: 'StartupMessage', protocolVersion: 196608, parameters: { user: 'u' } },
    ] as const) {
      const { code, stdout } = await stride(['pg', 'decode', '-'], piped(encodeFrontend(m), 3));
      expect(code).toBe(0);
      expect(stdout.split('\n').slice(0, 2)).toEqual([
        'from client (guessed from the first bytes)',
        expect.stringMatching(new RegExp(`^${m.type}  offset 0  length \\d+`)),
      ]);
    }
  });
});

describe('stride pg decode streams', () => {
  it('prints the lines of the messages read so far while the input is still open', async () => {
    const psql = streamBytes(0, 'server');
    const stdin = new PassThrough();
    let stdout = '';
    const status = run(['pg', 'decode', '-'], {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: () => {} },
      stdin,
    });
    stdin.write(psql.subarray(0, 5000));
    for (let i = 0; i < 50 && !stdout.includes('offset 4914 '); i++) await sleep(20);
    expect(stdout).toContain('DataRow  offset 4914  length 49'); // the last message wholly in the 5000 bytes
    expect(stdout).not.toContain('offset 4963 ');
    stdin.end(psql.subarray(5000));
    expect(await status).toBe(0);
    expect(stdout.endsWith('valid: 276 messages, 10875 bytes\n')).toBe(true);
  });

  it('reads no further while standard output is full', async () => {
    const row = encodeBackend({ type: 'DataRow', columns: ['1', 'alice', null] });
    const text = await decodeWithOutputHeld(['pg', 'decode'], row);
    expect(text.endsWith(`valid: 40000 messages, ${40000 * row.length} bytes\n`)).toBe(true);
  });
});

describe('stride pg decode usage', () => {
  it.each([
    [[], 'missing FILE'],
    [['a', 'b'], 'one FILE at a time (also given: b)'],
    [['--from'], '--from needs client or server'],
    [['--from', 'both', 'f'], '--from both: expected client or server'],
    [['--xml', 'f'], 'unknown option --xml'],
    [[join(scratch.dir, 'missing.bin')], `cannot read ${join(scratch.dir, 'missing.bin')}: no such file`],
    [[scratch.dir], `cannot read ${scratch.dir}: is a directory`],
  ])('%j: exit 2, %s', async (args, reason) => {
    const { code, stdout, stderr } = await stride(['pg', 'decode', ...args]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`stride: ${reason}\nusage: stride pg decode [--from client|server] [--json] FILE\n`);
  });

  it('--help prints the options, exit 0; pg alone or an unknown subcommand is a usage error', async () => {
    const help = await stride(['pg', 'decode', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--from client|server');
    expect((await stride(['pg'])).code).toBe(2);
    expect((await stride(['pg', 'inspect', 'f'])).stderr).toMatch(/^stride: unknown subcommand inspect\n/);
    expect((await stride(['--help'])).stdout).toContain(
      'stride pg decode [--from client|server] [--json] FILE',
    );
  });
});
