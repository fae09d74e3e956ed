import * as net from 'node:net';
import { join } from 'node:path';
import { encodeCommand, encodeValue, type RespValue } from '@stride/redis';
import { describe, expect, it } from 'vitest';
import { startRedis } from '../redis/support/server.js';
import { decodeJson, decodeTable, encodedStream, offsetRow, piped, scratchFiles, stride } from './helpers.js';

const scratch = scratchFiles('stride-redis-');
const tempFile = scratch.file;

const text = (s: string) => new TextEncoder().encode(s);
const bulk = (s: string): RespValue => ({ type: 'bulk', value: text(s) });

/** Values, each with the offset and length it is written at, and the stream of them. */
const stream = (values: RespValue[]) => encodedStream(values, encodeValue);

const table = (stdout: string) => decodeTable(stdout, offsetRow);

interface JsonValue {
  offset: number;
  length: number;
  type: string;
  value?: unknown;
  format?: string;
  attributes?: unknown;
}
interface JsonOutput {
  from: string;
  values: JsonValue[];
  error: null | { code: string; offset: number; message: string };
}

const parseJson = (stdout: string) =>
  decodeJson<JsonOutput>(stdout, {
    document: ['from', 'values', 'error'],
    list: 'values',
    item: ['offset', 'length', 'type'],
    error: ['code', 'offset', 'message'],
  });

const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex');

/** Replies of every RESP2 and RESP3 type, as a server sends them. */
const replies: RespValue[] = [
  { type: 'simple', value: 'OK' },
  { type: 'integer', value: 42 },
  bulk('hello'),
  { type: 'array', value: [bulk('SET'), bulk('k'), bulk('v')] },
  { type: 'bulk', value: null },
  { type: 'error', value: 'WRONGTYPE Operation against a key holding the wrong kind of value' },
  {
    type: 'map',
    value: [
      [
        { type: 'simple', value: 'a' },
        { type: 'integer', value: 1 },
      ],
      [bulk('b'), { type: 'double', value: 1.5 }],
    ],
  },
  { type: 'push', value: [bulk('message'), bulk('ch'), bulk('hi')] },
  { type: 'integer', value: 2n ** 63n - 1n },
  { type: 'bignum', value: -(10n ** 30n) },
  { type: 'null' },
  { type: 'boolean', value: false },
  { type: 'verbatim', format: 'txt', value: 'Some string' },
  { type: 'set', value: [{ type: 'integer', value: 1 }] },
  { type: 'bulk', value: Uint8Array.of(0xff, 0x00, 0x22) },
  {
    type: 'attribute',
    attributes: [
      [
        { type: 'simple', value: 'ttl' },
        { type: 'integer', value: 3600 },
      ],
    ],
    value: { type: 'double', value: Number.NEGATIVE_INFINITY },
  },
];

const summaries = [
  'simple "OK"',
  'integer 42',
  'bulk 5 "hello"',
  'array[3] ["SET","k","v"]',
  'bulk null',
  'error "WRONGTYPE Operation against a key holding the wrong kind of value"',
  'map{2} {"a":1,"b":1.5}',
  'push[3] ["message","ch","hi"]',
  'integer 9223372036854775807',
  'bignum -1000000000000000000000000000000',
  'null',
  'boolean false',
  'verbatim txt "Some string"',
  'set[1] [1]',
  'bulk 3 "\\xff\\x00\\""',
  'attribute{1} {"ttl":3600} double -inf',
];

describe('stride redis decode', () => {
  const { bytes, offsets, lengths } = stream(replies);
  const file = tempFile('replies.bin', bytes);

  it('a file of replies: a line per value (offset, length, type, the value), then the verdict, exit 0', async () => {
    const { code, stdout, stderr } = await stride(['redis', 'decode', file]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const t = table(stdout);
    expect(t.from).toBe('from server (the default)');
    expect(t.rows).toEqual(
      summaries.map((summary, i) => ({ offset: offsets[i], length: lengths[i], summary })),
    );
    expect(t.verdict).toBe(`valid: ${replies.length} values, ${bytes.length} bytes`);
  });

  it('standard input prints the same as the file, in 7-byte and 1-byte pieces too', async () => {
    const whole = await stride(['redis', 'decode', file]);
    for (const size of [bytes.length, 7, 1])
      expect(await stride(['redis', 'decode', '-'], piped(bytes, size))).toEqual(whole);
    const json = await stride(['redis', 'decode', '--json', file]);
    expect(await stride(['redis', 'decode', '--json', '-'], piped(bytes, 1))).toEqual(json);
  });

  it('--json: one document, each value as decoded (bytes as hex, bigints as decimal strings)', async () => {
    const { code, stdout } = await stride(['redis', 'decode', '--json', file]);
    expect(code).toBe(0);
    const doc = parseJson(stdout);
    expect(doc.from).toBe('server');
    expect(doc.error).toBeNull();
    expect(doc.values.map((v) => [v.offset, v.length, v.type])).toEqual(
      replies.map((r, i) => [offsets[i], lengths[i], r.type]),
    );
    const [ok, n, hello, set, nil, , map, , big, bignum, none, , verbatim, , binary, attribute] = doc.values;
    expect(ok?.value).toBe('OK');
    expect(n?.value).toBe(42);
    expect(hello?.value).toBe(hex('hello'));
    expect(set?.value).toEqual(['SET', 'k', 'v'].map((s) => ({ type: 'bulk', value: hex(s) })));
    expect(nil?.value).toBeNull();
    expect(map?.value).toEqual([
      [
        { type: 'simple', value: 'a' },
        { type: 'integer', value: 1 },
      ],
      [
        { type: 'bulk', value: hex('b') },
        { type: 'double', value: 1.5 },
      ],
    ]);
    expect(big?.value).toBe('9223372036854775807');
    expect(bignum?.value).toBe('-1000000000000000000000000000000');
    expect(none).toEqual({ offset: offsets[10], length: 3, type: 'null' });
    expect(verbatim).toMatchObject({ format: 'txt', value: 'Some string' });
    expect(binary?.value).toBe('ff0022');
    expect(attribute).toMatchObject({
      attributes: [
        [
          { type: 'simple', value: 'ttl' },
          { type: 'integer', value: 3600 },
        ],
      ],
      value: { type: 'double', value: '-Infinity' },
    });
  });

  it('a fault after values: the values before it, then the error (table and JSON), exit 1', async () => {
    const bad = Buffer.concat([bytes.subarray(0, offsets[3]), Buffer.from('?what\r\n')]);
    const { code, stdout } = await stride(['redis', 'decode', '-'], piped(bad));
    expect(code).toBe(1);
    const t = table(stdout);
    expect(t.rows.map((r) => r.summary)).toEqual(summaries.slice(0, 3));
    expect(t.verdict).toMatch(
      new RegExp(`^invalid: BAD_TYPE at byte ${offsets[3]}: .*\\n  bytes from \\d+: `),
    );
    const json = await stride(['redis', 'decode', '--json', '-'], piped(bad));
    expect(json.code).toBe(1);
    const doc = parseJson(json.stdout);
    expect(doc.values).toHaveLength(3);
    expect(doc.error).toMatchObject({ code: 'BAD_TYPE', offset: offsets[3] });

    // Cut inside the array: the values before it, then INCOMPLETE.
    const cut = bytes.subarray(0, (offsets[3] as number) + 10);
    const truncated = await stride(['redis', 'decode', tempFile('cut.bin', cut)]);
    expect(truncated.code).toBe(1);
    expect(table(truncated.stdout).rows).toHaveLength(3);
    expect(table(truncated.stdout).verdict).toMatch(/^invalid: INCOMPLETE at byte \d+: /);
  });

  it('--from client: arrays of bulk strings and inline commands (quotes, escapes, a bare LF)', async () => {
    const parts = [
      Buffer.from('PING\r\n'),
      encodeCommand(['SET', 'k', 'v']),
      Buffer.from('SET "a b" \'c\' "\\x00\\n"\n'),
      encodeCommand(['GET', Uint8Array.of(0xff)]),
    ];
    const requests = Buffer.concat(parts);
    const at = (i: number) => parts.slice(0, i).reduce((n, p) => n + p.length, 0);
    const { code, stdout } = await stride(['redis', 'decode', '--from', 'client', '-'], piped(requests));
    expect(code).toBe(0);
    const t = table(stdout);
    expect(t.from).toBe('from client (--from client)');
    expect(t.rows).toEqual(
      [
        'inline[1] ["PING"]',
        'array[3] ["SET","k","v"]',
        'inline[4] ["SET","a b","c","\\x00\\n"]',
        'array[2] ["GET","\\xff"]',
      ].map((summary, i) => ({ offset: at(i), length: parts[i]?.length, summary })),
    );
    expect(t.verdict).toBe(`valid: 4 values, ${requests.length} bytes`);
    const doc = parseJson(
      (await stride(['redis', 'decode', '--from=client', '--json', '-'], piped(requests, 1))).stdout,
    );
    expect(doc.from).toBe('client');
    expect(doc.values[0]).toEqual({ offset: 0, length: 6, type: 'inline', value: [hex('PING')] });
    expect(doc.values[2]?.value).toEqual([hex('SET'), hex('a b'), hex('c'), '000a']);
    // A client's bytes read as replies: `P` names no RESP type.
    const wrong = await stride(['redis', 'decode', '-'], piped(requests));
    expect(wrong.code).toBe(1);
    expect(table(wrong.stdout).verdict).toMatch(/^invalid: BAD_TYPE at byte 0: /);
  });

  it('--stream-bulk-over: a long bulk string read in pieces prints as it would whole, in any chunking', async () => {
    const long = Buffer.alloc(200_000, 'x');
    long.write('é', 0); // a two-byte character first, so the preview is UTF-8 from its first byte
    const values: RespValue[] = [
      { type: 'integer', value: 1 },
      { type: 'bulk', value: long },
      bulk('short'),
      { type: 'bulk', value: Uint8Array.of(0xfe, 0xff) },
    ];
    const s = stream(values).bytes;
    for (const json of [false, true]) {
      const args = ['redis', 'decode', ...(json ? ['--json'] : []), '-'];
      const whole = await stride(args, piped(s, s.length));
      expect(whole.code).toBe(0);
      for (const size of [s.length, 4096, 1]) {
        if (size === 1 && json) continue; // 400,000 hex pieces: the table's 1-byte run covers the chunking
        expect(
          await stride(['redis', 'decode', '--stream-bulk-over', '1', ...args.slice(2)], piped(s, size)),
        ).toEqual(whole);
      }
    }
    const t = table((await stride(['redis', 'decode', '--stream-bulk-over=0', '-'], piped(s, 999))).stdout);
    expect(t.rows[1]?.summary).toMatch(/^bulk 200000 "éx{78}…"$/);
  });

  it('a fault inside or after a streamed bulk string: its bytes so far, then the error', async () => {
    // Its bytes are written as they come (nothing holds the string), so a missing CRLF after them
    // comes after the value.
    const noCrlf = Buffer.from(':1\r\n$3\r\nabcXY');
    const { code, stdout } = await stride(
      ['redis', 'decode', '--stream-bulk-over', '1', '--json', '-'],
      piped(noCrlf, 1),
    );
    expect(code).toBe(1);
    const doc = parseJson(stdout);
    expect(doc.values[1]).toEqual({ offset: 4, length: 9, type: 'bulk', value: hex('abc') });
    expect(doc.error).toMatchObject({ code: 'BAD_VALUE', offset: 11 });
  });

  it('a stream cut inside a streamed bulk string is INCOMPLETE', async () => {
    for (const cut of [':1\r\n$10\r\n', ':1\r\n$10\r\n01234', ':1\r\n$10\r\n0123456789']) {
      const args = ['redis', 'decode', '--stream-bulk-over', '1', '--json', '-'];
      const { code, stdout } = await stride(args, piped(Buffer.from(cut)));
      expect(code).toBe(1);
      expect(parseJson(stdout).error).toMatchObject({ code: 'INCOMPLETE', offset: cut.length });
    }
  });

  it('lines stay bounded and escaped whatever the values', async () => {
    const huge = 'x'.repeat(5000);
    const { bytes: hostile } = stream([
      { type: 'array', value: Array.from({ length: 100_000 }, () => bulk('x'.repeat(30))) },
      { type: 'simple', value: `line 1\nline 2\x1b[31m${huge}` },
      { type: 'error', value: '\u202eevil' },
      { type: 'map', value: [[bulk(huge), { type: 'array', value: [{ type: 'array', value: [] }] }]] },
    ]);
    const { code, stdout } = await stride(['redis', 'decode', '-'], piped(hostile, 65536));
    expect(code).toBe(0);
    for (const line of stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(150);
    const t = table(stdout);
    expect(t.rows[0]?.summary).toMatch(/^array\[100000\] \["x{23}…","x{23}…",.*…$/);
    expect(t.rows[1]?.summary).toMatch(/^simple "line 1\\nline 2\\x1b\[31mx+…"$/);
    expect(t.rows[2]?.summary).toBe('error "\\u202eevil"');
    expect(t.rows[3]?.summary).toMatch(/^map\{1\} \{"x{23}…":\[\[\]\]\}$/);
  });

  it("a real redis-server's RESP3 replies, every type (DEBUG PROTOCOL)", async () => {
    const server = await startRedis();
    const kinds = ['string', 'integer', 'double', 'bignum', 'null', 'array', 'set', 'map', 'attrib', 'push'];
    const more = ['verbatim', 'true', 'false'];
    let bytes: Buffer;
    try {
      const commands = ['HELLO 3', ...[...kinds, ...more].map((k) => `DEBUG PROTOCOL ${k}`), 'QUIT'];
      bytes = await exchange(server.port, commands.map((c) => `${c}\r\n`).join(''));
    } finally {
      await server.stop();
    }
    const { code, stdout } = await stride(['redis', 'decode', '--json', '-'], piped(bytes, 5));
    expect(code).toBe(0);
    const doc = parseJson(stdout);
    // `DEBUG PROTOCOL push` sends a push, then its reply.
    expect(doc.values.map((v) => v.type)).toEqual([
      'map',
      'bulk',
      'integer',
      'double',
      'bignum',
      'null',
      'array',
      'set',
      'map',
      'attribute',
      'push',
      'bulk',
      'verbatim',
      'boolean',
      'boolean',
      'simple',
    ]);
    const last = doc.values.at(-1) as JsonValue;
    expect(last.offset + last.length).toBe(bytes.length);
    const t = table((await stride(['redis', 'decode', '-'], piped(bytes, 1))).stdout);
    expect(t.rows[0]?.summary).toMatch(/^map\{7\} \{"server":"redis","version":"\d/);
    expect(t.rows.map((r) => r.summary).slice(1, 6)).toEqual([
      'bulk 11 "Hello World"',
      'integer 12345',
      'double 3.141',
      'bignum 1234567999999999999999999999999999999',
      'null',
    ]);
    expect(t.verdict).toBe(`valid: 16 values, ${bytes.length} bytes`);
  });
});

/** Everything a server sends on a new connection after `request`, until it closes the connection. */
function exchange(port: number, request: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.once('error', reject);
    socket.once('end', () => resolve(Buffer.concat(chunks)));
    socket.once('connect', () => socket.write(request));
  });
}

describe('stride redis decode usage', () => {
  const usage = 'usage: stride redis decode [--from server|client] [--json] [--stream-bulk-over N] FILE';
  it.each([
    [[], 'missing FILE'],
    [['a', 'b'], 'one FILE at a time (also given: b)'],
    [['--from'], '--from needs server or client'],
    [['--from', 'both', 'f'], '--from both: expected server or client'],
    [['--stream-bulk-over', '-1', 'f'], '--stream-bulk-over -1: expected a number of bytes (0 or more)'],
    [['--stream-bulk-over'], '--stream-bulk-over needs a number of bytes'],
    [
      ['--from', 'client', '--stream-bulk-over', '8', 'f'],
      '--stream-bulk-over reads replies: not with --from client',
    ],
    [['--xml', 'f'], 'unknown option --xml'],
    [[join(scratch.dir, 'missing.bin')], `cannot read ${join(scratch.dir, 'missing.bin')}: no such file`],
  ])('%j: exit 2, %s', async (args, reason) => {
    const { code, stdout, stderr } = await stride(['redis', 'decode', ...args]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`stride: ${reason}\n${usage}\n`);
  });

  it('--help prints the options, exit 0; redis alone or an unknown subcommand is a usage error', async () => {
    const help = await stride(['redis', 'decode', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--stream-bulk-over N');
    expect((await stride(['redis'])).code).toBe(2);
    expect((await stride(['redis', 'inspect', 'f'])).stderr).toMatch(/^stride: unknown subcommand inspect\n/);
    expect((await stride(['--help'])).stdout).toContain(usage.slice('usage: '.length));
  });
});
