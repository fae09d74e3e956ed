/**
 * A tiny MQTT bridge: clients connect to it as to a broker, and it relays each connection to a real
 * broker with every topic moved under a prefix (`site1/`), so that several sites can share one
 * broker without seeing each other's topics, and without their clients knowing. Each direction is
 * decoded with @stride/mqtt's MqttReader, its packets rewritten, and encoded again (PacketWriter):
 *
 *   client → broker   PUBLISH topics, SUBSCRIBE and UNSUBSCRIBE filters, a CONNECT's will topic:
 *                     the prefix put in front (`$share/group/f` becomes `$share/group/site1/f`)
 *   broker → client   PUBLISH topics: the prefix taken off
 *
 * The client's CONNECT sets the version (3.1.1 or 5.0) of both directions: the client's reader
 * follows it by itself (`from: 'client'`), the broker's is made with it. A fault in either side's
 * bytes ends the connection, a 5.0 peer first getting a DISCONNECT with the fault's reason code.
 *
 *   npx tsx --conditions=@stride/source examples/mqtt/bridge.ts [--listen PORT] [--broker HOST:PORT] [--prefix P]
 *
 * Default: clients on 127.0.0.1:1884 (0: any free port), the broker on 127.0.0.1:1883, prefix
 * `site1/`. It prints a line per connection and per rewritten packet.
 */
import { createServer, connect as dial, type Socket } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DecodeError } from '@stride/codec';
import { encodePacket, type MqttPacket, MqttReader, PacketWriter, reasonCodeOf } from '@stride/mqtt';

export interface BridgeOptions {
  /** Where clients connect (default 127.0.0.1, port 1884; 0: any free port). */
  host?: string;
  port?: number;
  broker: { host: string; port: number };
  /** Put in front of every topic on the way to the broker (no wildcards). */
  prefix: string;
  /** Where the bridge says what it does (default: standard output). */
  log?: (line: string) => void;
}

export interface Bridge {
  /** The port clients connect to (the one the OS chose, when asked for 0). */
  port: number;
  /** Stops listening and ends every connection. */
  close(): Promise<void>;
}

/** A filter under the prefix; a shared subscription's filter after its `$share/group/`. */
function under(prefix: string, filter: string): string {
  const shared = /^\$share\/[^/]+\//.exec(filter)?.[0] ?? '';
  return `${shared}${prefix}${filter.slice(shared.length)}`;
}

/** A client's packet as the broker gets it. */
function toBroker(p: MqttPacket, prefix: string): MqttPacket {
  switch (p.type) {
    case 'CONNECT':
      return p.will === undefined ? p : { ...p, will: { ...p.will, topic: prefix + p.will.topic } };
    case 'PUBLISH':
      // An empty topic is 5.0's topic alias, which stands for a topic sent earlier (rewritten then).
      return p.topic === '' ? p : { ...p, topic: prefix + p.topic };
    case 'SUBSCRIBE':
      return {
        ...p,
        subscriptions: p.subscriptions.map((s) => ({ ...s, topicFilter: under(prefix, s.topicFilter) })),
      };
    case 'UNSUBSCRIBE':
      return { ...p, topicFilters: p.topicFilters.map((f) => under(prefix, f)) };
    default:
      return p;
  }
}

/** The broker's packet as the client gets it. */
function toClient(p: MqttPacket, prefix: string): MqttPacket {
  return p.type === 'PUBLISH' && p.topic.startsWith(prefix)
    ? { ...p, topic: p.topic.slice(prefix.length) }
    : p;
}

/** What was rewritten, for the log: `PUBLISH a/b → site1/a/b`. */
function rewritten(before: MqttPacket, after: MqttPacket): string | undefined {
  if (before.type === 'PUBLISH' && after.type === 'PUBLISH' && before.topic !== after.topic)
    return `PUBLISH ${before.topic} → ${after.topic}`;
  if (before.type === 'SUBSCRIBE' && after.type === 'SUBSCRIBE')
    return `SUBSCRIBE ${before.subscriptions.map((s, i) => `${s.topicFilter} → ${after.subscriptions[i]?.topicFilter}`).join(', ')}`;
  if (before.type === 'UNSUBSCRIBE' && after.type === 'UNSUBSCRIBE')
    return `UNSUBSCRIBE ${before.topicFilters.map((f, i) => `${f} → ${after.topicFilters[i]}`).join(', ')}`;
  return undefined;
}

/** Writes `bytes`; while `to` is full, `from` is not read (TCP holds back its sender). */
function forward(from: Socket, to: Socket, bytes: Uint8Array): void {
  if (bytes.length > 0 && !to.write(bytes)) {
    from.pause();
    to.once('drain', () => from.resume());
  }
}

let connections = 0;

/** One client's connection, relayed to the broker. */
function relay(
  client: Socket,
  { broker: address, prefix }: BridgeOptions,
  log: (line: string) => void,
): Socket {
  const say = (line: string) => log(`[${n}] ${line}`);
  const n = ++connections;
  const broker = dial(address.port, address.host);
  const up = new MqttReader({ from: 'client' });
  /** Made at the client's CONNECT, with its version, as are the writers. */
  let down: MqttReader | undefined;
  let writers: { up: PacketWriter; down: PacketWriter } | undefined;
  let version: 4 | 5 | undefined;

  const close = () => {
    client.end();
    broker.end();
  };
  /**
   * A fault in `side`'s bytes: a DISCONNECT with its reason code (5.0), and the end. Anything else
   * (a rewritten topic too long to encode …) ends the connection too.
   */
  const fault = (side: 'client' | 'broker', e: unknown) => {
    if (e instanceof DecodeError) {
      const reasonCode = reasonCodeOf(e);
      say(`${side}: ${e.code} at byte ${e.offset} (reason code 0x${reasonCode.toString(16)}): ${e.detail}`);
      if (version === 5)
        (side === 'client' ? client : broker).write(encodePacket({ type: 'DISCONNECT', reasonCode }, 5));
    } else say(`${side}: ${e instanceof Error ? e.message : String(e)}`);
    close();
  };

  client.on('data', (chunk: Buffer) => {
    let failed: unknown;
    try {
      up.write(chunk, (p) => {
        if (writers === undefined) {
          if (p.type !== 'CONNECT') throw new Error(`the first packet is ${p.type}, not CONNECT`);
          version = p.protocolVersion === 5 ? 5 : 4;
          writers = { up: new PacketWriter(version), down: new PacketWriter(version) };
          down = new MqttReader({ from: 'server', protocolVersion: version });
          say(
            `${client.remoteAddress}:${client.remotePort} CONNECT ${JSON.stringify(p.clientId)}, MQTT ${version === 5 ? '5.0' : '3.1.1'}`,
          );
        }
        const out = toBroker(p, prefix);
        const change = rewritten(p, out);
        if (change !== undefined) say(`client → broker: ${change}`);
        writers.up.write(out);
      });
    } catch (e) {
      failed = e;
    }
    // The packets before a fault go through, then the fault ends the connection.
    if (writers !== undefined) forward(client, broker, writers.up.finish());
    if (failed !== undefined) fault('client', failed);
  });

  broker.on('data', (chunk: Buffer) => {
    if (down === undefined || writers === undefined) return close(); // a broker speaks only after CONNECT
    const writer = writers.down;
    let failed: unknown;
    try {
      down.write(chunk, (p) => {
        const out = toClient(p, prefix);
        const change = rewritten(p, out);
        if (change !== undefined) say(`broker → client: ${change}`);
        writer.write(out);
      });
    } catch (e) {
      failed = e;
    }
    forward(broker, client, writer.finish());
    if (failed !== undefined) fault('broker', failed);
  });

  // An end on either side ends the other, once what was written to it is sent.
  client.on('end', () => broker.end());
  broker.on('end', () => client.end());
  for (const [name, socket] of [
    ['client', client],
    ['broker', broker],
  ] as const) {
    socket.on('error', (e) => {
      say(`${name}: ${e.message}`);
      client.destroy();
      broker.destroy();
    });
  }
  client.on('close', () => say('closed'));
  return broker;
}

export function startBridge(options: BridgeOptions): Promise<Bridge> {
  if (/[+#]/.test(options.prefix)) throw new RangeError(`a topic prefix has no wildcards: ${options.prefix}`);
  const log = options.log ?? ((line: string) => console.log(line));
  const open = new Set<Socket>();
  const server = createServer((client) => {
    const broker = relay(client, options, log);
    for (const s of [client, broker]) {
      open.add(s);
      s.on('close', () => open.delete(s));
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 1884, options.host ?? '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        port,
        close: () =>
          new Promise<void>((done) => {
            for (const s of open) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      listen: { type: 'string', default: '1884' },
      broker: { type: 'string', default: '127.0.0.1:1883' },
      prefix: { type: 'string', default: 'site1/' },
    },
  });
  const at = values.broker.lastIndexOf(':');
  const broker = { host: values.broker.slice(0, at), port: Number(values.broker.slice(at + 1)) };
  const bridge = await startBridge({ port: Number(values.listen), broker, prefix: values.prefix });
  console.log(`bridging 127.0.0.1:${bridge.port} → ${values.broker}, topics under ${values.prefix}`);
}
