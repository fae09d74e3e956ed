/**
 * Running `stride` in-process (`run`) and as a child process, capturing its output; and reading the
 * output of the `decode` subcommands (pg, redis, mqtt): the table, the --json document.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { run } from '@stride/cli';
import { afterAll, expect } from 'vitest';

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
    // A command that exits before reading all its input closes the pipe: that is its outcome, not a fault.
    child.stdin.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') reject(e);
    });
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

/** Items encoded one after the other: the stream, and each one's offset and length in it. */
export function encodedStream<T>(
  items: readonly T[],
  encode: (item: T) => Uint8Array,
): { bytes: Buffer; offsets: number[]; lengths: number[] } {
  const parts = items.map(encode);
  const offsets: number[] = [];
  let at = 0;
  for (const p of parts) {
    offsets.push(at);
    at += p.length;
  }
  return { bytes: Buffer.concat(parts), offsets, lengths: parts.map((p) => p.length) };
}

/**
 * A decode table's parts: the first line (where the bytes are from), a row a line (read by `row`,
 * which throws on a line that is no row), and the verdict, after a blank line when there are rows.
 */
export function decodeTable<Row>(
  stdout: string,
  row: (line: string) => Row,
): { from: string; rows: Row[]; verdict: string } {
  expect(stdout.endsWith('\n')).toBe(true);
  const lines = stdout.slice(0, -1).split('\n');
  const from = lines.shift() as string;
  const verdictAt = lines.findIndex((l) => l.startsWith('valid: ') || l.startsWith('invalid: '));
  const verdict = lines.slice(verdictAt).join('\n');
  const body = lines.slice(0, verdictAt);
  if (body.length > 0) expect(body.pop()).toBe('');
  return { from, rows: body.map(row), verdict };
}

/** A row that starts with its offset (redis, mqtt): offset, length, and the summary (which starts with the type). */
export function offsetRow(line: string): { offset: number; length: number; summary: string } {
  const m = /^offset (\d+) {2}length (\d+) {2}(.+)$/.exec(line);
  if (m === null) throw new Error(`not a row: ${line}`);
  return { offset: Number(m[1]), length: Number(m[2]), summary: m[3] as string };
}

/** The keys a decode --json document has, in order. */
export interface JsonKeys {
  /** The document's. */
  document: string[];
  /** The one that holds the list of what was decoded. */
  list: string;
  /** The keys each item of the list starts with; `exactly`: it has no others. */
  item: string[];
  exactly?: boolean;
  /** The error's, when it is not null. */
  error: string[];
}

/** A decode --json output: one document on one line, with its keys in order (see JsonKeys). */
export function decodeJson<T>(stdout: string, keys: JsonKeys): T {
  expect(stdout.endsWith('\n')).toBe(true);
  expect(stdout.trimEnd().includes('\n')).toBe(false); // one document on one line
  const doc = JSON.parse(stdout) as Record<string, unknown>;
  expect(Object.keys(doc)).toEqual(keys.document);
  for (const item of doc[keys.list] as object[]) {
    const itemKeys = Object.keys(item);
    expect(keys.exactly ? itemKeys : itemKeys.slice(0, keys.item.length)).toEqual(keys.item);
  }
  if (doc.error !== null) expect(Object.keys(doc.error as object)).toEqual(keys.error);
  return doc as T;
}

/**
 * `stride ...args -` on 200 pieces of input, each `piece` 200 times, while standard output is held:
 * it must stop pulling pieces (fewer than 20 pulled) until the output is released, then read them
 * all and exit 0. Returns what it wrote.
 */
export async function decodeWithOutputHeld(args: string[], piece: Uint8Array): Promise<string> {
  const pieces = { pulled: 0 };
  function* input() {
    for (let i = 0; i < 200; i++) {
      pieces.pulled++;
      yield Buffer.concat(Array.from({ length: 200 }, () => piece));
    }
  }
  const { stdout, text, release } = heldStdout();
  const stdin = Readable.from(input(), { highWaterMark: 1 });
  const status = run([...args, '-'], { stdout, stderr: { write: () => {} }, stdin });
  await sleep(300);
  expect(pieces.pulled).toBeLessThan(20); // not the 200 pieces: reading waits for the output
  release();
  expect(await status).toBe(0);
  expect(pieces.pulled).toBe(200);
  return text();
}
