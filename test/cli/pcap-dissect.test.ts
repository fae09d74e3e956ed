// `stride pcap dissect` on the corpus captures: the --json document has exactly the shape
// and is the library's dissection (which test/pcap/dissect/tshark.test.ts holds to tshark's own),
// read from a file or from standard input in small pieces; MQTT's messages checked against
// tshark's here too; the table lists every message under its connection, then the verdict; a gap
// and a broken capture file are exit status 1; bad options are usage errors.
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { type CollectedMessage, dissectionJson } from '@stride/pcap';
import { describe, expect, it } from 'vitest';
import { readDissection as mqttDissection } from '../mqtt/support/tshark.js';
import { CAPTURES, dissectCapture, frameOf, readSegments } from '../pcap/dissect/support.js';
import { FIXTURES, fixture, readRecords, writeRecords } from '../pcap/file/support.js';
import { scratchFiles, stride } from './helpers.js';

const scratch = scratchFiles('stride-pcap-');

interface JsonMessage {
  dir: 'c2s' | 's2c';
  offset: number;
  frame: number;
  type: string;
  value: unknown;
}
interface JsonConnection {
  protocol: string | null;
  client: string;
  server: string;
  messages: JsonMessage[];
  errors: { dir: string; code: string; offset: number; message: string }[];
}

/** The document, its keys checked to be exactly the at every level. */
function parseDocument(stdout: string): JsonConnection[] {
  const doc = JSON.parse(stdout) as { connections: JsonConnection[] };
  expect(Object.keys(doc)).toEqual(['connections']);
  for (const c of doc.connections) {
    expect(Object.keys(c)).toEqual(['protocol', 'client', 'server', 'messages', 'errors']);
    for (const m of c.messages) expect(Object.keys(m)).toEqual(['dir', 'offset', 'frame', 'type', 'value']);
    for (const e of c.errors) expect(Object.keys(e)).toEqual(['dir', 'code', 'offset', 'message']);
  }
  return doc.connections;
}

const ruleArgs = (name: string) => ['--decode', CAPTURES[name] as string];

describe('stride pcap dissect --json', () => {
  for (const name of Object.keys(CAPTURES)) {
    it(`${name}: the library's dissection, in the issue's shape`, async () => {
      const out = await stride(['pcap', 'dissect', '--json', ...ruleArgs(name), join(FIXTURES, name)]);
      expect(out.stderr).toBe('');
      expect(out.code).toBe(0);
      const connections = parseDocument(out.stdout);
      expect({ connections }).toEqual(JSON.parse(JSON.stringify(dissectionJson(dissectCapture(name)))));
      expect(connections.every((c) => c.protocol === (CAPTURES[name] as string).split(',')[1])).toBe(true);
    });
  }

  it('standard input in small pieces gives the same document', async () => {
    const name = 'mqtt.pcapng';
    const bytes = fixture(name);
    const pieces = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) =>
      bytes.subarray(i * 7, i * 7 + 7),
    );
    const [fromFile, fromStdin] = await Promise.all([
      stride(['pcap', 'dissect', '--json', ...ruleArgs(name), join(FIXTURES, name)]),
      stride(['pcap', 'dissect', '--json', ...ruleArgs(name), '-'], Readable.from(pieces)),
    ]);
    expect(fromStdin).toEqual(fromFile);
  });

  it("mqtt.pcapng: every packet at tshark's offset and frame, with tshark's type", async () => {
    const out = await stride([
      'pcap',
      'dissect',
      '--json',
      ...ruleArgs('mqtt.pcapng'),
      join(FIXTURES, 'mqtt.pcapng'),
    ]);
    const segments = readSegments('mqtt.pcapng');
    const streams = mqttDissection();
    parseDocument(out.stdout).forEach((c, id) => {
      for (const [dir, from, port] of [
        ['c2s', 'client', c.client],
        ['s2c', 'server', c.server],
      ] as const) {
        const theirs = streams[id]?.[from] ?? [];
        const srcPort = Number(port.split(':')[1]);
        expect(c.messages.filter((m) => m.dir === dir).map((m) => [m.offset, m.frame, m.type])).toEqual(
          theirs.map((t) => [t.offset, frameOf(segments, id, srcPort, t.offset), t.packet.type]),
        );
      }
    });
  });

  it('values: bytes as lowercase hex, bigints as decimal strings (a PUBLISH payload, a DataRow)', async () => {
    const mqtt = parseDocument(
      (await stride(['pcap', 'dissect', '--json', ...ruleArgs('mqtt.pcapng'), join(FIXTURES, 'mqtt.pcapng')]))
        .stdout,
    );
    const publish = mqtt[1]?.messages.find((m) => m.type === 'PUBLISH');
    expect(publish?.value).toMatchObject({
      topic: 'stride/v311',
      payload: Buffer.from('qos 0 message').toString('hex'),
    });
    const pg = parseDocument(
      (
        await stride([
          'pcap',
          'dissect',
          '--json',
          ...ruleArgs('postgres-v3.pcap'),
          join(FIXTURES, 'postgres-v3.pcap'),
        ])
      ).stdout,
    );
    const row = pg[0]?.messages.find((m) => m.type === 'DataRow');
    expect(row).toMatchObject({
      dir: 's2c',
      value: { columns: ['31', expect.stringMatching(/^[0-9a-f]{64}$/)] },
    });
  });
});

describe('stride pcap dissect (table)', () => {
  it('postgres-v3.pcap: a block per connection, a row per message, then the verdict', async () => {
    const name = 'postgres-v3.pcap';
    const out = await stride(['pcap', 'dissect', join(FIXTURES, name), ...ruleArgs(name)]);
    expect(out.code).toBe(0);
    const lines = out.stdout.split('\n');
    expect(lines.filter((l) => l.startsWith('connection '))).toEqual([
      'connection 0: 127.0.0.1:50938 -> 127.0.0.1:54329, postgresql',
      'connection 1: 127.0.0.1:50944 -> 127.0.0.1:54329, postgresql',
      'connection 2: 127.0.0.1:50956 -> 127.0.0.1:54329, postgresql',
    ]);
    const rows = lines.filter((l) => /^ *\d+\.\d{6} {2}(c2s|s2c) /.test(l));
    const messages: CollectedMessage[] = dissectCapture(name).flatMap((c) => c.messages);
    expect(rows).toHaveLength(messages.length);
    expect(rows[0]).toBe('0.000327  c2s       0      4  SSLRequest');
    expect(rows).toContain('0.000893  s2c       0      6  SSLResponse  N (no encryption)');
    expect(rows.some((r) => /ErrorResponse {2}ERROR 22012 division by zero/.test(r))).toBe(true);
    expect(lines.at(-2)).toBe('valid: 3 connections (3 dissected), 387 messages');
  });

  it('without --decode, connections on other ports are listed with no protocol', async () => {
    const out = await stride(['pcap', 'dissect', join(FIXTURES, 'redis-resp.pcapng')]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('connection 0: 127.0.0.1:45696 -> 127.0.0.1:16379, no protocol\n');
    expect(out.stdout).toContain('valid: 6 connections (0 dissected), 0 messages\n');
  });
});

describe('errors', () => {
  /** redis-resp.pcapng without the third client segment of connection 0. */
  function gapped(): string {
    const dropped = readSegments('redis-resp.pcapng').filter(
      (s) => s.stream === 0 && s.srcPort === 45696 && s.length > 0,
    )[2];
    const records = readRecords(fixture('redis-resp.pcapng')).filter(
      (r) => !(r.type === 'packet' && r.frame === dropped?.frame),
    );
    return scratch.file('gapped.pcapng', writeRecords(records));
  }

  it('a gap: exit status 1, the GAP error in the JSON and under its connection in the table', async () => {
    const file = gapped();
    const json = await stride(['pcap', 'dissect', '--json', '--decode', 'tcp.port==16379,redis', file]);
    expect(json.code).toBe(1);
    const errors = parseDocument(json.stdout).map((c) => c.errors.map((e) => [e.dir, e.code]));
    expect(errors).toEqual([[['c2s', 'GAP']], [], [], [], [], []]);
    const table = await stride(['pcap', 'dissect', '--decode', 'tcp.port==16379,redis', file]);
    expect(table.code).toBe(1);
    expect(table.stdout).toMatch(/\nerror: c2s GAP at \d+: \d+ bytes missing at \d+/);
    expect(table.stdout.endsWith('invalid: 1 error in 1 connection\n')).toBe(true);
  });

  it('a broken capture file: the connections read until the fault, then the fault; exit status 1', async () => {
    const bytes = fixture('mqtt.pcapng');
    const file = scratch.file('cut.pcapng', bytes.subarray(0, bytes.length - 10));
    const table = await stride(['pcap', 'dissect', '--decode', 'tcp.port==18830,mqtt', file]);
    expect(table.code).toBe(1);
    expect(table.stdout).toMatch(/\ninvalid: TRUNCATED at byte \d+: /);
    expect(table.stdout).toContain('connection 7: ');
    const json = await stride(['pcap', 'dissect', '--json', file]);
    expect(json.code).toBe(1);
    expect(parseDocument(json.stdout)).toHaveLength(8);
    expect(json.stderr).toMatch(/^stride: TRUNCATED at byte \d+: /);
    const garbage = await stride(['pcap', 'dissect', scratch.file('garbage', new Uint8Array(64))]);
    expect(garbage.code).toBe(1);
    expect(garbage.stdout).toMatch(/^invalid: BAD_MAGIC at byte 0: /);
  });

  it('usage: a bad --decode, an unknown protocol, no FILE; --help', async () => {
    for (const args of [
      ['--decode', 'udp.port==53,dns', 'x.pcap'],
      ['--decode', 'tcp.port==53,dns', 'x.pcap'],
      ['--decode'],
      [],
      ['--frobnicate', 'x.pcap'],
    ]) {
      const out = await stride(['pcap', 'dissect', ...args]);
      expect(out.code, args.join(' ')).toBe(2);
      expect(out.stderr).toContain('usage: stride pcap dissect');
    }
    const unknown = await stride(['pcap', 'dissect', '--decode', 'tcp.port==53,dns', 'x.pcap']);
    expect(unknown.stderr).toContain('unknown protocol dns (known: postgresql, redis, mqtt)');
    const help = await stride(['pcap', 'dissect', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--decode tcp.port==N,P');
    expect((await stride(['--help'])).stdout).toContain('stride pcap dissect');
  });
});
