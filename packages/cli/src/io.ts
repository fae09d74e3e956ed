/** What a command reads and writes: the process's streams in `main.ts`, buffers in tests. */
import type { Readable } from 'node:stream';
import type { OutputSink } from './output.js';

/**
 * Where a command writes: `write` is all a test double needs. A Node Writable (process.stdout)
 * also gives backpressure (`write` returns false, then `'drain'`) and errors (the callback and
 * `'error'`), which the command respects: it stops reading until the output drains, and stops for
 * good when the output fails.
 */
export interface Output {
  write(text: string, callback?: (error?: Error | null) => void): unknown;
  once?(event: 'drain' | 'close', listener: () => void): unknown;
  on?(event: 'error', listener: (error: Error) => void): unknown;
  // biome-ignore lint/suspicious/noExplicitAny: Node's EventEmitter signature, so a Writable fits.
  off?(event: 'drain' | 'close' | 'error', listener: (...args: any[]) => void): unknown;
}

export interface Io {
  stdout: Output;
  stderr: Output;
  /** Read only for the file name `-`. */
  stdin: Readable;
}

/** What a command gets: standard output as an OutputSink (backpressure, errors kept). */
export interface CommandIo {
  stdout: OutputSink;
  stderr: Output;
  stdin: Readable;
}

/** A command line that cannot be run (exit status 2); `usage` is printed after the reason. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

/** Exit statuses. */
export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;
/**
 * The report could not be written in full: standard output failed (no space left, an I/O error),
 * with a one-line message on stderr; or the reader of a pipe closed it (`| head`), quietly.
 */
export const EXIT_OUTPUT = 3;
