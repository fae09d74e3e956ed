// examples/mqtt end to end: publisher.ts → bridge.ts → mosquitto → bridge.ts → subscriber.ts. The
// clients run as the README says (through tsx, from the repository root), the bridge in this
// process on a free port, Debian's mosquitto on another (support/broker.ts). mosquitto_sub,
// connected to the broker itself, shows what the broker saw: the topics under the bridge's prefix.
import { type ChildProcess, spawn } from 'node:child_process';
import * as net from 'node:net';
import { join } from 'node:path';
import { encodePacket, type MqttPacket, MqttReader } from '@stride/mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bridge, startBridge } from '../../examples/mqtt/bridge.js';
import { decodeReading, describe as line } from '../../examples/mqtt/schema.js';
import { root } from '../cli/helpers.js';
import { type Mosquitto, startMosquitto } from './support/broker.js';
import { mosquittoPub, mosquittoSub } from './support/clients.js';

const PREFIX = 'site1/';

let broker: Mosquitto;
let bridge: Bridge;
const bridgeLog: string[] = [];
beforeAll(async () => {
  broker = await startMosquitto();
  bridge = await startBridge({
    port: 0,
    broker: { host: broker.host, port: broker.port },
    prefix: PREFIX,
    log: (l) => bridgeLog.push(l),
  });
});
afterAll(async () => {
  await bridge?.close();
  await broker?.stop();
});

interface Script {
  /** Resolves with the first line of standard output that matches. */
  waitFor(pattern: RegExp): Promise<string>;
  /** The exit status and everything printed, once it exits. */
  exit: Promise<{ code: number | null; lines: string[]; stderr: string }>;
  child: ChildProcess;
}

/** `examples/mqtt/<name> ...args` as the README runs it (tsx with the @stride/source condition). */
function script(name: string, args: string[]): Script {
  const tsx = ['--conditions=@stride/source', '--import', 'tsx'];
  const child = spawn(process.execPath, [...tsx, join(root, 'examples/mqtt', name), ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiting: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  let pending = '';
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  child.stdout?.setEncoding('utf8').on('data', (s: string) => {
    const parts = (pending + s).split('\n');
    pending = parts.pop() ?? '';
    for (const l of parts) {
      lines.push(l);
      for (const w of waiting.filter((w) => w.pattern.test(l))) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(l);
      }
    }
  });
  const exit = new Promise<{ code: number | null; lines: string[]; stderr: string }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, lines, stderr }));
  });
  return {
    child,
    exit,
    waitFor: (pattern) => {
      const seen = lines.find((l) => pattern.test(l));
      if (seen !== undefined) return Promise.resolve(seen);
      return Promise.race([
        new Promise<string>((resolve) => waiting.push({ pattern, resolve })),
        exit.then(({ code, stderr }) => {
          throw new Error(`${name} exited (${code}) before printing ${pattern}: ${stderr}`);
        }),
      ]);
    },
  };
}

describe('examples/mqtt: publisher → bridge → mosquitto → bridge → subscriber', () => {
  it('the subscriber prints the readings the publisher sent; the broker saw them under the prefix', async () => {
    // On the broker itself, under the prefix: what the bridge sent it.
    const direct = mosquittoSub({
      port: broker.port,
      version: 'mqttv5',
      qos: 1,
      topic: `${PREFIX}sensors/+/reading`,
      count: 4,
      timeoutSec: 60,
    });
    await direct.ready;
    // Through the bridge: a 3.1.1 subscriber, a 5.0 publisher.
    const port = String(bridge.port);
    const subscriber = script('subscriber.ts', ['--port', port, '--count', '4', '--protocol-version', '4']);
    try {
      expect(await subscriber.waitFor(/^subscribed /)).toBe('subscribed to sensors/+/reading (QoS 1)');
      const publisher = script('publisher.ts', ['--port', port, '--interval', '0']);
      const published = await publisher.exit;
      expect(published.stderr).toBe('');
      expect(published.code).toBe(0);
      expect(published.lines).toHaveLength(3);
      const readings = published.lines.map((l) => {
        const m = /^published sensors\/probe-1\/reading \(20 bytes\): (.+)$/.exec(l);
        if (m === null) throw new Error(`not a publication: ${l}`);
        return m[1] as string;
      });
      expect(readings.map((r) => r.replace(/ at \S+:/, ':'))).toEqual([
        'probe-1: 19.50 °C, heating',
        'probe-1: 19.75 °C, heating',
        'probe-1: 20.00 °C, heating',
      ]);
      // A client nobody here wrote, through the bridge, with a payload that is no reading.
      await mosquittoPub({
        port: bridge.port,
        version: 'mqttv311',
        qos: 1,
        topic: 'sensors/x/reading',
        message: 'hello',
      });

      const received = await subscriber.exit;
      expect(received.stderr).toBe('');
      expect(received.code).toBe(0);
      expect(received.lines.slice(1, 4)).toEqual(readings.map((r) => `sensors/probe-1/reading: ${r}`));
      expect(received.lines[4]).toMatch(
        /^sensors\/x\/reading: not a reading: BAD_CONSTANT: version: expected 1, got 104 at byte 0 /,
      );
      expect(received.lines).toHaveLength(5);

      const seen = await direct.messages;
      expect(seen.map((m) => m.topic)).toEqual([
        ...readings.map(() => 'site1/sensors/probe-1/reading'),
        'site1/sensors/x/reading',
      ]);
      expect(seen.slice(0, 3).map((m) => line(decodeReading(m.payload)))).toEqual(readings);
      expect(seen[3]?.payload.toString()).toBe('hello');
      // The broker's log names every topic it received, each under the prefix.
      const topics = [...broker.log().matchAll(/Received (?:PUBLISH|SUBSCRIBE) from .*?'([^']*)'/g)];
      expect(topics.length).toBeGreaterThan(0);
      for (const [, topic] of topics) expect(topic?.startsWith(PREFIX)).toBe(true);
      expect(broker.log()).toMatch(/\n\d+: \tsite1\/sensors\/\+\/reading \(QoS 1\)\n/); // the subscription
    } finally {
      subscriber.child.kill();
    }
    // Each client's CONNECT set its connection's version, both ways.
    expect(bridgeLog).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\[\d+\] 127\.0\.0\.1:\d+ CONNECT "subscriber-\d+", MQTT 3\.1\.1$/),
        expect.stringMatching(/^\[\d+\] 127\.0\.0\.1:\d+ CONNECT "publisher-probe-1", MQTT 5\.0$/),
        expect.stringMatching(
          /client → broker: SUBSCRIBE sensors\/\+\/reading → site1\/sensors\/\+\/reading$/,
        ),
        expect.stringMatching(
          /client → broker: PUBLISH sensors\/probe-1\/reading → site1\/sensors\/probe-1\/reading$/,
        ),
        expect.stringMatching(
          /broker → client: PUBLISH site1\/sensors\/probe-1\/reading → sensors\/probe-1\/reading$/,
        ),
      ]),
    );
  }, 60_000);

  it("a client's malformed packet: the bridge answers a 5.0 client with DISCONNECT 0x81 and closes", async () => {
    const connect: MqttPacket = {
      type: 'CONNECT',
      protocolName: 'MQTT',
      protocolVersion: 5,
      cleanStart: true,
      keepAlive: 0,
      clientId: 'bad-client',
    };
    // A SUBSCRIBE whose reserved flags are 0000 (the spec fixes 0010).
    const bytes = Buffer.concat([encodePacket(connect), Uint8Array.of(0x80, 0x02, 0x00, 0x01)]);
    const answers = await new Promise<MqttPacket[]>((resolve, reject) => {
      const socket = net.connect(bridge.port, '127.0.0.1');
      const reader = new MqttReader({ from: 'server', protocolVersion: 5 });
      const packets: MqttPacket[] = [];
      socket.on('data', (chunk) => reader.write(chunk, (p) => packets.push(p)));
      socket.once('error', reject);
      socket.once('close', () => resolve(packets));
      socket.setTimeout(10_000, () => socket.destroy(new Error('the bridge did not close the connection')));
      socket.once('connect', () => socket.write(bytes));
    });
    // The CONNECT went through (the broker's CONNACK may come first); the fault ends it all.
    expect(answers.at(-1)).toEqual({ type: 'DISCONNECT', reasonCode: 0x81, properties: {} });
    expect(answers.slice(0, -1).every((p) => p.type === 'CONNACK')).toBe(true);
    expect(bridgeLog.some((l) => /client: MALFORMED_PACKET at byte \d+ \(reason code 0x81\)/.test(l))).toBe(
      true,
    );
  }, 30_000);
});
