/**
 * Standard output as a command writes it: text is gathered and written in pieces of about 64 KiB;
 * `flush()` waits while the stream is full (backpressure), so a command that awaits it between
 * input pieces reads no faster than its output is taken. The first error (ENOSPC, EPIPE …) is kept
 * in `failed`; from then on writes are dropped and the command stops.
 */
import type { Output } from './io.js';

/** Text gathered before it is written to the stream. */
const PIECE = 64 * 1024;

export class OutputSink {
  /** The first error the stream reported; nothing is written after it. */
  failed: Error | undefined;
  readonly #out: Output;
  #parts: string[] = [];
  #size = 0;
  /** The stream's last write returned false: wait for `'drain'` before writing more. */
  #full = false;
  /** Resolved by `'drain'`, `'close'` or an error. */
  #waiting: (() => void) | undefined;
  /** A real stream (it calls write callbacks and emits events), not a test's plain object. */
  readonly #stream: boolean;
  /** Settles once the last write so far has been handed to the system (or failed). */
  #written: Promise<void> = Promise.resolve();
  readonly #onError = (e: Error) => this.#fail(e);
  readonly #onDrain = () => this.#wake();

  constructor(out: Output) {
    this.#out = out;
    this.#stream = typeof out.once === 'function' && typeof out.on === 'function';
    out.on?.('error', this.#onError);
  }

  write(text: string): void {
    if (this.failed !== undefined || text === '') return;
    this.#parts.push(text);
    this.#size += text.length;
    if (this.#size >= PIECE) this.#send();
  }

  /** Writes what is gathered, then waits while the stream is full. */
  async flush(): Promise<void> {
    this.#send();
    while (this.#full && this.failed === undefined) {
      await new Promise<void>((resolve) => {
        this.#waiting = resolve;
        this.#out.once?.('drain', this.#onDrain);
        this.#out.once?.('close', this.#onDrain);
      });
    }
  }

  /** Flushes, waits until the stream has taken everything (so a late error is seen), and lets go of it. */
  async end(): Promise<void> {
    await this.flush();
    await this.#written;
    this.#out.off?.('error', this.#onError);
  }

  #send(): void {
    if (this.#size === 0 || this.failed !== undefined) return;
    const text = this.#parts.length === 1 ? (this.#parts[0] as string) : this.#parts.join('');
    this.#parts = [];
    this.#size = 0;
    if (!this.#stream) {
      this.#out.write(text);
      return;
    }
    let ok: unknown;
    this.#written = new Promise<void>((resolve) => {
      ok = this.#out.write(text, (error) => {
        if (error) this.#fail(error);
        resolve();
      });
    });
    if (ok === false) this.#full = true;
  }

  #fail(error: Error): void {
    if (this.failed === undefined) this.failed = error;
    this.#parts = [];
    this.#size = 0;
    this.#wake();
  }

  #wake(): void {
    this.#full = false;
    this.#out.off?.('drain', this.#onDrain);
    this.#out.off?.('close', this.#onDrain);
    const resolve = this.#waiting;
    this.#waiting = undefined;
    resolve?.();
  }
}

/** The one line said about a failed output; undefined for a pipe whose reader closed it (EPIPE). */
export function outputFailure(error: Error): string | undefined {
  if ((error as NodeJS.ErrnoException).code === 'EPIPE') return undefined;
  return `stride: cannot write the output: ${error.message.split('\n')[0]}`;
}
