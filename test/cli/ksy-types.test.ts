// `stride ksy types`: the declarations of a format of the suite on standard output and in a file
// (-o), the same text; a bad .ksy; bad usage; an output file that cannot be written.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, scratchFiles, stride } from './helpers.js';

const NAV_PARENT = join(root, 'test/ksy/kaitai-tests/formats/nav_parent.ksy');
const scratch = scratchFiles('stride-ksy-types-');

describe('stride ksy types', () => {
  it('writes the declarations to standard output, or the same text to -o FILE', async () => {
    const out = await stride(['ksy', 'types', NAV_PARENT]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/export interface NavParent\b/);
    const file = join(scratch.dir, 'nav_parent.d.ts');
    const written = await stride(['ksy', 'types', '-o', file, NAV_PARENT]);
    expect(written).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(file, 'utf8')).toBe(out.stdout);
  });

  it('a bad .ksy: exit 2; an output file that cannot be written: exit 3', async () => {
    const bad = scratch.file('bad.ksy', new TextEncoder().encode('meta: {id: bad}\nseq: 3\n'));
    const invalid = await stride(['ksy', 'types', bad]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/^stride: .*bad\.ksy: not a valid description: BAD_KEY: /);
    const unwritable = await stride([
      'ksy',
      'types',
      '--output',
      join(scratch.dir, 'no/such/dir.d.ts'),
      NAV_PARENT,
    ]);
    expect(unwritable.code).toBe(3);
    expect(unwritable.stderr).toMatch(/^stride: cannot write .*dir\.d\.ts: no such file\n$/);
  });

  it('usage: no FORMAT.ksy, two, -o without a file, an unknown option; --help', async () => {
    for (const args of [[], [NAV_PARENT, NAV_PARENT], [NAV_PARENT, '-o'], ['--frobnicate', NAV_PARENT]]) {
      const out = await stride(['ksy', 'types', ...args]);
      expect(out.code, args.join(' ')).toBe(2);
      expect(out.stdout).toBe('');
      expect(out.stderr).toContain('usage: stride ksy types [-o FILE] FORMAT.ksy');
    }
    const help = await stride(['ksy', 'types', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('-o, --output F');
  });
});
