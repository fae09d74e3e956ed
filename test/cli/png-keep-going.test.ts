/** `stride png inspect --keep-going` (pngcheck's -f): after a recoverable error, the rest of the file, every error, the verdict. */
import { Readable } from 'node:stream';
import { deflateSync } from 'node:zlib';
import { encodePng, type PngChunkInput } from '@stride/png';
import { describe, expect, it } from 'vitest';
import { stride, suite } from './helpers.js';

const enc = new TextEncoder();
const ihdr: PngChunkInput = {
  type: 'IHDR',
  fields: {
    width: 2,
    height: 2,
    bitDepth: 8,
    colorType: 2,
    compressionMethod: 0,
    filterMethod: 0,
    interlaceMethod: 0,
  },
};
const idat: PngChunkInput = { type: 'IDAT', data: deflateSync(new Uint8Array(14)) };
const iend: PngChunkInput = { type: 'IEND', data: new Uint8Array(0) };

/** IHDR, tEXt (its CRC broken), an unknown critical chunk, IDAT, PLTE after IDAT, IEND. */
function threeErrors(): { bytes: Uint8Array; textCrc: number } {
  const bytes = encodePng([
    ihdr,
    { type: 'tEXt', data: enc.encode('Title\0x') },
    { type: 'CUST', data: new Uint8Array([1]) },
    idat,
    { type: 'PLTE', data: new Uint8Array([0, 0, 0]) },
    iend,
  ]);
  const textCrc = 33 + 8 + 7;
  bytes[textCrc] = (bytes[textCrc] as number) ^ 0xff;
  return { bytes, textCrc };
}

interface Report {
  chunks: { type: string; offset: number; crcOk: boolean; fields?: unknown }[];
  errors: { code: string; offset: number; message: string }[];
  warnings: { code: string; offset: number; message: string }[];
  valid: boolean;
}

const json = async (args: string[], bytes: Uint8Array) => {
  const run = await stride(['png', 'inspect', '--json', ...args, '-'], ReadableFrom(bytes));
  return { code: run.code, report: JSON.parse(run.stdout) as Report };
};
/** The bytes as standard input (a fresh stream per run). */
function ReadableFrom(bytes: Uint8Array): Readable {
  return Readable.from([Buffer.from(bytes)]);
}

describe('--keep-going', () => {
  it('lists every chunk after a bad CRC, an unknown critical chunk and a misplaced PLTE, and every error', async () => {
    const { bytes, textCrc } = threeErrors();
    const { code, report } = await json(['--keep-going'], bytes);
    expect(code).toBe(1);
    expect(report.valid).toBe(false);
    expect(report.chunks.map((c) => [c.type, c.crcOk])).toEqual([
      ['IHDR', true],
      ['tEXt', false],
      ['CUST', true],
      ['IDAT', true],
      ['PLTE', true],
      ['IEND', true],
    ]);
    expect(report.chunks[1]?.fields).toBeUndefined(); // a bad CRC's fields are not shown
    expect(report.errors.map((e) => [e.code, e.offset])).toEqual([
      ['CRC_MISMATCH', textCrc],
      ['UNKNOWN_CRITICAL_CHUNK', report.chunks[2]?.offset],
      ['PLTE_AFTER_IDAT', report.chunks[4]?.offset],
    ]);
    expect(report.errors[0]?.message).toBe(
      `chunks[1].crc: tEXt's CRC differs from the one its type and data give (0x${readCrc(bytes, textCrc)}): the chunk is corrupt at byte ${textCrc}`,
    );
    expect(report.warnings).toEqual([]);
  });

  it('in the table: the rows, then the errors, then a verdict that counts them', async () => {
    const { bytes, textCrc } = threeErrors();
    const { code, stdout } = await stride(['png', 'inspect', '--keep-going', '-'], ReadableFrom(bytes));
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.slice(1, 7).map((l) => l.trim().split(/ +/).slice(1, 2)[0])).toEqual([
      'IHDR',
      'tEXt',
      'CUST',
      'IDAT',
      'PLTE',
      'IEND',
    ]);
    expect(lines[2]).toMatch(/ tEXt +7 {2}BAD$/);
    expect(lines.slice(7)).toEqual([
      '',
      expect.stringMatching(
        new RegExp(`^error: CRC_MISMATCH at byte ${textCrc}: chunks\\[1\\]\\.crc: tEXt's CRC differs`),
      ),
      expect.stringMatching(/^error: UNKNOWN_CRITICAL_CHUNK at byte \d+: CUST is a critical chunk/),
      expect.stringMatching(/^error: PLTE_AFTER_IDAT at byte \d+: PLTE must come before the first IDAT$/),
      '',
      'invalid: 3 errors, 6 chunks, 0 warnings',
    ]);
  });

  it('with --lenient-crc an ancillary chunk with a bad CRC is a warning', async () => {
    const { bytes, textCrc } = threeErrors();
    const { report } = await json(['--keep-going', '--lenient-crc'], bytes);
    expect(report.errors.map((e) => e.code)).toEqual(['UNKNOWN_CRITICAL_CHUNK', 'PLTE_AFTER_IDAT']);
    expect(report.warnings.map((w) => [w.code, w.offset])).toEqual([['CRC_MISMATCH', textCrc]]);
  });

  it('a critical chunk with a bad CRC is an error even with --lenient-crc; the rest is still read (PngSuite xcsn0g01)', async () => {
    const { code, stdout } = await stride([
      'png',
      'inspect',
      '--keep-going',
      '--lenient-crc',
      `${suite}xcsn0g01.png`,
    ]);
    expect(code).toBe(1);
    expect(stdout).toContain('    49  IDAT      91  BAD\n   152  IEND       0  ok\n');
    expect(stdout).toContain(
      "\nerror: CRC_MISMATCH at byte 148: chunks[2].crc: IDAT's CRC differs from the one its type and data give (0xd02f14c9): the chunk is corrupt\n",
    );
    expect(stdout.endsWith('\ninvalid: 1 error, 4 chunks, 0 warnings\n')).toBe(true);
  });

  it('an error it cannot go on after ends the read, listed last', async () => {
    const bytes = encodePng([
      ihdr,
      { type: 'CUST', data: new Uint8Array([1]) },
      { type: 'IDAT', data: new Uint8Array([1, 2, 3]) },
      iend,
    ]);
    const { code, stdout } = await stride(['png', 'inspect', '--keep-going', '-'], ReadableFrom(bytes));
    expect(code).toBe(1);
    const tail = stdout.trimEnd().split('\n').slice(-4);
    expect(tail[0]).toMatch(/^error: UNKNOWN_CRITICAL_CHUNK at byte 33: /);
    expect(tail[1]).toMatch(/^error: BAD_IMAGE_DATA at byte 46: bad image data/);
    expect(tail[3]).toBe('invalid: 2 errors, 2 chunks, 0 warnings (the read stopped at the last)');
    const { report } = await json(['--keep-going'], bytes);
    expect(report.errors.map((e) => e.code)).toEqual(['UNKNOWN_CRITICAL_CHUNK', 'BAD_IMAGE_DATA']);
    expect(report.chunks.map((c) => c.type)).toEqual(['IHDR', 'CUST']);
  });

  it('changes nothing without the option, nor for a valid file', async () => {
    const { bytes, textCrc } = threeErrors();
    const plain = await stride(['png', 'inspect', '-'], ReadableFrom(bytes));
    expect(plain.code).toBe(1);
    expect(plain.stdout.trimEnd().split('\n').at(-1)).toMatch(
      new RegExp(`^invalid: CRC_MISMATCH at byte ${textCrc}: chunks\\[1\\]\\.crc: tEXt's CRC is 0x`),
    );
    expect((await json([], bytes)).report.errors).toHaveLength(1);
    const file = `${suite}basn6a08.png`;
    expect(await stride(['png', 'inspect', '--keep-going', file])).toEqual(
      await stride(['png', 'inspect', file]),
    );
  });
});

/** The CRC the chunk's type and data give, as the reader computes it (the stored one, flipped back). */
function readCrc(bytes: Uint8Array, at: number): string {
  const dv = new DataView(bytes.buffer, bytes.byteOffset);
  return ((dv.getUint32(at) ^ 0xff000000) >>> 0).toString(16).padStart(8, '0');
}
