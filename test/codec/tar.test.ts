/**
 * The ustar example against GNU tar, a tool nobody here wrote: archives tar made are read back
 * field by field against the file system, in any chunking; archives the example writes are listed
 * and extracted by tar.
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StreamDecoder, ValidationError } from '@stride/codec';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTar, TarEntry, writeTar } from '../../examples/tar/ustar.js';

let dir = '';
let archive = new Uint8Array(0);
const members = ['hello.txt', 'dir', 'dir/data.bin', 'empty', 'link', `${'n'.repeat(99)}`];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'stride-tar-'));
  const root = join(dir, 'src');
  mkdirSync(join(root, 'dir'), { recursive: true });
  writeFileSync(join(root, 'hello.txt'), 'hello world\n');
  // 1000 bytes from a fixed seed
  let x = 12345;
  const next = () => {
    x = (x * 1103515245 + 12345) >>> 0;
    return x >>> 24;
  };
  writeFileSync(join(root, 'dir/data.bin'), Uint8Array.from({ length: 1000 }, next));
  writeFileSync(join(root, 'empty'), '');
  writeFileSync(join(root, 'n'.repeat(99)), 'long name');
  symlinkSync('hello.txt', join(root, 'link'));
  chmodSync(join(root, 'hello.txt'), 0o640);
  for (const m of members.filter((m) => m !== 'link'))
    utimesSync(join(root, m), 1_600_000_000, 1_600_000_000 + members.indexOf(m));
  execFileSync('tar', [
    '--format=ustar',
    '--no-recursion',
    '-cf',
    join(dir, 'a.tar'),
    '-C',
    root,
    ...members,
  ]);
  archive = new Uint8Array(readFileSync(join(dir, 'a.tar')));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ustar (examples/tar) against GNU tar', () => {
  it('reads every member tar wrote, field by field', () => {
    const entries = readTar(archive);
    expect(entries.map((e) => e.header.name)).toEqual([
      'hello.txt',
      'dir/',
      'dir/data.bin',
      'empty',
      'link',
      'n'.repeat(99),
    ]);
    for (const { header, data } of entries) {
      const path = join(dir, 'src', header.name);
      const stat = lstatSync(path);
      expect(header.typeflag).toBe(stat.isDirectory() ? '5' : stat.isSymbolicLink() ? '2' : '0');
      expect(header.mode).toBe(stat.mode & 0o7777);
      expect(header.mtime).toBe(Math.floor(stat.mtimeMs / 1000));
      expect(header.uid).toBe(stat.uid);
      expect(header.version).toBe('00');
      if (stat.isFile()) {
        expect(header.size).toBe(stat.size);
        expect(Buffer.from(data).equals(readFileSync(path))).toBe(true);
      }
      if (stat.isSymbolicLink()) expect(header.linkname).toBe('hello.txt');
    }
  });

  it('decodes the same members from any chunking of the archive', () => {
    const entries = readTar(archive);
    const body = archive.subarray(
      0,
      entries.reduce((n, e) => n + 512 + Math.ceil(e.data.length / 512) * 512, 0),
    );
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: body.length - 1 }), { maxLength: 40 }), (cuts) => {
        const d = new StreamDecoder(TarEntry);
        const got: TarEntry[] = [];
        let from = 0;
        for (const c of [...cuts.sort((a, b) => a - b), body.length]) {
          d.write(body.slice(from, c), (e) => got.push(e));
          from = c;
        }
        d.finish((e) => got.push(e));
        expect(got.map((e) => [e.header, [...e.data]])).toEqual(entries.map((e) => [e.header, [...e.data]]));
      }),
      { numRuns: 50 },
    );
  });

  it('rejects a damaged header with the offset of the member and a reason', () => {
    const damaged = archive.slice();
    const second = 512 + 512; // hello.txt's header and data block, then dir/
    damaged[second + 10] = 0x41;
    let err: unknown;
    try {
      readTar(damaged);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    expect(err).toMatchObject({ offset: second, path: 'header' });
    expect((err as Error).message).toMatch(/checksum/);
  });

  it('writes archives tar lists and extracts', () => {
    const out = join(dir, 'ours.tar');
    writeFileSync(
      out,
      writeTar([
        { name: 'a.txt', data: new TextEncoder().encode('from stride\n'), mtime: 1_700_000_000, mode: 0o600 },
        { name: 'sub/', typeflag: '5', mode: 0o755 },
        { name: 'sub/b.bin', data: new Uint8Array(700).fill(7) },
        { name: 'to-a', typeflag: '2', linkname: 'a.txt' },
      ]),
    );
    const listing = execFileSync('tar', ['-tvf', out], { encoding: 'utf8' });
    expect(listing).toMatch(/^-rw------- root\/root\s+12 2023-11-14 \d\d:\d\d a\.txt$/m);
    expect(listing).toMatch(/^drwxr-xr-x .* sub\/$/m);
    expect(listing).toMatch(/^lrw-r--r-- .* to-a -> a\.txt$/m);
    expect(execFileSync('tar', ['-xOf', out, 'a.txt'], { encoding: 'utf8' })).toBe('from stride\n');
    expect(execFileSync('tar', ['-xOf', out, 'sub/b.bin']).equals(Buffer.alloc(700, 7))).toBe(true);
  });
});
