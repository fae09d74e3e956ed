/** `run` on Node streams: backpressure from standard output, output errors, a bounded read after IEND. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { run } from '@stride/cli';
import { afterAll, describe, expect, it } from 'vitest';
import { manyChunks, trailingBytes } from './fixtures.js';
import { heldStdout, stride } from './helpers.js';

const scratch = mkdtempSync(join(tmpdir(), 'stride-cli-stream-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** `bytes` in `size`-byte pieces, counting how many were pulled; one piece read ahead at most. */
function counted(bytes: Uint8Array, size: number, then: Iterable<Uint8Array> = []) {
  const stats = { pulled: 0 };
  function* pieces() {
    for (let at = 0; at < bytes.length; at += size) {
      stats.pulled++;
      yield Buffer.from(bytes.subarray(at, at + size));
    }
    for (const piece of then) {
      stats.pulled++;
      yield Buffer.from(piece);
    }
  }
  return { stream: Readable.from(pieces(), { highWaterMark: 1 }), stats };
}

const stderrSink = () => {
  const out = { text: '', write: (s: string) => (out.text += s) };
  return out;
};

describe('standard output', () => {
  it('is respected: while it is full no more input is read; once it drains the whole report comes', async () => {
    const bytes = manyChunks(20_000); // 420 KB: 103 pieces of 4 KiB
    const { stream, stats } = counted(bytes, 4096);
    const { stdout, text, release } = heldStdout();
    const status = run(['png', 'inspect', '--json', '-'], { stdout, stderr: stderrSink(), stdin: stream });
    await sleep(300);
    expect(stats.pulled).toBeLessThan(10); // not the 103 pieces: reading waits for the output
    release();
    expect(await status).toBe(0);
    expect(stats.pulled).toBe(Math.ceil(bytes.length / 4096));
    const report = JSON.parse(text()) as { chunks: unknown[]; warnings: unknown[]; valid: boolean };
    expect(report.chunks).toHaveLength(20_003);
    expect(report.warnings).toHaveLength(19_999);
  });

  it.each([
    ['ENOSPC', 'stride: cannot write the output: ENOSPC: no space left on device, write\n'],
    ['EIO', 'stride: cannot write the output: EIO: i/o error, write\n'],
    ['EPIPE', ''],
  ])('failing with %s: reading stops, exit 3, one line on stderr (none for EPIPE)', async (code, said) => {
    const bytes = manyChunks(20_000);
    const { stream, stats } = counted(bytes, 4096);
    const stdout = new Writable({
      write(_chunk, _encoding, callback) {
        const message =
          code === 'EIO'
            ? 'EIO: i/o error, write'
            : code === 'EPIPE'
              ? 'EPIPE: broken pipe, write'
              : 'ENOSPC: no space left on device, write';
        callback(Object.assign(new Error(message), { code }));
      },
    });
    const stderr = stderrSink();
    expect(await run(['png', 'inspect', '-'], { stdout, stderr, stdin: stream })).toBe(3);
    expect(stderr.text).toBe(said);
    expect(stats.pulled).toBeLessThan(10);
  });

  it('failing on a short report (written at the end) is still exit 3', async () => {
    const stdout = new Writable({
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
      },
    });
    const stderr = stderrSink();
    const stdin = Readable.from([Buffer.from(trailingBytes())]);
    expect(await run(['png', 'inspect', '--json', '-'], { stdout, stderr, stdin })).toBe(3);
    expect(stderr.text).toMatch(/^stride: cannot write the output: ENOSPC/);
    expect(await run(['--help'], { stdout, stderr: stderrSink(), stdin })).toBe(3);
  });
});

describe('after IEND', () => {
  const png = trailingBytes().subarray(0, -3); // 71 bytes, nothing after IEND

  it('standard input is read at most 1 MiB further, then left alone', async () => {
    // 64 KiB pieces of zeros after the image: 1000 of them would be 64 MB.
    const zeros = Array.from({ length: 1000 }, () => new Uint8Array(64 * 1024));
    const { stream, stats } = counted(png, png.length, zeros);
    const { code, stdout } = await stride(['png', 'inspect', '-'], stream);
    expect(code).toBe(0);
    expect(stats.pulled).toBeLessThan(20);
    expect(stdout).toMatch(
      /\nwarning: DATA_AFTER_IEND at byte \d+: at least 1\d{6} bytes after IEND \(ignored; reading stopped there\)\n/,
    );
  });

  it('a file is read 1 MiB further too, and the message gives its exact count from the size', async () => {
    const file = join(scratch, 'trailing.png');
    writeFileSync(file, Buffer.concat([png, Buffer.alloc(5 << 20)]));
    const { code, stdout } = await stride(['png', 'inspect', file]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\nwarning: DATA_AFTER_IEND at byte \d+: 5242880 bytes after IEND \(ignored\)\n/);
  });

  it('less than 1 MiB after IEND is counted as before', async () => {
    const { stdout } = await stride(['png', 'inspect', '-'], Readable.from([Buffer.from(trailingBytes())]));
    expect(stdout).toContain('\nwarning: DATA_AFTER_IEND at byte 71: 3 bytes after IEND (ignored)\n');
  });
});
