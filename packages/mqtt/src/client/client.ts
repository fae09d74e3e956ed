/**
 * MqttClient: one MQTT connection over node:net, read by one MqttReader (the server's side) and
 * written by one PacketWriter: the packets of one tick go out in one write. Outgoing PUBLISH,
 * SUBSCRIBE and UNSUBSCRIBE take a packet identifier until their acknowledgement (a Flow); those
 * that find none free, or a PUBLISH past the server's Receive Maximum, wait in order. Incoming
 * PUBLISH go to the listeners of the matching filters (subscriptions.ts) and are acknowledged.
 */
import { connect as netConnect, type Socket } from 'node:net';
import { DecodeError } from '@stride/codec';
import { Fifo } from '@stride/view/fifo';
import { Observable } from 'rxjs';
import { reasonCodeOf } from '../errors.js';
import { PacketWriter } from '../packets/encode.js';
import type { Connack, MqttPacket, Publish, QoS, Subscription, Version } from '../packets/packet.js';
import type { Properties } from '../packets/properties.js';
import { MqttReader } from '../read/mqtt-reader.js';
import { MqttClientError, MqttConnectionError } from './errors.js';
import { type Listener, Listeners, validFilter } from './subscriptions.js';

export interface ConnectOptions {
  host: string;
  port: number;
  /** The client identifier (default '': the server assigns one; 3.1.1 allows that only with `cleanStart`). */
  clientId?: string;
  /** 5 (MQTT 5.0, the default) or 4 (3.1.1). */
  protocolVersion?: 4 | 5;
  /** Seconds: a PINGREQ goes out when nothing was sent for this long (default 60; 0: never). A 5.0 server's Server Keep Alive replaces it. */
  keepAlive?: number;
  /** How long a PINGREQ waits for its PINGRESP before the connection fails with PING_TIMEOUT (default: the keep-alive period). */
  pingTimeoutMs?: number;
  /** Start a new session (default true). */
  cleanStart?: boolean;
  username?: string;
  password?: string | Uint8Array;
  /** What the server publishes for this client when its connection ends without a DISCONNECT. */
  will?: WillOptions;
  /** CONNECT's properties (5.0 only): sessionExpiryInterval, userProperties … */
  properties?: Properties;
  /**
   * The most PUBLISH packets of QoS 1 and 2 awaiting their acknowledgement at once; later ones wait,
   * in order. Default: the server's Receive Maximum in 5.0, none in 3.1.1 — where a broker may still
   * have one (mosquitto drops a 3.1.1 client with more QoS 2 messages under way than its
   * `max_inflight_messages`, 20 by default).
   */
  maxInflight?: number;
  /** Fail with CONNECT_TIMEOUT unless the server has accepted within this many milliseconds (default: no limit). */
  connectTimeoutMs?: number;
  /** The longest packet taken from the server, in bytes (the reader's bound, default 1 MiB); a 5.0 server is told (Maximum Packet Size). */
  maxPacketSize?: number;
}

export interface WillOptions {
  topic: string;
  /** Bytes, or text sent as UTF-8. */
  payload: Uint8Array | string;
  /** Default 0. */
  qos?: QoS;
  retain?: boolean;
  /** 5.0 only: willDelayInterval, messageExpiryInterval … */
  properties?: Properties;
}

export interface PublishOptions {
  /** Default 0. */
  qos?: QoS;
  retain?: boolean;
  /** 5.0 only: messageExpiryInterval, contentType, userProperties … */
  properties?: Properties;
}

export interface SubscribeOptions {
  /** The maximum QoS asked for (default 0). */
  qos?: QoS;
  /** 5.0 only (3.1.1 leaves it out): not to receive this client's own publications. */
  noLocal?: boolean;
  /** 5.0 only: keep the RETAIN flag of forwarded messages. */
  retainAsPublished?: boolean;
  /** 5.0 only: 0 send retained messages (default), 1 only for a new subscription, 2 never. */
  retainHandling?: 0 | 1 | 2;
  /** SUBSCRIBE's properties (5.0 only): userProperties (the client sets subscriptionIdentifiers). */
  properties?: Properties;
  /** Called with the QoS granted when the SUBACK comes: from then on every matching message is delivered. */
  onSubscribed?: (qos: QoS) => void;
}

type Ack = 'PUBACK' | 'PUBREC' | 'PUBCOMP' | 'SUBACK' | 'UNSUBACK';
type AckPacket = Extract<MqttPacket, { type: Ack }>;

/** An outgoing packet awaiting its acknowledgement, under its packet identifier. */
interface Flow {
  awaits: Ack;
  /** A PUBLISH, counted against the server's Receive Maximum. */
  counted: boolean;
  settle(ack: AckPacket, offset: number): void;
  fail(error: unknown): void;
}

/** A packet to send: at once, or once what it needs is free. */
interface Request {
  /** 'id': a packet identifier; 'quota': one, and room under the server's Receive Maximum (QoS 1, 2). */
  needs: 'nothing' | 'id' | 'quota';
  /** Sends (throws an EncodeError for a packet that cannot be written). */
  send(id: number): void;
  fail(error: unknown): void;
}

const MAX_ID = 65_535;
const DEFAULT_MAX_PACKET = 1024 * 1024;
/** After DISCONNECT, how long the server gets to close before the socket is destroyed. */
const CLOSE_GRACE_MS = 2000;
const utf8 = new TextEncoder();

const bytesOf = (b: Uint8Array | string): Uint8Array => (typeof b === 'string' ? utf8.encode(b) : b);
const refused = (ack: AckPacket): boolean => 'reasonCode' in ack && (ack.reasonCode ?? 0) >= 0x80;

/** Makes a client, connected and accepted (the constructor is private: `connect` is the way in). */
export let openClient: (options: ConnectOptions) => Promise<MqttClient>;

export class MqttClient {
  readonly #socket: Socket;
  readonly #reader: MqttReader;
  readonly #writer: PacketWriter;
  readonly #options: ConnectOptions;
  readonly #version: Version;
  readonly #listeners = new Listeners();
  /** `closing`: close() was called; DISCONNECT goes out once the publications before it are done. */
  #state: 'open' | 'closing' | 'closed' = 'open';
  /** DISCONNECT is written: nothing more is. */
  #disconnected = false;
  /** What closed the client, if it failed; and what the requests waiting then failed with. */
  #failure: Error | undefined;
  #error: Error | undefined;
  /** A fault found while a chunk's packets are taken, raised once the chunk is done. */
  #fatal: unknown;
  readonly #flows = new Map<number, Flow>();
  readonly #queue = new Fifo<Request>();
  #nextId = 1;
  /** PUBLISH flows of QoS 1 and 2 under way, and the most allowed (`maxInflight`, the server's Receive Maximum). */
  #inflight = 0;
  #maxInflight = MAX_ID;
  /** QoS 2 packet identifiers received, delivered, and not yet released (PUBREL). */
  readonly #received = new Set<number>();
  /** Callbacks of the packets written since the last flush (QoS 0 publications). */
  #written: ((error?: Error | null) => void)[] = [];
  #flushing = false;
  #lastSent = 0;
  #keepAliveTimer: NodeJS.Timeout | undefined;
  #pingTimer: NodeJS.Timeout | undefined;
  #connack: Connack | undefined;
  readonly #connected: Promise<void>;
  #settleConnect: { resolve(): void; reject(e: unknown): void } | undefined;
  /** Resolves when the socket is closed: undefined after close() or destroy(), else what failed the connection. */
  readonly closed: Promise<Error | undefined>;

  static {
    openClient = async (options) => {
      const client = new MqttClient(options);
      const ms = options.connectTimeoutMs;
      const timer = ms === undefined ? undefined : setTimeout(() => client.#timeout(ms), ms);
      try {
        await client.#connected;
      } finally {
        clearTimeout(timer);
      }
      return client;
    };
  }

  private constructor(options: ConnectOptions) {
    this.#options = options;
    const version = options.protocolVersion ?? 5;
    if (version !== 4 && version !== 5)
      throw new RangeError(`protocolVersion must be 4 or 5, not ${String(version)}`);
    this.#version = version;
    const { maxInflight } = options;
    if (maxInflight !== undefined && !(Number.isInteger(maxInflight) && maxInflight >= 1))
      throw new RangeError(`maxInflight must be a positive integer, not ${String(maxInflight)}`);
    const maxPacketSize = options.maxPacketSize ?? DEFAULT_MAX_PACKET;
    this.#reader = new MqttReader({ from: 'server', protocolVersion: version, maxPacketSize });
    this.#writer = new PacketWriter(version);
    // Written before the socket exists: options it cannot encode throw here, with nothing to clean up.
    this.#writer.write(connectPacket(options, version, maxPacketSize));
    this.#connected = new Promise((resolve, reject) => {
      this.#settleConnect = { resolve, reject };
    });
    const socket = netConnect({ host: options.host, port: options.port });
    this.#socket = socket;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.#read(chunk));
    socket.on('end', () => this.#ended(undefined));
    socket.on('error', (e) => this.#ended(e));
    this.closed = new Promise((resolve) =>
      socket.once('close', () => {
        this.#ended(undefined);
        resolve(this.#failure);
      }),
    );
    this.#scheduleFlush();
  }

  /** 4 (3.1.1) or 5: the version the connection speaks. */
  get protocolVersion(): Version {
    return this.#version;
  }

  /** The server's CONNACK: `sessionPresent`, and in 5.0 its properties (assignedClientIdentifier, receiveMaximum …). */
  get connack(): Connack {
    return this.#connack as Connack;
  }

  /**
   * Publishes a message (a string is sent as UTF-8). Resolves when its flow is complete: QoS 0 once
   * written to the socket, QoS 1 on PUBACK, QoS 2 on PUBCOMP (after PUBREC and PUBREL). A reason
   * code of 0x80 or more rejects with an MqttClientError (PUBLISH_FAILED) and the connection goes
   * on; a packet that cannot be written (a topic with a wildcard, properties in 3.1.1) rejects with
   * codec's EncodeError; the connection's end with its error.
   */
  publish(topic: string, payload: Uint8Array | string, options: PublishOptions = {}): Promise<void> {
    const { qos = 0, retain = false, properties } = options;
    const message = bytesOf(payload);
    const packet = (packetId?: number): Publish => {
      const p: Publish = { type: 'PUBLISH', dup: false, qos, retain, topic, properties, payload: message };
      if (packetId !== undefined) p.packetId = packetId;
      return p;
    };
    return new Promise((resolve, reject) => {
      if (qos === 0) {
        const written = (e?: Error | null) => (e ? reject(this.#error ?? this.#closedBy(e)) : resolve());
        this.#request({ needs: 'nothing', send: () => this.#send(packet(), written), fail: reject });
        return;
      }
      this.#request({
        needs: 'quota',
        fail: reject,
        send: (id) => {
          const flow: Flow = {
            awaits: qos === 2 ? 'PUBREC' : 'PUBACK',
            counted: true,
            fail: reject,
            settle: (ack, offset) => {
              if (ack.type === 'PUBREC' && !refused(ack)) {
                flow.awaits = 'PUBCOMP';
                this.#send({ type: 'PUBREL', packetId: id });
                return;
              }
              this.#done(id);
              if (!refused(ack)) resolve();
              else reject(new MqttClientError('PUBLISH_FAILED', `${ack.type} for ${topic}`, ack, offset));
            },
          };
          this.#track(id, packet(id), flow);
        },
      });
    });
  }

  /**
   * The PUBLISH packets the server sends for `filter` (wildcards `+` and `#`; `$share/{group}/…`)
   * while subscribed, each with a copy of its payload. Subscribing sends SUBSCRIBE; the SUBACK calls
   * `onSubscribed` with the QoS granted, or errors the Observable (SUBSCRIBE_FAILED) for a reason
   * code of 0x80 or more. Unsubscribing sends UNSUBSCRIBE once no other subscription of this client
   * holds the filter (the last SUBSCRIBE's options hold, as the server keeps one per filter).
   * Completes on close() and destroy(), errors when the connection fails.
   */
  subscribe(filter: string, options: SubscribeOptions = {}): Observable<Publish> {
    return new Observable<Publish>((subscriber) => {
      if (typeof filter !== 'string' || !validFilter(filter)) {
        subscriber.error(new TypeError(`subscribe(): not a topic filter: ${JSON.stringify(filter)}`));
        return;
      }
      const { onSubscribed, properties, qos = 0, noLocal, retainAsPublished, retainHandling } = options;
      const listener: Listener = {
        next: (p) => subscriber.next(p),
        error: (e) => subscriber.error(e),
        complete: () => subscriber.complete(),
      };
      const subscription: Subscription = {
        topicFilter: filter,
        qos,
        noLocal,
        retainAsPublished,
        retainHandling,
      };
      const fail = (e: unknown) => {
        this.#listeners.remove(filter, listener);
        subscriber.error(e);
      };
      const suback = (ack: AckPacket, offset: number) => {
        const code = ack.type === 'SUBACK' ? (ack.reasonCodes[0] ?? 0x80) : 0x80;
        if (code < 0x80) onSubscribed?.(code as QoS);
        else fail(new MqttClientError('SUBSCRIBE_FAILED', `SUBACK for ${filter}`, ack, offset, code));
      };
      // Listening from now: an UNSUBSCRIBE on teardown follows the SUBSCRIBE, even one still waiting.
      const subscriptionId = this.#state === 'open' ? this.#listeners.add(filter, listener) : 0;
      const identified =
        this.#version === 5 && this.#connack?.properties?.subscriptionIdentifiersAvailable !== 0
          ? { ...properties, subscriptionIdentifiers: [subscriptionId] }
          : properties;
      const packet = (packetId: number): MqttPacket => ({
        type: 'SUBSCRIBE',
        packetId,
        properties: identified,
        subscriptions: [subscription],
      });
      this.#request({
        needs: 'id',
        fail,
        send: (id) => this.#track(id, packet(id), { awaits: 'SUBACK', counted: false, fail, settle: suback }),
      });
      return () => {
        if (!this.#listeners.remove(filter, listener) || this.#state !== 'open') return;
        const nothing = () => {};
        this.#request({
          needs: 'id',
          fail: nothing,
          send: (id) => {
            const flow: Flow = { awaits: 'UNSUBACK', counted: false, fail: nothing, settle: nothing };
            this.#track(id, { type: 'UNSUBSCRIBE', packetId: id, topicFilters: [filter] }, flow);
          },
        });
      };
    });
  }

  /**
   * Lets the publications already made complete their flows, then sends DISCONNECT (the server
   * drops the will) and ends the connection. Subscriptions complete at once; later calls reject
   * with CLIENT_CLOSED. Resolves as `closed` does.
   */
  close(): Promise<Error | undefined> {
    if (this.#state === 'open') {
      this.#state = 'closing';
      this.#listeners.end(undefined);
      this.#disconnectWhenDone();
    }
    return this.closed;
  }

  /**
   * Ends the connection at once, without DISCONNECT (the server publishes the will): the flows
   * under way reject with CLIENT_CLOSED, subscriptions complete. Resolves as `closed` does.
   */
  destroy(): Promise<Error | undefined> {
    this.#end(undefined, this.#connectionError('CLIENT_CLOSED', 'the client was destroyed'));
    return this.closed;
  }

  /** Sends a request now, or queues it behind the ones waiting (the order of calls is the order of packets). */
  #request(r: Request): void {
    if (this.#state !== 'open') {
      r.fail(this.#failure ?? this.#connectionError('CLIENT_CLOSED', 'the client is closed'));
      return;
    }
    if (this.#queue.length > 0 || !this.#ready(r)) this.#queue.push(r);
    else this.#begin(r);
  }

  #ready(r: Request): boolean {
    if (r.needs === 'nothing') return true;
    return this.#flows.size < MAX_ID && (r.needs === 'id' || this.#inflight < this.#maxInflight);
  }

  #begin(r: Request): void {
    try {
      r.send(r.needs === 'nothing' ? 0 : this.#allocate());
    } catch (e) {
      r.fail(e);
    }
  }

  /** The next free packet identifier, 1 to 65,535 round, from the one after the last given. */
  #allocate(): number {
    for (;;) {
      const id = this.#nextId;
      this.#nextId = id === MAX_ID ? 1 : id + 1;
      if (!this.#flows.has(id)) return id;
    }
  }

  /** Sends a packet that awaits its acknowledgement under `id`. */
  #track(id: number, packet: MqttPacket, flow: Flow): void {
    this.#send(packet);
    this.#flows.set(id, flow);
    if (flow.counted) this.#inflight++;
  }

  /** A flow is complete: its identifier (and its place under Receive Maximum) is free for the requests waiting. */
  #done(id: number): void {
    const flow = this.#flows.get(id);
    this.#flows.delete(id);
    if (flow?.counted) this.#inflight--;
    for (let r = this.#queue.first; r !== undefined && this.#ready(r); r = this.#queue.first) {
      this.#queue.shift();
      this.#begin(r);
    }
    this.#disconnectWhenDone();
  }

  /** While closing: DISCONNECT once no publication waits, then the socket's end. */
  #disconnectWhenDone(): void {
    if (this.#state !== 'closing' || this.#disconnected || this.#queue.length > 0 || this.#inflight > 0)
      return;
    this.#send({ type: 'DISCONNECT' });
    this.#flush();
    this.#disconnected = true;
    clearTimeout(this.#keepAliveTimer);
    clearTimeout(this.#pingTimer);
    this.#socket.end();
    setTimeout(() => this.#socket.destroy(), CLOSE_GRACE_MS).unref();
  }

  /** Encodes a packet into the tick's buffer (throws, writing nothing, if it cannot be encoded). */
  #send(packet: MqttPacket, written?: (error?: Error | null) => void): void {
    this.#writer.write(packet);
    if (written) this.#written.push(written);
    this.#scheduleFlush();
  }

  #scheduleFlush(): void {
    if (this.#flushing) return;
    this.#flushing = true;
    process.nextTick(() => this.#flush());
  }

  /** Writes the packets of the tick in one write (none after DISCONNECT). */
  #flush(): void {
    this.#flushing = false;
    if (this.#state === 'closed') return;
    const bytes = this.#writer.finish();
    if (bytes.length === 0 || this.#disconnected) return;
    const written = this.#written;
    this.#written = [];
    this.#lastSent = Date.now();
    this.#socket.write(bytes, (e) => {
      for (const w of written) w(e);
    });
  }

  #read(chunk: Uint8Array): void {
    if (this.#state === 'closed') return;
    try {
      this.#reader.write(chunk, this.#deliver);
    } catch (e) {
      this.#fail(this.#fatal ?? e);
      return;
    }
    if (this.#fatal !== undefined) this.#fail(this.#fatal);
  }

  readonly #deliver = (p: MqttPacket): void => {
    if (this.#fatal !== undefined || this.#state === 'closed') return;
    try {
      this.#packet(p, this.#reader.messageOffset);
    } catch (e) {
      this.#fatal = e;
    }
  };

  /** A packet from the server. */
  #packet(p: MqttPacket, offset: number): void {
    const unexpected = (why: string) => new MqttClientError('UNEXPECTED_PACKET', why, p, offset);
    if (this.#connack === undefined && p.type !== 'CONNACK') throw unexpected(`a ${p.type} before CONNACK`);
    switch (p.type) {
      case 'CONNACK':
        if (this.#connack !== undefined) throw unexpected('a second CONNACK');
        if (p.reasonCode !== 0)
          throw new MqttClientError('CONNECT_REFUSED', 'the server refused the connection', p, offset);
        this.#accepted(p);
        return;
      case 'PUBLISH':
        this.#incoming(p);
        return;
      case 'PUBACK':
      case 'PUBREC':
      case 'PUBCOMP':
      case 'SUBACK':
      case 'UNSUBACK': {
        const flow = this.#flows.get(p.packetId);
        if (flow?.awaits !== p.type)
          throw unexpected(
            `a ${p.type} for packet identifier ${p.packetId}, which awaits ${flow?.awaits ?? 'nothing'}`,
          );
        flow.settle(p, offset);
        return;
      }
      case 'PUBREL': {
        // Unknown: released already (this is a resend), 0x92 in 5.0.
        const known = this.#received.delete(p.packetId);
        this.#send({ type: 'PUBCOMP', packetId: p.packetId, reasonCode: known ? 0 : 0x92 });
        return;
      }
      case 'PINGRESP':
        clearTimeout(this.#pingTimer);
        this.#pingTimer = undefined;
        return;
      case 'DISCONNECT':
        throw new MqttClientError('SERVER_DISCONNECT', 'the server closed the connection', p, offset);
      default:
        throw unexpected(`a ${p.type}, which servers do not send`);
    }
  }

  /** CONNACK accepted: the server's limits, the keep-alive, and connect() resolves. */
  #accepted(p: Connack): void {
    this.#connack = p;
    this.#maxInflight = Math.min(p.properties?.receiveMaximum ?? MAX_ID, this.#options.maxInflight ?? MAX_ID);
    const seconds = p.properties?.serverKeepAlive ?? this.#options.keepAlive ?? 60;
    if (seconds > 0) this.#keepAlive(seconds * 1000, this.#options.pingTimeoutMs ?? seconds * 1000);
    this.#settleConnect?.resolve();
    this.#settleConnect = undefined;
  }

  /** A PUBLISH: delivered, then acknowledged; a QoS 2 one delivered once until its PUBREL. */
  #incoming(p: Publish): void {
    const id = p.packetId as number;
    if (p.qos === 2) {
      if (!this.#received.has(id)) {
        this.#received.add(id);
        this.#listeners.deliver(p);
      }
      this.#send({ type: 'PUBREC', packetId: id });
      return;
    }
    this.#listeners.deliver(p);
    if (p.qos === 1) this.#send({ type: 'PUBACK', packetId: id });
  }

  /** PINGREQ whenever nothing was sent for `period` ms; the connection fails if its PINGRESP takes `timeout` ms. */
  #keepAlive(period: number, timeout: number): void {
    const tick = () => {
      const idle = Date.now() - this.#lastSent;
      if (idle >= period) {
        this.#send({ type: 'PINGREQ' });
        this.#pingTimer ??= setTimeout(
          () => this.#fail(this.#connectionError('PING_TIMEOUT', `no PINGRESP in ${timeout} ms`)),
          timeout,
        ).unref();
      }
      this.#keepAliveTimer = setTimeout(tick, idle >= period ? period : period - idle).unref();
    };
    this.#keepAliveTimer = setTimeout(tick, period).unref();
  }

  /** The socket ended, failed or closed: the end of the input, then the client's. */
  #ended(cause: Error | undefined): void {
    if (this.#state === 'closed') return;
    let cut: unknown;
    try {
      this.#reader.finish(this.#deliver);
    } catch (e) {
      if (!(e instanceof DecodeError && e.code === 'INCOMPLETE')) {
        this.#fail(this.#fatal ?? e);
        return;
      }
      cut = e; // a packet cut short: the connection's end, its cause
    }
    if (this.#fatal !== undefined) this.#fail(this.#fatal);
    else if (this.#disconnected && cause === undefined && cut === undefined) this.#end(undefined, undefined);
    else this.#fail(this.#closedBy(cause ?? cut));
  }

  #timeout(ms: number): void {
    const where = `${this.#options.host}:${this.#options.port}`;
    this.#fail(this.#connectionError('CONNECT_TIMEOUT', `not accepted by ${where} in ${ms} ms`));
  }

  /** CONNECTION_CLOSED: the socket failed with `cause`, or the server closed it. */
  #closedBy(cause: unknown): MqttConnectionError {
    const where = `${this.#options.host}:${this.#options.port}`;
    const what =
      cause instanceof Error && !(cause instanceof DecodeError)
        ? `the connection to ${where} failed: ${cause.message}`
        : `the server at ${where} closed the connection`;
    return this.#connectionError('CONNECTION_CLOSED', what, cause);
  }

  /** Fails the connection; a 5.0 server is told why (DISCONNECT) when the fault is its packet. */
  #fail(error: unknown): void {
    const e = error instanceof Error ? error : new Error(String(error));
    const reason =
      e instanceof DecodeError
        ? reasonCodeOf(e)
        : e instanceof MqttClientError && e.code === 'UNEXPECTED_PACKET'
          ? 0x82
          : undefined;
    this.#end(e, e, reason);
  }

  /** Closes for good: the socket ended, the flows and requests waiting failed, the subscriptions ended. */
  #end(failure: Error | undefined, error: Error | undefined, reason?: number): void {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    this.#failure = failure;
    this.#error =
      error ?? this.#connectionError('CONNECTION_CLOSED', 'the connection closed before the acknowledgement');
    clearTimeout(this.#keepAliveTimer);
    clearTimeout(this.#pingTimer);
    this.#writer.finish();
    if (reason !== undefined && this.#version === 5 && this.#connack !== undefined) {
      this.#writer.write({ type: 'DISCONNECT', reasonCode: reason });
      this.#socket.end(this.#writer.finish());
      setTimeout(() => this.#socket.destroy(), CLOSE_GRACE_MS).unref();
    } else this.#socket.destroy();
    this.#listeners.end(failure);
    const waiting = [...this.#flows.values(), ...this.#queue.clear(), ...this.#written.splice(0)];
    this.#flows.clear();
    for (const w of waiting) typeof w === 'function' ? w(this.#error) : w.fail(this.#error);
    this.#settleConnect?.reject(this.#error);
    this.#settleConnect = undefined;
  }

  #connectionError(code: MqttConnectionError['code'], message: string, cause?: unknown): MqttConnectionError {
    return new MqttConnectionError(code, message, this.#reader.offset, cause);
  }
}

/** The CONNECT that `options` ask for. */
function connectPacket(options: ConnectOptions, version: Version, maxPacketSize: number): MqttPacket {
  const { will, password } = options;
  return {
    type: 'CONNECT',
    protocolName: 'MQTT',
    protocolVersion: version,
    cleanStart: options.cleanStart ?? true,
    keepAlive: options.keepAlive ?? 60,
    properties:
      version === 5 ? { maximumPacketSize: maxPacketSize, ...options.properties } : options.properties,
    clientId: options.clientId ?? '',
    will: will && {
      topic: will.topic,
      payload: bytesOf(will.payload),
      qos: will.qos ?? 0,
      retain: will.retain ?? false,
      properties: will.properties,
    },
    username: options.username,
    password: password === undefined ? undefined : bytesOf(password),
  };
}
