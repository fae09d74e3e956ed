// Socket plumbing for the tests: every server and socket opened is tracked and closed afterwards.
import * as net from 'node:net';

export const HOST = '127.0.0.1';

export class Sockets {
  private readonly servers = new Set<net.Server>();
  private readonly sockets = new Set<net.Socket>();

  track(socket: net.Socket): net.Socket {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    return socket;
  }

  /** Listens on a port the OS picks; tracks the server and every connection it accepts. */
  async listen(server: net.Server): Promise<number> {
    this.servers.add(server);
    server.on('connection', (socket) => this.track(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, HOST, () => resolve());
    });
    return (server.address() as net.AddressInfo).port;
  }

  async connect(port: number, options: { allowHalfOpen?: boolean } = {}): Promise<net.Socket> {
    const socket = this.track(net.connect({ port, host: HOST, ...options }));
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.removeListener('error', reject);
        resolve();
      });
    });
    return socket;
  }

  /** Destroys every socket still open and closes every server. */
  async closeAll(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    const servers = [...this.servers];
    this.servers.clear();
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}

/** Resolves once `socket` has emitted 'close' (at once if it already has). */
export function closed(socket: net.Socket): Promise<void> {
  if (socket.closed) return Promise.resolve();
  return new Promise((resolve) => socket.once('close', () => resolve()));
}

/** `promise`, or a rejection naming `what` after `ms`: a guard against hangs, not a speed test. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Writes `chunks` to `socket` as fast as it takes them: until write() returns false, then waits for
 * 'drain'. Stops when the chunks run out (without ending the socket) or the socket closes.
 * Resolves with the number of times it had to wait for 'drain'.
 */
export async function pump(socket: net.Socket, chunks: Iterable<Uint8Array>): Promise<number> {
  let drains = 0;
  for (const chunk of chunks) {
    if (socket.destroyed || socket.writableEnded) break;
    if (!socket.write(chunk)) {
      drains++;
      await new Promise<void>((resolve) => {
        const done = () => {
          socket.removeListener('drain', done);
          socket.removeListener('close', done);
          resolve();
        };
        socket.on('drain', done);
        socket.on('close', done);
      });
    }
  }
  return drains;
}
