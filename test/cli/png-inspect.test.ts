/** `stride png inspect` run in-process on PngSuite and on built files: table, JSON, exit statuses. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { encodePng } from '@stride/png';
import { readPng } from '@stride/png/rx';
import { lastValueFrom, toArray } from 'rxjs';
import { afterAll, describe, expect, it } from 'vitest';
import { expected, files, load } from '../png/corpus.js';
import { apng, badTextCrc, everyChunk, trailingBytes } from './fixtures.js';
import { stride, suite } from './helpers.js';

const valid = files.filter((f) => expected[f]?.expected === 'valid');
const invalid = files.filter((f) => expected[f]?.expected === 'invalid');
const path = (name: string) => `${suite}${name}`;

/** Bytes as a Readable that delivers them in small pieces, like a pipe. */
function piped(bytes: Uint8Array, size = 7): Readable {
  const pieces: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.subarray(at, at + size));
  return Readable.from(pieces);
}

const scratch = mkdtempSync(join(tmpdir(), 'stride-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Writes `bytes` to a temporary file and returns its path. */
function tempFile(name: string, bytes: Uint8Array): string {
  const file = join(scratch, name);
  writeFileSync(file, bytes);
  return file;
}

interface JsonReport {
  valid: boolean;
  chunks: { type: string; offset: number; length: number; crcOk: boolean; fields?: unknown }[];
  errors: { code: string; offset: number; message: string }[];
  warnings: { code: string; offset: number; message: string }[];
}

function parseJson(stdout: string): JsonReport {
  expect(stdout.endsWith('\n')).toBe(true);
  expect(stdout.trimEnd().includes('\n')).toBe(false); // one document on one line
  return JSON.parse(stdout) as JsonReport;
}

/** The exact key sets the --json form promises (external checks read these names). */
function expectShape(r: JsonReport): void {
  expect(Object.keys(r)).toEqual(['chunks', 'errors', 'warnings', 'valid']); // valid last: known at the end
  expect(typeof r.valid).toBe('boolean');
  for (const c of r.chunks) {
    expect(Object.keys(c)).toEqual(
      c.fields === undefined
        ? ['type', 'offset', 'length', 'crcOk']
        : ['type', 'offset', 'length', 'crcOk', 'fields'],
    );
    expect(typeof c.type).toBe('string');
    expect(Number.isInteger(c.offset) && Number.isInteger(c.length)).toBe(true);
    expect(typeof c.crcOk).toBe('boolean');
  }
  for (const i of [...r.errors, ...r.warnings]) {
    expect(Object.keys(i)).toEqual(['code', 'offset', 'message']);
    expect(typeof i.code === 'string' && Number.isInteger(i.offset) && typeof i.message === 'string').toBe(
      true,
    );
  }
}

describe('stride png inspect on PngSuite', () => {
  it('has the whole suite to read', () => {
    expect(valid).toHaveLength(161);
    expect(invalid).toHaveLength(14);
  });

  it.each(valid)('%s: exit 0, a table row per chunk, a valid verdict', async (name) => {
    const { code, stdout, stderr } = await stride(['png', 'inspect', path(name)]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^offset\s+type\s+length\s+crc\s+fields$/);
    const chunks = expected[name]?.chunks ?? [];
    for (const [type, offset, length] of chunks) {
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^ *${offset}  ${type} +${length}  ok`)));
    }
    expect(lines.at(-1)).toBe(`valid: ${chunks.length} chunks, 0 warnings`);
    // Every chunk with fields has a summary (IDAT and IEND have none).
    for (const line of lines.slice(1, chunks.length + 1)) {
      if (!/ (IDAT|IEND) /.test(line)) expect(line).toMatch(/ ok {3}\S/);
    }
  });

  it.each(invalid)('%s: exit 1, the expected error code in JSON and in the verdict', async (name) => {
    const want = expected[name]?.reader_problems.map((p) => p.toUpperCase()) ?? [];
    const json = await stride(['png', 'inspect', '--json', path(name)]);
    expect(json.code).toBe(1);
    const r = parseJson(json.stdout);
    expectShape(r);
    expect(r.valid).toBe(false);
    expect(r.errors).toHaveLength(1);
    expect(want).toContain(r.errors[0]?.code);

    const text = await stride(['png', 'inspect', path(name)]);
    expect(text.code).toBe(1);
    const verdict = text.stdout.split('\n').find((l) => l.startsWith('invalid: '));
    expect(verdict).toContain(`invalid: ${r.errors[0]?.code} at byte ${r.errors[0]?.offset}: `);
  });

  it('prints the table a reader expects (basn6a08.png)', async () => {
    const { stdout } = await stride(['png', 'inspect', path('basn6a08.png')]);
    expect(stdout).toBe(
      [
        'offset  type  length  crc  fields',
        '     8  IHDR      13  ok   32x32, 8-bit truecolour+alpha, non-interlaced',
        '    33  gAMA       4  ok   gamma 1.00000',
        '    49  IDAT     111  ok',
        '   172  IEND       0  ok',
        '',
        'valid: 4 chunks, 0 warnings',
        '',
      ].join('\n'),
    );
  });

  it('summarises PngSuite chunks', async () => {
    const lines = async (name: string) => (await stride(['png', 'inspect', path(name)])).stdout;
    expect(await lines('tbbn3p08.png')).toMatch(/PLTE {5}738 {2}ok {3}246 entries\n/);
    expect(await lines('ch1n3p04.png')).toContain('hIST      30  ok   15 frequencies');
    expect(await lines('ps1n0g08.png')).toContain('six-cube, 8-bit, 216 entries');
    expect(await lines('cdfn2c08.png')).toContain('aspect 1:4');
    expect(await lines('cm7n0g04.png')).toContain('1970-01-01T00:00:00Z');
    expect(await lines('exif2c08.png')).toContain('big-endian (MM), 978 bytes');
    expect(await lines('ct1n0g04.png')).toContain('Author: Willem A.J. van Schaik\\n(willem@schaik.com)');
    expect(await lines('ctjn0g04.png')).toContain('Title [ja, タイトル]: PngSuite');
    expect(await lines('basi0g01.png')).toContain('32x32, 1-bit greyscale, Adam7-interlaced');
  });

  it('--json gives exactly the documented shape for a valid file', async () => {
    const { code, stdout } = await stride(['png', 'inspect', '--json', path('basn6a08.png')]);
    expect(code).toBe(0);
    const r = parseJson(stdout);
    expectShape(r);
    expect(r).toEqual({
      valid: true,
      chunks: [
        {
          type: 'IHDR',
          offset: 8,
          length: 13,
          crcOk: true,
          fields: {
            width: 32,
            height: 32,
            bitDepth: 8,
            colorType: 6,
            compressionMethod: 0,
            filterMethod: 0,
            interlaceMethod: 0,
          },
        },
        { type: 'gAMA', offset: 33, length: 4, crcOk: true, fields: { gamma: 100000 } },
        { type: 'IDAT', offset: 49, length: 111, crcOk: true },
        { type: 'IEND', offset: 172, length: 0, crcOk: true },
      ],
      errors: [],
      warnings: [],
    });
  });

  it('--json turns byte arrays into {bytes, hex} (eXIf data, first 32 bytes)', async () => {
    const r = parseJson((await stride(['png', 'inspect', '--json', path('exif2c08.png')])).stdout);
    const exif = r.chunks.find((c) => c.type === 'eXIf');
    const data = readFileSync(path('exif2c08.png')).subarray(41, 41 + 32);
    expect(exif?.fields).toEqual({ data: { bytes: 978, hex: data.toString('hex') }, byteOrder: 'MM' });
  });
});

describe('stride png inspect on built files', () => {
  it('summarises every chunk type with fields', async () => {
    const file = tempFile('every.png', everyChunk());
    const { code, stdout } = await stride(['png', 'inspect', file]);
    expect(code).toBe(0);
    const summaries = [
      'IHDR      13  ok   2x2, 8-bit truecolour, non-interlaced',
      'cHRM      32  ok   white 0.3127,0.329 red 0.64,0.33 green 0.3,0.6 blue 0.15,0.06',
      'gAMA       4  ok   gamma 0.45455',
      'iCCP      27  ok   Test profile, profile 300 bytes',
      'sBIT       3  ok   significant bits: rgb 5,6,5',
      'cICP       4  ok   primaries 9 (BT.2020), transfer 16 (PQ), matrix 0, full range',
      'mDCV      24  ok   red 0.708,0.292 green 0.17,0.797 blue 0.131,0.046 white 0.3127,0.329, luminance 0.005-1000 cd/m²',
      'cLLI       8  ok   max CLL 1000 cd/m², max FALL 400 cd/m²',
      'bKGD       6  ok   background rgb 255,128,0',
      'tRNS       6  ok   transparent rgb 1,2,3',
      'pHYs       9  ok   2835x2835 px/m (72 dpi)',
      'sPLT      46  ok   four, 16-bit, 4 entries',
      'eXIf      10  ok   little-endian (II), 10 bytes',
      'tIME       7  ok   2024-02-29T23:05:09Z',
      'tEXt      87  ok   Title: Line one\\nline two\\x1b[31m and a very long tail that…',
      'zTXt      25  ok   Comment: squeezed',
      'iTXt      32  ok   Title [fr, Titre]: Bonjour',
      'prVt       7  ok\n',
    ];
    for (const s of summaries) expect(stdout).toContain(s);
    // No raw control character reaches the terminal.
    expect(stdout.includes('\u001b')).toBe(false);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('valid: 20 chunks, 0 warnings');
  });

  it('summarises APNG chunks and sRGB', async () => {
    const { code, stdout } = await stride(['png', 'inspect', '-'], piped(apng()));
    expect(code).toBe(0);
    expect(stdout).toContain('sRGB       1  ok   intent 0 (perceptual)');
    expect(stdout).toContain('acTL       8  ok   2 frames, loops forever');
    expect(stdout).toContain(
      'fcTL      26  ok   seq 0, 2x2 at 0,0, delay 1/10 s, dispose background, blend source',
    );
    expect(stdout).toContain('fdAT      18  ok   seq 2, 14 bytes');
  });

  it('lists warnings and counts them in the verdict', async () => {
    const { code, stdout } = await stride(['png', 'inspect', '-'], piped(trailingBytes()));
    expect(code).toBe(0);
    expect(stdout).toContain('\n\nwarning: DATA_AFTER_IEND at byte 71: 3 bytes after IEND');
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('valid: 3 chunks, 1 warning');
    const r = parseJson((await stride(['png', 'inspect', '--json', '-'], piped(trailingBytes()))).stdout);
    expectShape(r);
    expect(r.warnings).toEqual([{ code: 'DATA_AFTER_IEND', offset: 71, message: expect.any(String) }]);
  });

  it('--lenient-crc lets a bad ancillary CRC through as a warning, shown as BAD', async () => {
    const strict = await stride(['png', 'inspect', '-'], piped(badTextCrc()));
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('invalid: CRC_MISMATCH at byte 48: ');
    const lenient = await stride(['png', 'inspect', '-', '--lenient-crc'], piped(badTextCrc()));
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toMatch(/ 33 {2}tEXt {7}7 {2}BAD\n/);
    expect(lenient.stdout).toContain('warning: CRC_MISMATCH at byte 48: ');
    const r = parseJson(
      (await stride(['png', 'inspect', '--lenient-crc', '--json', '-'], piped(badTextCrc()))).stdout,
    );
    expect(r.chunks[1]).toEqual({ type: 'tEXt', offset: 33, length: 7, crcOk: false });
  });

  it('--no-image-data skips inflating IDAT', async () => {
    const bytes = load('basn0g08.png').slice();
    // Damage a byte inside the IDAT's zlib stream and fix the CRC: only the image-data check sees it.
    const events = await lastValueFrom(readPng(bytes).pipe(toArray()));
    const broken = events.map((e) =>
      e.kind === 'chunk' && e.type === 'IDAT'
        ? { type: 'IDAT', data: e.data.map((b, i) => (i === 0 ? 0x00 : b)) }
        : e,
    );
    const damaged = encodePng(broken);
    expect((await stride(['png', 'inspect', '-'], piped(damaged))).code).toBe(1);
    expect((await stride(['png', 'inspect', '--no-image-data', '-'], piped(damaged))).code).toBe(0);
  });

  it('a truncated file or a file that is not a PNG is invalid (exit 1)', async () => {
    const bytes = load('basn0g08.png');
    const truncated = await stride(['png', 'inspect', '--json', '-'], piped(bytes.subarray(0, 100)));
    expect(truncated.code).toBe(1);
    expect(parseJson(truncated.stdout).valid).toBe(false);
    const text = await stride(['png', 'inspect', '-'], Readable.from([Buffer.from('hello, world\n')]));
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^invalid: BAD_SIGNATURE at byte 0: /);
    const empty = await stride(['png', 'inspect', '-']);
    expect(empty.code).toBe(1);
  });
});

describe('stride command line', () => {
  const file = path('basn0g01.png');

  it('takes options before or after FILE', async () => {
    const before = await stride(['png', 'inspect', '--json', file]);
    const after = await stride(['png', 'inspect', file, '--json']);
    expect(before.code).toBe(0);
    expect(after).toEqual(before);
    expectShape(parseJson(after.stdout));
  });

  it('reads standard input for -', async () => {
    const fromFile = await stride(['png', 'inspect', file]);
    const fromStdin = await stride(['png', 'inspect', '-'], piped(load('basn0g01.png'), 3));
    expect(fromStdin).toEqual(fromFile);
  });

  it('-- ends the options', async () => {
    const { code, stderr } = await stride(['png', 'inspect', '--', '--json']);
    expect(code).toBe(2);
    expect(stderr).toContain('cannot read --json: no such file');
  });

  it.each([
    [[], 'missing protocol'],
    [['jpeg', 'inspect', 'a.jpg'], 'unknown protocol jpeg'],
    [['png'], 'missing subcommand'],
    [['png', 'list', 'a.png'], 'unknown subcommand list'],
    [['png', 'inspect'], 'missing FILE'],
    [['png', 'inspect', '--json'], 'missing FILE'],
    [['png', 'inspect', 'a.png', 'b.png'], 'one FILE at a time'],
    [['png', 'inspect', '--verbose', 'a.png'], 'unknown option --verbose'],
    [['png', 'inspect', 'a.png', '-x'], 'unknown option -x'],
    [['png', 'inspect', '/no/such/file.png'], 'cannot read /no/such/file.png: no such file'],
    [['png', 'inspect', suite], 'is a directory'],
  ])('stride %j is a usage error (exit 2)', async (args, reason) => {
    const { code, stdout, stderr } = await stride(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(reason);
    expect(stderr).toMatch(/\nusage: stride /);
  });

  it.each([
    [['--help']],
    [['-h']],
    [['png', '--help']],
    [['png', 'inspect', '--help']],
    [['png', 'inspect', 'a.png', '-h']],
  ])('stride %j prints usage and exits 0', async (args) => {
    const { code, stdout, stderr } = await stride(args);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^usage: stride /);
  });
});
