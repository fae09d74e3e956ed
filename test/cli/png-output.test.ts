/**
 * `stride png inspect` as a process, on what used to break it: a report of 300,000 chunks (written
 * as they arrive, in bounded memory), an output that fails (/dev/full, a pipe closed early) and a
 * standard input that never ends after IEND.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { manyChunks, trailingBytes } from './fixtures.js';
import { mainArgs, maxRssReporter, root } from './helpers.js';

const node = process.execPath;
const scratch = mkdtempSync(join(tmpdir(), 'stride-cli-output-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const CHUNKS = 300_000;
const many = join(scratch, 'many.png');
writeFileSync(many, manyChunks(CHUNKS));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Peak RSS of the stride process, in MB. */
  maxRssMb: number;
  ms: number;
}

/** `stride ...args` in one child process, its peak RSS measured. */
function strideChild(args: string[]): Promise<Run> {
  const rssFile = join(scratch, `rss-${Math.random().toString(36).slice(2)}`);
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(node, mainArgs(args, [maxRssReporter]), {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, STRIDE_MAX_RSS_FILE: rssFile },
    });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => {
      const kib = Number(readFileSync(rssFile, 'utf8'));
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr,
        maxRssMb: kib / 1024,
        ms: performance.now() - t0,
      });
    });
  });
}

describe('a report of 300,000 chunks is written as they arrive, in bounded memory', () => {
  // Built whole (a 30 MB+ string and 300,000 report objects) it peaked near 500 MB; a 2,500,000
  // chunk file made --json fail with "RangeError: Invalid string length" and print nothing.
  const LIMIT_MB = 300;

  it('--json: one JSON document with every chunk and warning', async () => {
    const run = await strideChild(['png', 'inspect', '--json', many]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const r = JSON.parse(run.stdout) as {
      chunks: { type: string; offset: number }[];
      warnings: { code: string }[];
      errors: unknown[];
      valid: boolean;
    };
    expect(Object.keys(r)).toEqual(['chunks', 'errors', 'warnings', 'valid']);
    expect(r.valid).toBe(true);
    expect(r.chunks).toHaveLength(CHUNKS + 3);
    expect(r.chunks[CHUNKS]).toMatchObject({ type: 'pHYs', offset: 33 + (CHUNKS - 1) * 21 });
    expect(r.warnings).toHaveLength(CHUNKS - 1);
    expect(r.warnings.every((w) => w.code === 'DUPLICATE_CHUNK')).toBe(true);
    expect(run.maxRssMb).toBeLessThan(LIMIT_MB);
  });

  it('the table: a row per chunk, the warnings, the verdict', async () => {
    const run = await strideChild(['png', 'inspect', many]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    // The file is 6.3 MB: offsets and lengths get 7-digit columns from the start.
    expect(lines[0]).toBe(' offset  type   length  crc  fields');
    expect(lines[2]).toBe('     33  pHYs        9  ok   2835x2835 px/m (72 dpi)');
    expect(lines).toHaveLength(1 + (CHUNKS + 3) + 1 + (CHUNKS - 1) + 1 + 1);
    expect(lines.at(-1)).toBe(`valid: ${CHUNKS + 3} chunks, ${CHUNKS - 1} warnings`);
    expect(run.maxRssMb).toBeLessThan(LIMIT_MB);
  });
});

describe('an output that fails', () => {
  /** `stride ...args` with its standard output on `fd` (or a pipe), standard error captured. */
  function withStdout(
    args: string[],
    stdout: number | 'pipe',
    onStdout?: (s: NodeJS.ReadableStream) => void,
  ) {
    return new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(node, mainArgs(args), { cwd: root, stdio: ['ignore', stdout, 'pipe'] });
      let stderr = '';
      child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s));
      if (child.stdout) onStdout?.(child.stdout);
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });
  }

  it.each([[['--json']], [[]]])(
    'stride png inspect %j f.png > /dev/full: one line on stderr, exit 3',
    async (opts) => {
      const full = openSync('/dev/full', 'w');
      try {
        const { code, stderr } = await withStdout(['png', 'inspect', ...opts, many], full);
        expect(stderr).toMatch(/^stride: cannot write the output: ENOSPC: no space left on device[^\n]*\n$/);
        expect(code).toBe(3);
      } finally {
        closeSync(full);
      }
    },
  );

  it('a pipe closed by its reader (| head -1): no stack, no message, exit 3', async () => {
    const { code, stderr } = await withStdout(['png', 'inspect', many], 'pipe', (out) => {
      out.once('data', () => (out as NodeJS.ReadableStream & { destroy(): void }).destroy());
    });
    expect(stderr).toBe('');
    expect(code).toBe(3);
  });
});

describe('standard input that never ends after IEND', () => {
  it('reads at most 1 MiB after IEND, reports it, and exits', async () => {
    const png = trailingBytes().subarray(0, -3); // a valid image, nothing after IEND
    const t0 = performance.now();
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
      const child = spawn(node, mainArgs(['png', 'inspect', '-']), {
        cwd: root,
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
      child.stdin.on('error', () => {}); // EPIPE once the child has stopped reading
      const zeros = new Uint8Array(64 * 1024);
      let open = true;
      const feed = () => {
        // Zeros for ever, as fast as the pipe takes them, until the child exits.
        while (open && child.stdin.write(zeros));
        if (open) child.stdin.once('drain', feed);
      };
      child.stdin.write(png);
      feed();
      child.on('error', reject);
      child.on('close', (code) => {
        open = false;
        resolve({ code, stdout });
      });
    });
    expect(performance.now() - t0).toBeLessThan(20_000); // tsx's start included; it used to never end
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /warning: DATA_AFTER_IEND at byte \d+: at least \d+ bytes after IEND \(ignored; reading stopped there\)\n/,
    );
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('valid: 3 chunks, 1 warning');
  });
});
