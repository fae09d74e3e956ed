/** The `stride` executable end to end: node packages/cli/bin/stride.js, and `pnpm exec stride`. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bin, spawnStride, suite } from './helpers.js';

const file = `${suite}basn6a08.png`;
const node = process.execPath;

describe('bin/stride.js (TypeScript sources through tsx)', () => {
  it('prints the table and exits 0 for a valid file', async () => {
    const { code, stdout, stderr } = await spawnStride(node, [bin, 'png', 'inspect', file]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('     8  IHDR      13  ok   32x32, 8-bit truecolour+alpha, non-interlaced\n');
    expect(stdout.endsWith('valid: 4 chunks, 0 warnings\n')).toBe(true);
  });

  it('reads standard input for - and exits 1 for an invalid file', async () => {
    const bytes = readFileSync(`${suite}xcsn0g01.png`);
    const { code, stdout } = await spawnStride(node, [bin, 'png', 'inspect', '-', '--json'], bytes);
    expect(code).toBe(1);
    const r = JSON.parse(stdout) as { valid: boolean; errors: { code: string }[] };
    expect(r.valid).toBe(false);
    expect(r.errors.map((e) => e.code)).toEqual(['CRC_MISMATCH']);
  });

  it('pipes a valid file through stdin', async () => {
    const { code, stdout } = await spawnStride(node, [bin, 'png', 'inspect', '-'], readFileSync(file));
    expect(code).toBe(0);
    expect(stdout.endsWith('valid: 4 chunks, 0 warnings\n')).toBe(true);
  });

  it('exits 2 with a usage line for a usage error', async () => {
    const { code, stdout, stderr } = await spawnStride(node, [bin, 'png', 'inspect']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'stride: missing FILE\nusage: stride png inspect [--json] [--keep-going] [--lenient-crc] [--no-image-data] FILE\n',
    );
  });
});

describe('pnpm exec stride', () => {
  it('runs from the repository root with no build step', async () => {
    const { code, stdout } = await spawnStride('npx', [
      '--yes',
      'pnpm@10.34.8',
      'exec',
      'stride',
      'png',
      'inspect',
      '--json',
      file,
    ]);
    expect(code).toBe(0);
    const r = JSON.parse(stdout) as { valid: boolean; chunks: { type: string }[] };
    expect(r.valid).toBe(true);
    expect(r.chunks.map((c) => c.type)).toEqual(['IHDR', 'gAMA', 'IDAT', 'IEND']);
  });
});
