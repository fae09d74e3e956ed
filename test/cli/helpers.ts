/** Running `stride` in-process (`run`) and as a child process, capturing its output. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { run } from '@stride/cli';
import { afterAll } from 'vitest';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const suite = fileURLToPath(new URL('../png/corpus/pngsuite/', import.meta.url));
export const bin = fileURLToPath(new URL('../../packages/cli/bin/stride.js', import.meta.url));

export interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `stride ...args` in this process; `stdin` is what `-` reads (empty by default). */
export async function stride(args: string[], stdin: Readable = Readable.from([])): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin,
  });
  return { code, stdout, stderr };
}

/** A child process `command ...args` run from the repository root, with `input` on its stdin. */
export function spawnStride(command: string, args: string[], input?: Uint8Array): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** The command's entry, run by node through tsx as bin/stride.js does, but in one process. */
export const main = fileURLToPath(new URL('../../packages/cli/src/main.ts', import.meta.url));
/** A preload that writes the process's peak RSS (KiB, process.resourceUsage().maxRSS) to $STRIDE_MAX_RSS_FILE at exit. */
export const maxRssReporter = fileURLToPath(new URL('./max-rss.mjs', import.meta.url));

/** Node arguments that run `stride ...args` in one process (no bin/stride.js parent). */
export function mainArgs(args: string[], preload: string[] = []): string[] {
  return [
    '--conditions=@stride/source',
    '--import',
    'tsx',
    ...preload.flatMap((p) => ['--import', p]),
    main,
    ...args,
  ];
}

/**
 * A standard output that is full until `release()`: writes are kept (`text()`) but not acknowledged,
 * so a command that respects backpressure stops reading its input meanwhile.
 */
export function heldStdout(): { stdout: Writable; text(): string; release(): void } {
  const held: (() => void)[] = [];
  let flowing = false;
  let text = '';
  const stdout = new Writable({
    highWaterMark: 16 * 1024,
    decodeStrings: false,
    write(chunk: string, _encoding, callback) {
      text += chunk;
      if (flowing) callback();
      else held.push(() => callback());
    },
  });
  return {
    stdout,
    text: () => text,
    release: () => {
      flowing = true;
      for (const release of held.splice(0)) release();
    },
  };
}

/** Bytes as a Readable that delivers them in `size`-byte pieces, like a pipe. */
export function piped(bytes: Uint8Array, size = 7): Readable {
  const pieces: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) pieces.push(Buffer.from(bytes.subarray(at, at + size)));
  return Readable.from(pieces);
}

/** A scratch directory for a test file's inputs (removed after the file), and a writer of files in it. */
export function scratchFiles(prefix: string): { dir: string; file(name: string, bytes: Uint8Array): string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    file: (name, bytes) => {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      return path;
    },
  };
}
