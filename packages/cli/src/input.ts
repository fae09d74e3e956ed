/** A command's input: a file read in pieces, or standard input for the name `-`. */
import { fstatSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { UsageError } from './io.js';

export interface Input {
  stream: AsyncIterable<Uint8Array>;
  /** The size of a regular file; undefined for a pipe, a socket or a terminal. */
  size: number | undefined;
}

/**
 * Opens `file` (`-`: `stdin`) to be read in pieces of `pieceBytes`. A file that cannot be read is
 * a UsageError with a short reason, followed by `usage`.
 */
export async function openInput(
  file: string,
  stdin: Readable,
  pieceBytes: number,
  usage: string,
): Promise<Input> {
  if (file === '-') return fromStdin(stdin);
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, 'r');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${reason(e)}`, usage);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    return {
      stream: handle.createReadStream({ highWaterMark: pieceBytes }),
      size: stat.isFile() ? stat.size : undefined,
    };
  } catch (e) {
    await handle.close();
    throw new UsageError(`cannot read ${file}: ${reason(e)}`, usage);
  }
}

function fromStdin(stdin: Readable): Input {
  const fd = (stdin as { fd?: unknown }).fd;
  let size: number | undefined;
  if (typeof fd === 'number') {
    try {
      const stat = fstatSync(fd);
      if (stat.isFile()) size = stat.size;
    } catch {
      // Not a file descriptor we can stat: the size stays unknown.
    }
  }
  return { stream: stdin, size };
}

/** Why a file cannot be read, in a few words. */
export function reason(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return e instanceof Error ? e.message : String(e);
}
