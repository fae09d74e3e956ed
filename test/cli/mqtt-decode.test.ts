import { join } from 'node:path';
import { type Connect, encodePacket, type MqttPacket } from '@stride/mqtt';
import { describe, expect, it } from 'vitest';
import { FIXTURES, readDissection, streamBytes } from '../mqtt/support/tshark.js';
import {
  decodeJson,
  decodeTable,
  decodeWithOutputHeld,
  encodedStream,
  offsetRow,
  piped,
  scratchFiles,
  stride,
} from './helpers.js';

const streams = readDissection();
const DIRECTIONS = ['client', 'server'] as const;
const fixture = (n: number, d: string) => `${FIXTURES}stream-${n}-${d}.bin`;

const scratch = scratchFiles('stride-mqtt-');
const tempFile = scratch.file;

const text = (s: string) => new TextEncoder().encode(s);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** Packets encoded in `version`, with the offset and length of each, and the stream of them. */
const stream = (packets: MqttPacket[], version: 4 | 5) =>
  encodedStream(packets, (p) => encodePacket(p, version));

const table = (stdout: string) => decodeTable(stdout, offsetRow);

interface JsonPacket {
  offset: number;
  length: number;
  type: string;
  [field: string]: unknown;
}
interface JsonOutput {
  from: string;
  protocolVersion: number;
  packets: JsonPacket[];
  error: null | { code: string; offset: number; reasonCode: number; message: string };
}

const parseJson = (stdout: string) =>
  decodeJson<JsonOutput>(stdout, {
    document: ['from', 'protocolVersion', 'packets', 'error'],
    list: 'packets',
    item: ['offset', 'length', 'type'],
    error: ['code', 'offset', 'reasonCode', 'message'],
  });

describe('stride mqtt decode on the capture (mosquitto and its clients, 3.1.1 and 5.0)', () => {
  for (const { stream: n, protocolVersion, ...packets } of streams) {
    for (const from of DIRECTIONS) {
      const expected = packets[from];
      const size = streamBytes(n, from).length;

      it(`stream ${n} ${from}: a row per tshark packet, direction and version guessed, exit 0`, async () => {
        const { code, stdout, stderr } = await stride(['mqtt', 'decode', fixture(n, from)]);
        expect(stderr).toBe('');
        expect(code).toBe(0);
        const t = table(stdout);
        const version = protocolVersion === 5 ? 'MQTT 5.0' : 'MQTT 3.1.1';
        expect(t.from).toBe(
          from === 'client'
            ? `from client (guessed from the first byte), ${version} (the CONNECT's protocol level ${protocolVersion})`
            : `from server (guessed from the first byte), ${version} (guessed from the CONNACK's length)`,
        );
        expect(t.rows.map((r) => [r.offset, r.length, r.summary.split(' ')[0]])).toEqual(
          expected.map((m) => [m.offset, m.size, m.packet.type]),
        );
        expect(t.verdict).toBe(
          `valid: ${expected.length} packet${expected.length === 1 ? '' : 's'}, ${size} bytes`,
        );
      });

      it(`stream ${n} ${from}: --json has the same packets and tshark's fields, in 1-byte pieces too`, async () => {
        const { code, stdout } = await stride(['mqtt', 'decode', '--json', fixture(n, from)]);
        expect(code).toBe(0);
        const doc = parseJson(stdout);
        expect(doc).toMatchObject({ from, protocolVersion: protocolVersion === 5 ? 5 : 4, error: null });
        expect(doc.packets.map((p) => [p.offset, p.length, p.type])).toEqual(
          expected.map((m) => [m.offset, m.size, m.packet.type]),
        );
        doc.packets.forEach((p, i) => {
          const t = expected[i]?.packet;
          if (t?.type === 'PUBLISH')
            expect(p).toMatchObject({
              topic: t.topic,
              qos: t.qos,
              retain: t.retain,
              payload: hex(t.payload),
            });
          else if (t?.type === 'CONNECT')
            expect(p).toMatchObject({ clientId: t.clientId, keepAlive: t.keepAlive, protocolVersion });
          else if (t !== undefined && 'packetId' in t) expect(p.packetId).toBe(t.packetId);
        });
        const bytes = streamBytes(n, from);
        expect(await stride(['mqtt', 'decode', '--json', '-'], piped(bytes, 1))).toEqual({
          code: 0,
          stdout,
          stderr: '',
        });
      });
    }
  }

  it('summarizes each packet in a line', async () => {
    const lines = async (n: number, from: string) =>
      (await stride(['mqtt', 'decode', fixture(n, from)])).stdout.split('\n');
    expect((await lines(0, 'client')).slice(1, 4)).toEqual([
      'offset 0  length 14  CONNECT clientId "", MQTT 3.1.1, keepAlive 60, clean start',
      'offset 14  length 15  SUBSCRIBE packetId 1, "stride/#" qos 1',
      'offset 29  length 4  PUBACK packetId 1',
    ]);
    expect((await lines(0, 'server')).slice(1, 5)).toEqual([
      'offset 0  length 4  CONNACK 0 Connection Accepted',
      'offset 4  length 5  SUBACK packetId 1, qos 1',
      'offset 9  length 28  PUBLISH "stride/v311" qos 0, 13 bytes "qos 0 message"',
      'offset 37  length 30  PUBLISH "stride/v311" qos 1, packetId 1, 13 bytes "qos 1 message"',
    ]);
    expect((await lines(6, 'client')).slice(1, 5)).toEqual([
      'offset 0  length 18  CONNECT clientId "", MQTT 5.0, keepAlive 60, clean start, properties {receiveMaximum 20}',
      'offset 18  length 31  PUBLISH "stride/v5" qos 2, packetId 1, 8 bytes "qos 2 v5", properties {userProperties [k="v"]}',
      'offset 49  length 4  PUBREL packetId 1, 0x00 Success',
      'offset 53  length 2  DISCONNECT 0x00 Normal disconnection',
    ]);
  });
});

/** A client's session in MQTT 5.0, every packet type a client sends, and the broker's answers. */
const connect: Connect = {
  type: 'CONNECT',
  protocolName: 'MQTT',
  protocolVersion: 5,
  cleanStart: false,
  keepAlive: 30,
  clientId: 'sensor-1',
  will: { topic: 'status/sensor-1', payload: text('gone'), qos: 1, retain: true },
  username: 'ann',
  password: text('secret'),
  properties: { sessionExpiryInterval: 3600 },
};
const clientPackets: MqttPacket[] = [
  connect,
  {
    type: 'SUBSCRIBE',
    packetId: 1,
    subscriptions: [
      { topicFilter: 'cmd/#', qos: 1 },
      { topicFilter: 'cfg/+', qos: 2, noLocal: true, retainHandling: 2 },
    ],
  },
  {
    type: 'PUBLISH',
    dup: false,
    qos: 1,
    retain: true,
    topic: 'sensors/t1',
    packetId: 7,
    payload: Uint8Array.of(0xff, 0x00, 0x41),
  },
  { type: 'PUBREC', packetId: 9, reasonCode: 0x10 },
  { type: 'UNSUBSCRIBE', packetId: 2, topicFilters: ['cmd/#', 'a "quoted"\nfilter'] },
  { type: 'PINGREQ' },
  { type: 'AUTH', reasonCode: 0x19, properties: { authenticationMethod: 'SCRAM-SHA-1' } },
  { type: 'DISCONNECT', reasonCode: 0x04 },
];
const clientSummaries = [
  'CONNECT clientId "sensor-1", MQTT 5.0, keepAlive 30, will "status/sensor-1" qos 1 retain, username "ann", password 6 bytes, properties {sessionExpiryInterval 3600}',
  'SUBSCRIBE packetId 1, "cmd/#" qos 1, "cfg/+" qos 2 noLocal retainHandling 2',
  'PUBLISH "sensors/t1" qos 1, packetId 7, retain, 3 bytes "\\xff\\x00A"',
  'PUBREC packetId 9, 0x10 No matching subscribers',
  'UNSUBSCRIBE packetId 2, "cmd/#", "a \\"quoted\\"\\nfilter"',
  'PINGREQ',
  'AUTH 0x19 Re-authenticate, properties {authenticationMethod "SCRAM-SHA-1"}',
  'DISCONNECT 0x04 Disconnect with Will Message',
].map((s) => {
  // A summary's fields are cut to 100 characters.
  const type = s.indexOf(' ');
  return s.length - type - 1 > 100 ? `${s.slice(0, type + 100)}…` : s;
});

const serverPackets: MqttPacket[] = [
  { type: 'CONNACK', sessionPresent: true, reasonCode: 0 },
  { type: 'SUBACK', packetId: 1, reasonCodes: [1, 0x87] },
  { type: 'UNSUBACK', packetId: 2, reasonCodes: [0, 0x11] },
  { type: 'PINGRESP' },
];

describe('stride mqtt decode', () => {
  const client = stream(clientPackets, 5);
  const clientFile = tempFile('client.bin', client.bytes);

  it("a client's packets: a line per packet (offset, length, type, fields), the verdict, exit 0", async () => {
    const { code, stdout, stderr } = await stride(['mqtt', 'decode', clientFile]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const t = table(stdout);
    expect(t.from).toBe(
      "from client (guessed from the first byte), MQTT 5.0 (the CONNECT's protocol level 5)",
    );
    expect(t.rows).toEqual(
      clientSummaries.map((summary, i) => ({
        offset: client.offsets[i],
        length: client.lengths[i],
        summary,
      })),
    );
    expect(t.verdict).toBe(`valid: ${clientPackets.length} packets, ${client.bytes.length} bytes`);
  });

  it('standard input prints the same as the file, in 7-byte and 1-byte pieces too', async () => {
    for (const json of [[], ['--json']]) {
      const whole = await stride(['mqtt', 'decode', ...json, clientFile]);
      for (const size of [client.bytes.length, 7, 1])
        expect(await stride(['mqtt', 'decode', ...json, '-'], piped(client.bytes, size))).toEqual(whole);
    }
  });

  it('--json: one document, each packet as decoded (bytes as hex)', async () => {
    const { code, stdout } = await stride(['mqtt', 'decode', '--json', clientFile]);
    expect(code).toBe(0);
    const doc = parseJson(stdout);
    expect(doc).toMatchObject({ from: 'client', protocolVersion: 5, error: null });
    expect(doc.packets.map((p) => [p.offset, p.length, p.type])).toEqual(
      clientPackets.map((p, i) => [client.offsets[i], client.lengths[i], p.type]),
    );
    const [connect, subscribe, publish] = doc.packets;
    expect(connect).toMatchObject({
      clientId: 'sensor-1',
      protocolVersion: 5,
      will: { topic: 'status/sensor-1', payload: hex(text('gone')), qos: 1, retain: true },
      password: hex(text('secret')),
      properties: { sessionExpiryInterval: 3600 },
    });
    expect(subscribe?.subscriptions).toEqual([
      { topicFilter: 'cmd/#', qos: 1, noLocal: false, retainAsPublished: false, retainHandling: 0 },
      { topicFilter: 'cfg/+', qos: 2, noLocal: true, retainAsPublished: false, retainHandling: 2 },
    ]);
    expect(publish).toEqual({
      offset: client.offsets[2],
      length: client.lengths[2],
      type: 'PUBLISH',
      dup: false,
      qos: 1,
      retain: true,
      topic: 'sensors/t1',
      packetId: 7,
      properties: {},
      payload: 'ff0041',
    });
  });

  it("a server's packets: the version guessed from the CONNACK's length, or given", async () => {
    for (const version of [4, 5] as const) {
      const server = stream(serverPackets, version);
      const { code, stdout } = await stride(['mqtt', 'decode', '-'], piped(server.bytes));
      expect(code).toBe(0);
      const t = table(stdout);
      const name = version === 4 ? 'MQTT 3.1.1' : 'MQTT 5.0';
      expect(t.from).toBe(
        `from server (guessed from the first byte), ${name} (guessed from the CONNACK's length)`,
      );
      expect(t.rows.map((r) => r.summary)).toEqual(
        version === 4
          ? [
              'CONNACK 0 Connection Accepted, session present',
              'SUBACK packetId 1, qos 1, 0x87 Not authorized',
              'UNSUBACK packetId 2',
              'PINGRESP',
            ]
          : [
              'CONNACK 0x00 Success, session present',
              'SUBACK packetId 1, 0x01 Granted QoS 1, 0x87 Not authorized',
              'UNSUBACK packetId 2, 0x00 Success, 0x11 No subscription existed',
              'PINGRESP',
            ],
      );
      // The wrong version: 3.1.1's CONNACK read as 5.0's has no properties length.
      const other = version === 4 ? '5' : '4';
      const wrong = await stride(
        ['mqtt', 'decode', '--protocol-version', other, '--json', '-'],
        piped(server.bytes),
      );
      expect(wrong.code).toBe(1);
      const doc = parseJson(wrong.stdout);
      expect(doc).toMatchObject({ from: 'server', protocolVersion: Number(other), packets: [] });
      expect(doc.error).toMatchObject({ code: 'MALFORMED_PACKET', offset: 4, reasonCode: 0x81 });
    }
    // --from and --protocol-version given: the first line says so.
    const given = await stride(
      ['mqtt', 'decode', '--from=server', '--protocol-version=4', '-'],
      piped(stream(serverPackets, 4).bytes),
    );
    expect(table(given.stdout).from).toBe('from server (--from server), MQTT 3.1.1 (--protocol-version 4)');
  });

  it("a client's CONNECT sets the version whatever --protocol-version says; without one it is the default", async () => {
    const { properties: _, ...withoutProperties } = connect;
    const v4 = stream([{ ...withoutProperties, protocolVersion: 4 }], 4);
    const { stdout } = await stride(['mqtt', 'decode', '--protocol-version', '5', '-'], piped(v4.bytes));
    expect(table(stdout).from).toBe(
      "from client (guessed from the first byte), MQTT 3.1.1 (the CONNECT's protocol level 4)",
    );
    // The middle of a connection: no CONNECT, read as a client's in 5.0 unless told.
    const middle = stream(clientPackets.slice(2, 4), 5).bytes;
    const t = table((await stride(['mqtt', 'decode', '-'], piped(middle))).stdout);
    expect(t.from).toBe('from client (guessed from the first byte), MQTT 5.0 (the default)');
    expect(t.rows).toHaveLength(2);
    const empty = await stride(['mqtt', 'decode', '--json', '-']);
    expect(empty.code).toBe(0);
    expect(parseJson(empty.stdout)).toEqual({ from: 'client', protocolVersion: 5, packets: [], error: null });
  });

  it('a bad packet after good ones: the good ones, then the error with its MQTT reason code, exit 1', async () => {
    const at = client.offsets[3] as number;
    const cases: [Uint8Array, string, number, number][] = [
      // SUBSCRIBE's reserved flags are 0010, not 0000: the first byte is at fault.
      [Uint8Array.of(0x80, 0x02, 0x00, 0x01), 'MALFORMED_PACKET', 0x81, 0],
      // A topic name with a wildcard (a/#): its field is at fault.
      [Uint8Array.of(0x30, 0x06, 0x00, 0x03, 0x61, 0x2f, 0x23, 0x00), 'TOPIC_NAME_INVALID', 0x90, 2],
      // A PUBREL of packet identifier 0.
      [Uint8Array.of(0x62, 0x02, 0x00, 0x00), 'PROTOCOL_ERROR', 0x82, 2],
    ];
    for (const [bad, code, reasonCode, within] of cases) {
      const bytes = Buffer.concat([client.bytes.subarray(0, at), bad]);
      const t = await stride(['mqtt', 'decode', '-'], piped(bytes));
      expect(t.code).toBe(1);
      const { rows, verdict } = table(t.stdout);
      expect(rows.map((r) => r.summary)).toEqual(clientSummaries.slice(0, 3));
      const name = { 129: 'Malformed Packet', 144: 'Topic Name invalid', 130: 'Protocol Error' }[reasonCode];
      expect(verdict).toMatch(
        new RegExp(
          `^invalid: ${code} at byte ${at + within} \\(reason code 0x${reasonCode.toString(16)} ${name}\\): .*\\n  bytes from \\d+: `,
        ),
      );
      const json = await stride(['mqtt', 'decode', '--json', '-'], piped(bytes, 1));
      expect(json.code).toBe(1);
      const doc = parseJson(json.stdout);
      expect(doc.packets).toHaveLength(3);
      expect(doc.error).toMatchObject({ code, reasonCode, offset: at + within });
    }
    // Cut inside the fourth packet: the three before it, then INCOMPLETE.
    const cut = await stride(['mqtt', 'decode', tempFile('cut.bin', client.bytes.subarray(0, at + 3))]);
    expect(cut.code).toBe(1);
    expect(table(cut.stdout).rows).toHaveLength(3);
    expect(table(cut.stdout).verdict).toMatch(
      /^invalid: INCOMPLETE at byte \d+ \(reason code 0x81 Malformed Packet\): /,
    );
  });

  it('--max-packet-size: a longer packet is refused at its remaining length, before its bytes come', async () => {
    const big: MqttPacket = {
      type: 'PUBLISH',
      dup: false,
      qos: 0,
      retain: false,
      topic: 't',
      payload: new Uint8Array(5000),
    };
    const bytes = Buffer.concat([client.bytes, encodePacket(big)]);
    const ok = await stride(['mqtt', 'decode', '-'], piped(bytes, 4096));
    expect(table(ok.stdout).rows.at(-1)?.summary).toMatch(/^PUBLISH "t" qos 0, 5000 bytes "(\\x00){5}…"$/);
    // Only the packet's first 3 bytes: the refusal does not wait for the rest.
    const head = bytes.subarray(0, client.bytes.length + 3);
    const { code, stdout } = await stride(
      ['mqtt', 'decode', '--max-packet-size', '4096', '--json', '-'],
      piped(head),
    );
    expect(code).toBe(1);
    const doc = parseJson(stdout);
    expect(doc.packets).toHaveLength(clientPackets.length);
    expect(doc.error).toMatchObject({ code: 'PACKET_TOO_LARGE', reasonCode: 0x95 });
  });

  it('lines stay bounded and escaped whatever the packets', async () => {
    const long = 'x'.repeat(5000);
    const hostile = stream(
      [
        {
          type: 'CONNECT',
          protocolName: 'MQTT',
          protocolVersion: 5,
          cleanStart: true,
          keepAlive: 0,
          clientId: `\x1b[31m${long}`,
        },
        {
          type: 'SUBSCRIBE',
          packetId: 3,
          subscriptions: Array.from({ length: 10_000 }, (_, i) => ({
            topicFilter: `f/${i}/${long.slice(0, 30)}`,
            qos: 0 as const,
          })),
        },
        {
          type: 'PUBLISH',
          dup: false,
          qos: 0,
          retain: false,
          topic: `\u202e${long}`,
          payload: text(`line 1\nline 2${long}`),
        },
        {
          type: 'PUBACK',
          packetId: 4,
          properties: {
            userProperties: Array.from(
              { length: 1000 },
              () => [long.slice(0, 100), long.slice(0, 100)] as [string, string],
            ),
          },
        },
      ],
      5,
    );
    const { code, stdout } = await stride(['mqtt', 'decode', '-'], piped(hostile.bytes, 65536));
    expect(code).toBe(0);
    for (const line of stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(150);
    const rows = table(stdout).rows.map((r) => r.summary);
    expect(rows[0]).toMatch(/^CONNECT clientId "\\x1b\[31mx+…", MQTT 5.0/);
    expect(rows[1]).toMatch(/^SUBSCRIBE packetId 3, "f\/0\/x{30}" qos 0, "f\/1\/x{30}" qos 0,…$/);
    expect(rows[2]).toMatch(/^PUBLISH "\\u202ex+…" qos 0, 5013 bytes "line 1\\nline 2x+…"/);
    expect(rows[3]).toMatch(/^PUBACK packetId 4, 0x00 Success, properties \{userProperties \[x{23}…="x+…$/);
  });

  it('reads no further while standard output is full', async () => {
    const publish = encodePacket(
      { type: 'PUBLISH', dup: false, qos: 1, retain: false, topic: 'a/b', packetId: 1, payload: text('hi') },
      4,
    );
    const written = await decodeWithOutputHeld(['mqtt', 'decode', '--protocol-version', '4'], publish);
    expect(written.endsWith(`valid: 40000 packets, ${40000 * publish.length} bytes\n`)).toBe(true);
  });
});

describe('stride mqtt decode usage', () => {
  const usage =
    'usage: stride mqtt decode [--from client|server] [--protocol-version 4|5] [--max-packet-size N] [--json] FILE';
  it.each([
    [[], 'missing FILE'],
    [['a', 'b'], 'one FILE at a time (also given: b)'],
    [['--from'], '--from needs client or server'],
    [['--from', 'broker', 'f'], '--from broker: expected client or server'],
    [['--protocol-version', '3', 'f'], '--protocol-version 3: expected 4 (3.1.1) or 5 (5.0)'],
    [['--protocol-version'], '--protocol-version needs 4 or 5'],
    [['--max-packet-size', '1', 'f'], '--max-packet-size 1: expected a number of bytes from 2 to 268435460'],
    [
      ['--max-packet-size', '268435461', 'f'],
      '--max-packet-size 268435461: expected a number of bytes from 2 to 268435460',
    ],
    [
      ['--max-packet-size', '-5', 'f'],
      '--max-packet-size -5: expected a number of bytes from 2 to 268435460',
    ],
    [['--max-packet-size'], '--max-packet-size needs a number of bytes'],
    [['--xml', 'f'], 'unknown option --xml'],
    [[join(scratch.dir, 'missing.bin')], `cannot read ${join(scratch.dir, 'missing.bin')}: no such file`],
  ])('%j: exit 2, %s', async (args, reason) => {
    const { code, stdout, stderr } = await stride(['mqtt', 'decode', ...args]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`stride: ${reason}\n${usage}\n`);
  });

  it('--help prints the options, exit 0; mqtt alone or an unknown subcommand is a usage error', async () => {
    const help = await stride(['mqtt', 'decode', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--protocol-version 4|5');
    expect((await stride(['mqtt'])).code).toBe(2);
    expect((await stride(['mqtt', 'inspect', 'f'])).stderr).toMatch(/^stride: unknown subcommand inspect\n/);
    expect((await stride(['--help'])).stdout).toContain(usage.slice('usage: '.length));
  });
});
