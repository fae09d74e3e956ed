// A raw client socket for the infrastructure's own tests: collects what the server sends and waits
// for a byte count or for the ReadyForQuery that ends a startup or a query's answer.
import * as net from 'node:net';
import { withTimeout } from '../../rx/net.js';
import { frames } from './wire.js';

const WAIT_MS = 30_000;

export class Peer {
  readonly #socket: net.Socket;
  /** Bytes received, in a buffer that doubles when full (appending a read copies only that read). */
  #buffer = Buffer.alloc(64 * 1024);
  #length = 0;
  #consumed = 0;
  #ended = false;
  #wake: (() => void) | undefined;
  /** How many 'data' events the socket has had. */
  reads = 0;

  private constructor(socket: net.Socket) {
    this.#socket = socket;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.reads++;
      if (this.#length + chunk.length > this.#buffer.length) {
        const grown = Buffer.alloc(Math.max(2 * this.#buffer.length, this.#length + chunk.length));
        this.#buffer.copy(grown, 0, 0, this.#length);
        this.#buffer = grown;
      }
      chunk.copy(this.#buffer, this.#length);
      this.#length += chunk.length;
      this.#wake?.();
    });
    // The end of the connection, orderly ('end') or not ('close' after an error, which is ignored).
    const ended = () => {
      this.#ended = true;
      this.#wake?.();
    };
    socket.on('end', ended);
    socket.on('close', ended);
    socket.on('error', () => {});
  }

  static async connect(port: number): Promise<Peer> {
    const socket = net.connect({ host: '127.0.0.1', port });
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        socket.once('error', reject);
        socket.once('connect', () => resolve());
      }),
      WAIT_MS,
      `a connection to port ${port}`,
    );
    return new Peer(socket);
  }

  write(bytes: Uint8Array): void {
    this.#socket.write(bytes);
  }

  /** The next `n` bytes. */
  take(n: number): Promise<Buffer> {
    return this.#next(() => (this.#length - this.#consumed >= n ? n : undefined), `${n} bytes`);
  }

  /** The next (typed) messages up to and including a ReadyForQuery ('Z'). */
  untilReady(): Promise<Buffer> {
    let scanned = 0; // the complete messages looked at so far, from #consumed
    return this.#next(() => {
      const start = this.#consumed + scanned;
      const split = frames(this.#buffer.subarray(start, this.#length));
      scanned += split.rest;
      const ready = split.frames.find((f) => f.code === 'Z');
      return ready && start + ready.end - this.#consumed;
    }, 'ReadyForQuery');
  }

  /** Everything still to come, until the connection ends. */
  rest(): Promise<Buffer> {
    return this.#next(() => (this.#ended ? this.#length - this.#consumed : undefined), 'the end');
  }

  close(): void {
    this.#socket.destroy();
  }

  /** Waits until `ready()` gives a byte count, then hands out that many bytes. */
  async #next(ready: () => number | undefined, what: string): Promise<Buffer> {
    const waited = new Promise<number>((resolve, reject) => {
      const check = () => {
        const n = ready();
        if (n !== undefined) {
          this.#wake = undefined;
          resolve(n);
        } else if (this.#ended) reject(new Error(`the connection ended before ${what}`));
      };
      this.#wake = check;
      check();
    });
    const n = await withTimeout(waited, WAIT_MS, what);
    const out = Buffer.from(this.#buffer.subarray(this.#consumed, this.#consumed + n));
    this.#consumed += n;
    return out;
  }
}
