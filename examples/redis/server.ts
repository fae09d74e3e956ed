/**
 * A tiny Redis server: enough of the protocol for `redis-cli` (and any client) to talk to it,
 * built on @stride/redis's RespReader (a client's requests: arrays of bulk strings, or inline
 * commands as `telnet` sends them) and encodeValue (every reply, RESP2 or RESP3).
 *
 *   tsx --conditions=@stride/source examples/redis/server.ts [port]   (default $PORT or 6380; 0: any free port)
 *
 * Commands: PING [message], ECHO, SET key value, GET, DEL, EXISTS, INCR, KEYS pattern (`*` and `?`
 * only), HELLO [2|3] (RESP3 from then on, its answer a map), COMMAND (an empty list: redis-cli asks
 * for COMMAND DOCS when it starts, to complete commands), QUIT. Anything else is Redis's own
 * `-ERR unknown command`. Keys and values are bytes, in memory, shared by every connection.
 */
import { createServer, type Socket } from 'node:net';
import { pathToFileURL } from 'node:url';
import { DecodeError } from '@stride/codec';
import { encodeValue, RespReader, type RespRequest, type RespValue, TYPE_BYTES } from '@stride/redis';

const utf8 = new TextEncoder();
const textOf = (b: Uint8Array) => new TextDecoder().decode(b);
/** Bytes as a string of one character a byte (latin1), so that any bytes are a key, and back. */
const keyOf = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.length).toString('latin1');
const bytesOf = (key: string) => Buffer.from(key, 'latin1');

const simple = (value: string): RespValue => ({ type: 'simple', value });
const error = (value: string): RespValue => ({ type: 'error', value });
const integer = (value: number | bigint): RespValue => ({ type: 'integer', value });
const bulk = (value: Uint8Array | string): RespValue => ({
  type: 'bulk',
  value: typeof value === 'string' ? utf8.encode(value) : value,
});

const INT64_MAX = 2n ** 63n - 1n;

/** How many arguments each command takes after its name: at least, at most. */
const ARITY: Record<string, [number, number]> = {
  ping: [0, 1],
  echo: [1, 1],
  set: [2, 2],
  get: [1, 1],
  del: [1, Number.POSITIVE_INFINITY],
  exists: [1, Number.POSITIVE_INFINITY],
  incr: [1, 1],
  keys: [1, 1],
  hello: [0, 1],
  command: [0, Number.POSITIVE_INFINITY],
  quit: [0, Number.POSITIVE_INFINITY],
};

/** Keys and values, shared by every connection. */
type Store = Map<string, Uint8Array>;

/** One connection's state: its protocol, 2 until HELLO 3. */
class Connection {
  protocol: 2 | 3 = 2;
  constructor(
    readonly store: Store,
    readonly id: number,
  ) {}

  /** A map in RESP3; a flat array of keys and values in RESP2, as Redis answers then. */
  map(pairs: [string, RespValue][]): RespValue {
    if (this.protocol === 3) return { type: 'map', value: pairs.map(([k, v]) => [bulk(k), v]) };
    return { type: 'array', value: pairs.flatMap(([k, v]) => [bulk(k), v]) };
  }

  /** No value: `_` in RESP3, a null bulk string in RESP2. */
  nil(): RespValue {
    return this.protocol === 3 ? { type: 'null' } : { type: 'bulk', value: null };
  }

  /** The reply to one command (`args[0]` its name). */
  reply(args: [Uint8Array, ...Uint8Array[]]): RespValue {
    const [command, ...rest] = args;
    const name = keyOf(command).toLowerCase();
    const arity = Object.hasOwn(ARITY, name) ? ARITY[name] : undefined;
    if (arity === undefined) {
      const shown = rest.slice(0, 20).map((a) => `'${textOf(a)}' `);
      return error(`ERR unknown command '${textOf(command)}', with args beginning with: ${shown.join('')}`);
    }
    if (rest.length < arity[0] || rest.length > arity[1])
      return error(`ERR wrong number of arguments for '${name}' command`);
    const [first = new Uint8Array(), second = new Uint8Array()] = rest;
    switch (name) {
      case 'ping':
        return rest.length === 0 ? simple('PONG') : bulk(first);
      case 'echo':
        return bulk(first);
      case 'set':
        // A copy: the argument is a view of the socket's chunk.
        this.store.set(keyOf(first), Uint8Array.from(second));
        return simple('OK');
      case 'get': {
        const value = this.store.get(keyOf(first));
        return value === undefined ? this.nil() : bulk(value);
      }
      case 'del':
      case 'exists': {
        const found = rest.filter((k) => this.store.has(keyOf(k)));
        if (name === 'del') for (const k of found) this.store.delete(keyOf(k));
        return integer(found.length);
      }
      case 'incr':
        return this.incr(keyOf(first));
      case 'keys': {
        const pattern = glob(keyOf(first));
        const keys = [...this.store.keys()].filter((k) => pattern.test(k));
        return { type: 'array', value: keys.map((k) => bulk(bytesOf(k))) };
      }
      case 'hello':
        return this.hello(rest.length === 0 ? undefined : keyOf(first));
      case 'command':
        // No command table: redis-cli then completes nothing, and says nothing about it.
        return keyOf(first).toLowerCase() === 'docs' ? this.map([]) : { type: 'array', value: [] };
      default: // quit
        return simple('OK');
    }
  }

  /** INCR: the value read as a signed 64-bit decimal, plus one, as Redis checks it. */
  incr(key: string): RespValue {
    const old = this.store.get(key);
    const text = old === undefined ? '0' : keyOf(old);
    if (!/^(0|-?[1-9]\d{0,18})$/.test(text) || BigInt(text) < -INT64_MAX - 1n || BigInt(text) > INT64_MAX)
      return error('ERR value is not an integer or out of range');
    const n = BigInt(text) + 1n;
    if (n > INT64_MAX) return error('ERR increment or decrement would overflow');
    this.store.set(key, utf8.encode(String(n)));
    return integer(n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n);
  }

  /** HELLO [protover]: switches the protocol, and answers with the server's properties. */
  hello(version: string | undefined): RespValue {
    if (version !== undefined) {
      if (version !== '2' && version !== '3') return error('NOPROTO unsupported protocol version');
      this.protocol = version === '3' ? 3 : 2;
    }
    return this.map([
      ['server', bulk('stride-example')],
      ['version', bulk('7.0.0')],
      ['proto', integer(this.protocol)],
      ['id', integer(this.id)],
      ['mode', bulk('standalone')],
      ['role', bulk('master')],
      ['modules', { type: 'array', value: [] }],
    ]);
  }
}

/** A KEYS pattern as a regular expression: `*` any run, `?` any one character, the rest literal. */
function glob(pattern: string): RegExp {
  const body = Array.from(pattern, (c) =>
    c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&'),
  );
  return new RegExp(`^${body.join('')}$`, 's');
}

/** A request's arguments: an inline command's, or an array's bulk strings; a string for a malformed one. */
function argsOf(request: RespRequest): Uint8Array[] | string {
  if (request.type === 'inline') return request.value;
  if (request.value === null) return [];
  const args: Uint8Array[] = [];
  for (const v of request.value) {
    if (v.type !== 'bulk' || v.value === null)
      return `ERR Protocol error: expected '$', got '${v.type === 'bulk' ? '-1' : TYPE_BYTES[v.type]}'`;
    args.push(v.value);
  }
  return args;
}

/** Serves one connection until the peer closes it, sends QUIT, or breaks the protocol. */
function serve(socket: Socket, store: Store, id: number, log: (line: string) => void): void {
  const connection = new Connection(store, id);
  const reader = new RespReader({ from: 'client' });
  const peer = `${socket.remoteAddress}:${socket.remotePort}`;
  let done = false;
  socket.on('error', () => {}); // a peer that resets the connection is not the server's problem
  const handle = (request: RespRequest) => {
    if (done) return;
    const args = argsOf(request);
    if (typeof args === 'string') {
      done = true;
      socket.end(encodeValue(error(args)));
      return;
    }
    const [name, ...rest] = args;
    if (name === undefined) return; // an empty line, or *0: Redis answers nothing
    socket.write(encodeValue(connection.reply([name, ...rest])));
    if (keyOf(name).toLowerCase() === 'quit') {
      done = true;
      socket.end();
    }
  };
  socket.on('data', (chunk: Buffer) => {
    if (done) return;
    socket.cork(); // the replies to a chunk's commands go out together
    try {
      reader.write(chunk, handle);
    } catch (e) {
      // Redis's answer to bytes it cannot read: the error, then it hangs up.
      const message = e instanceof DecodeError ? `${e.code} at byte ${e.offset}: ${e.detail}` : String(e);
      log(`${peer} protocol error: ${message}`);
      done = true;
      socket.end(encodeValue(error(`ERR Protocol error: ${message}`)));
    } finally {
      socket.uncork();
    }
    // Backpressure: a client pipelining faster than it reads its replies waits for them.
    if (socket.writableNeedDrain) {
      socket.pause();
      socket.once('drain', () => socket.resume());
    }
  });
}

export interface Server {
  /** The port listened on (the one the OS chose, when asked for 0). */
  port: number;
  /** Stops listening and closes every open connection. */
  close(): Promise<void>;
}

/** Listens on `host:port` (port 0: any free port) and serves every connection. */
export function startServer(
  port: number,
  { host = '127.0.0.1', log = console.log }: { host?: string; log?: (line: string) => void } = {},
): Promise<Server> {
  const store: Store = new Map();
  const open = new Set<Socket>();
  let ids = 0;
  const server = createServer((socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    serve(socket, store, ++ids, log);
  });
  const close = () =>
    new Promise<void>((resolve, reject) => {
      server.close((e) => (e ? reject(e) : resolve()));
      for (const socket of open) socket.destroy();
    });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve({ port: typeof address === 'object' && address ? address.port : port, close });
    });
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const given = process.argv[2] ?? process.env.PORT;
  const port = given === undefined ? 6380 : Number(given);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`not a TCP port: ${given}`);
    process.exit(2);
  }
  const server = await startServer(port);
  console.log(`listening on 127.0.0.1:${server.port}`);
  const stop = () => {
    server.close().catch((e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    });
  };
  process.once('SIGINT', stop); // Ctrl-C
  process.once('SIGTERM', stop);
}
