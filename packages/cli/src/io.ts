/** What a command reads and writes: the process's streams in `main.ts`, buffers in tests. */
import type { Readable } from 'node:stream';

export interface Output {
  write(text: string): unknown;
}

export interface Io {
  stdout: Output;
  stderr: Output;
  /** Read only for the file name `-`. */
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
