// mosquitto_pub and mosquitto_sub (Debian's mosquitto-clients, installed when missing): MQTT
// clients nobody here wrote, run against a broker on 127.0.0.1 (./broker.ts). mosquitto_sub prints
// each message as one line of its QoS, retain flag, payload in hex and topic, so that binary
// payloads come back exactly; and it says when its subscription is active (see mosquittoSub).
import { spawn } from 'node:child_process';
import { spawnStride as spawnProgram } from '../../cli/helpers.js';
import { findProgram } from '../../support/apt.js';
import { tail } from '../../support/server-process.js';
import { findMosquittoProgram } from './broker.js';

export type MqttVersion = 'mqttv311' | 'mqttv5';
export type QoS = 0 | 1 | 2;

export interface ClientOptions {
  /** The broker's port on 127.0.0.1. */
  port: number;
  version: MqttVersion;
  qos: QoS;
  /** `-i`; the default is one mosquitto makes up. */
  clientId?: string;
  /** MQTT 5 properties, one `-D` each: its words, e.g. ['publish', 'user-property', 'key', 'value']. */
  properties?: string[][];
  /** More command-line arguments, as they are (e.g. ['-k', '30']). */
  args?: string[];
}

export type PubOptions = ClientOptions & { topic: string; retain?: boolean } & (
    | {
        /** The payload (through stdin, so any bytes; empty is a zero-length payload). */
        message: string | Uint8Array;
      }
    | {
        /** A file whose content is the payload (`-f`). */
        file: string;
      }
  );

/** Publishes one message with mosquitto_pub; resolves when it exits 0, rejects with its stderr otherwise. */
export async function mosquittoPub(options: PubOptions): Promise<void> {
  let input: Uint8Array | undefined;
  let payload: string[];
  if ('file' in options) payload = ['-f', options.file];
  else {
    input = typeof options.message === 'string' ? Buffer.from(options.message) : options.message;
    // -s reads the whole of stdin as the payload, but refuses an empty one: -n sends that.
    payload = input.length > 0 ? ['-s'] : ['-n'];
  }
  const args = [...common(options), '-t', options.topic, ...(options.retain ? ['-r'] : []), ...payload];
  const { code, stderr } = await spawnProgram(findMosquittoProgram('mosquitto_pub'), args, input);
  if (code !== 0) throw new Error(`mosquitto_pub ${args.join(' ')} exited with ${code}: ${stderr}`);
}

export interface SubOptions extends ClientOptions {
  /** The topic filter (`-t`), or several in one SUBSCRIBE. */
  topic: string | string[];
  /** Exit after this many messages (`-C`). */
  count?: number;
  /** Only retained messages are kept; the first one that is not ends it (`--retained-only`). */
  retainedOnly?: boolean;
  /** Exit after this many seconds, messages or not (`-W`; default 10): no test waits forever. */
  timeoutSec?: number;
}

export interface ReceivedMessage {
  topic: string;
  payload: Buffer;
  qos: QoS;
  retain: boolean;
}

export interface Subscription {
  /** Resolves once the broker has acknowledged the SUBSCRIBE; rejects if mosquitto_sub exits first. */
  ready: Promise<void>;
  /**
   * Every message received, in order, once mosquitto_sub exits: after `count` messages, at the
   * timeout (then fewer), or on kill(). Rejects if it fails (a refused connection, say), with its stderr.
   */
  messages: Promise<ReceivedMessage[]>;
  /** Ends mosquitto_sub (SIGTERM). */
  kill(): void;
}

// The format of a message's line (-F). Debug lines (-d) start with a word, never a digit; the topic
// comes last, so it may hold spaces (not newlines).
const FORMAT = '%q %r %x %t';
const MESSAGE = /^([012]) ([01]) ((?:[0-9a-f]{2})*) (.*)$/;

/**
 * mosquitto_sub on one or more topic filters. It prints no ready signal of its own, but with -d
 * it reports the SUBACK it receives, and the broker sends SUBACK only after adding the
 * subscription: from then on every message published on a matching topic reaches it. Its standard
 * output to a pipe is block-buffered, so it runs under `stdbuf -oL` (coreutils) to see that line
 * when it comes.
 */
export function mosquittoSub(options: SubOptions): Subscription {
  const stdbuf = findProgram('stdbuf');
  if (!stdbuf) throw new Error('stdbuf not found: install coreutils');
  const topics = typeof options.topic === 'string' ? [options.topic] : options.topic;
  const args = [
    '-oL',
    findMosquittoProgram('mosquitto_sub'),
    ...common(options),
    ...topics.flatMap((topic) => ['-t', topic]),
    ...(options.count === undefined ? [] : ['-C', String(options.count)]),
    ...(options.retainedOnly ? ['--retained-only'] : []),
    ...['-W', String(options.timeoutSec ?? 10), '-d', '-F', FORMAT],
  ];
  const child = spawn(stdbuf, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr = tail(child);
  const received: ReceivedMessage[] = [];
  let subscribed!: () => void;
  const ready = new Promise<void>((resolve) => {
    subscribed = resolve;
  });
  let pending = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    const lines = (pending + text).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const message = MESSAGE.exec(line);
      if (message) {
        const [, qos, retain, hex = '', topic = ''] = message;
        received.push({
          topic,
          payload: Buffer.from(hex, 'hex'),
          qos: Number(qos) as QoS,
          retain: retain === '1',
        });
      } else if (/ received SUBACK$/.test(line)) subscribed();
    }
  });
  const messages = new Promise<ReceivedMessage[]>((resolve, reject) => {
    child.once('error', reject);
    // 27: the -W timeout; a signal: kill().
    child.once('close', (code, signal) => {
      if (code === 0 || code === 27 || signal !== null) resolve(received);
      else reject(new Error(`mosquitto_sub ${args.slice(2).join(' ')} exited with ${code}: ${stderr()}`));
    });
  });
  const settled = messages.then(
    () => new Error(`mosquitto_sub exited before its SUBACK: ${stderr()}`),
    (error: unknown) => error,
  );
  const subscription: Subscription = {
    ready: Promise.race([ready, settled.then((error) => Promise.reject(error))]),
    messages,
    kill: () => child.kill('SIGTERM'),
  };
  // A test that never awaits one of them must not fail for an unhandled rejection.
  subscription.ready.catch(() => {});
  messages.catch(() => {});
  return subscription;
}

/** The arguments both programs take: the broker, the protocol version, QoS, client id, properties. */
function common(options: ClientOptions): string[] {
  return [
    ...['-h', '127.0.0.1', '-p', String(options.port), '-V', options.version, '-q', String(options.qos)],
    ...(options.clientId === undefined ? [] : ['-i', options.clientId]),
    ...(options.properties ?? []).flatMap((words) => ['-D', ...words]),
    ...(options.args ?? []),
  ];
}
