// A TCP relay on 127.0.0.1 in front of a server, shared by the PostgreSQL (test/pg) and Redis
// (test/redis) tests, that re-cuts each direction's byte stream into seeded random pieces of
// 1..maxPiece bytes, one socket.write per piece and a turn of the event loop between pieces, so that
// a client in the same process reads them as separate 'data' events (loopback would otherwise hand
// it 64 KiB at a time). Hooks let a hostile test rewrite a direction's bytes or close the connection
// at a chosen byte.
// test/rx/relay.ts is the byte-exact relay of the rx tests (log-uniform pieces up to 64 KiB, no hooks).
import * as net from 'node:net';
import { mulberry32, type Rng } from '../../bench/prng.js';

/**
 * Sees each chunk as it arrives from the source, before it is re-cut. Returns the bytes to forward
 * instead (the chunk itself, a rewrite, a part, possibly empty), or null to close the connection
 * after the bytes forwarded before it. `at.offset` is the chunk's position in the source's stream;
 * `at.close()` closes the connection after the bytes this call returns.
 */
export type RelayHook = (chunk: Uint8Array, at: { offset: number; close(): void }) => Uint8Array | null;

export interface RelayOptions {
  target: { host: string; port: number };
  /** Seeds the piece sizes: connection n's client→server stream uses seed + 2n, server→client seed + 2n + 1. */
  seed: number;
  /** The largest piece, in bytes (default 16). */
  maxPiece?: number;
  serverToClient?: RelayHook;
  clientToServer?: RelayHook;
}

export interface Relay {
  /** Where clients connect (127.0.0.1). */
  port: number;
  /** Closes every connection and the listening socket. */
  stop(): Promise<void>;
  /** Closes every connection (both sockets, abruptly); the relay keeps accepting new ones. */
  closeAll(): void;
}

const HOST = '127.0.0.1';
/** Stop reading a source while this much of it waits to be written. */
const HIGH_WATER = 256 * 1024;

export async function startRelay(options: RelayOptions): Promise<Relay> {
  const maxPiece = options.maxPiece ?? 16;
  if (!Number.isInteger(maxPiece) || maxPiece < 1) throw new Error(`maxPiece must be ≥ 1, not ${maxPiece}`);
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    const n = connections++;
    const upstream = net.connect({ ...options.target, allowHalfOpen: true });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      socket.setNoDelay(true);
    }
    const teardown = () => {
      client.destroy();
      upstream.destroy();
    };
    const pipe = (src: net.Socket, dst: net.Socket, seed: number, hook: RelayHook | undefined) =>
      recut({ src, dst, rng: mulberry32(seed), maxPiece, hook, teardown });
    pipe(client, upstream, options.seed + 2 * n, options.clientToServer);
    pipe(upstream, client, options.seed + 2 * n + 1, options.serverToClient);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, () => resolve());
  });
  const closeAll = () => {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  };
  return {
    port: (server.address() as net.AddressInfo).port,
    closeAll,
    stop: () => {
      closeAll();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

interface Recut {
  src: net.Socket;
  dst: net.Socket;
  rng: Rng;
  maxPiece: number;
  hook: RelayHook | undefined;
  /** Destroys both sockets of the connection. */
  teardown(): void;
}

/** Forwards src to dst in pieces; src's end becomes dst's end (half-close) once all is written. */
function recut({ src, dst, rng, maxPiece, hook, teardown }: Recut): void {
  const queue: Uint8Array[] = [];
  let queued = 0;
  let offset = 0;
  let ended = false; // no more bytes will be queued: end dst after the queue
  let closing = false; // ...and then destroy the connection
  let scheduled = false;

  const take = (n: number): Uint8Array => {
    const piece = new Uint8Array(n);
    for (let at = 0; at < n; ) {
      const head = queue[0] as Uint8Array;
      const k = Math.min(head.length, n - at);
      piece.set(head.subarray(0, k), at);
      at += k;
      if (k === head.length) queue.shift();
      else queue[0] = head.subarray(k);
    }
    queued -= n;
    return piece;
  };

  // One piece per turn of the event loop, waiting for 'drain' when dst's buffer is full.
  const step = () => {
    scheduled = false;
    if (dst.destroyed) return;
    if (queued > 0) {
      const ok = dst.write(take(Math.min(rng.int(1, maxPiece), queued)));
      if (queued < HIGH_WATER && src.isPaused()) src.resume();
      if (ok) schedule();
      else dst.once('drain', schedule);
      return;
    }
    if (!ended) return;
    if (closing) dst.end(teardown);
    else if (!dst.writableEnded) dst.end();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(step);
  };

  src.on('data', (chunk: Buffer) => {
    if (ended) return;
    const close = () => {
      closing = true;
      ended = true;
    };
    const bytes = hook ? hook(chunk, { offset, close }) : chunk;
    if (bytes === null) close();
    offset += chunk.length;
    if (bytes && bytes.length > 0) {
      queue.push(bytes);
      queued += bytes.length;
      if (queued >= HIGH_WATER) src.pause();
    }
    schedule();
  });
  src.on('end', () => {
    ended = true;
    schedule();
  });
  // An abortive close of either side (not an end after all its bytes) takes the other side down.
  src.on('error', teardown);
  src.on('close', () => {
    if (!src.readableEnded && !ended) teardown();
  });
}
