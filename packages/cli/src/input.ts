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

/**
 * A command line of operands and options, before, between or after them (`--` ends them; `-` is
 * an operand): `option(name, value)` takes each option, calling `value()` for the argument it
 * needs (the next one, or what follows `=`), and returns false for one it does not know. The
 * operands in order; undefined: help was asked for.
 */
export function parseArgs(
  args: readonly string[],
  usage: string,
  option: (name: string, value: () => string | undefined) => boolean,
): string[] | undefined {
  const operands: string[] = [];
  let optionsDone = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (optionsDone || a === '-' || !a.startsWith('-')) operands.push(a);
    else if (a === '--') optionsDone = true;
    else if (a === '-h' || a === '--help') return undefined;
    else {
      const eq = a.startsWith('--') ? a.indexOf('=') : -1;
      let taken = false;
      const value = () => {
        taken = true;
        return eq < 0 ? args[++i] : a.slice(eq + 1);
      };
      // `--flag=x` for an option that takes no value is not that option.
      if (!option(eq < 0 ? a : a.slice(0, eq), value) || (eq >= 0 && !taken))
        throw new UsageError(`unknown option ${a}`, usage);
    }
  }
  return operands;
}

/** parseArgs for a command line of one FILE. Undefined: help was asked for. */
export function parseFileArgs(
  args: readonly string[],
  usage: string,
  option: (name: string, value: () => string | undefined) => boolean,
): string | undefined {
  const files = parseArgs(args, usage, option);
  if (files === undefined) return undefined;
  const [file, ...rest] = files;
  if (file === undefined) throw new UsageError('missing FILE', usage);
  if (rest.length > 0) throw new UsageError(`one FILE at a time (also given: ${rest.join(' ')})`, usage);
  return file;
}
