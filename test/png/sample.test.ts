// examples/png/sample.png, the file `pnpm demo` inspects, is what make-sample.ts writes, valid, and
// readable by a decoder nobody here wrote.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validatePng } from '@stride/png';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';

const sample = new URL('../../examples/png/sample.png', import.meta.url);

describe('examples/png/sample.png', () => {
  it('validates, with every chunk decoded and no warning', async () => {
    const report = await validatePng(readFileSync(sample));
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.chunks.map((c) => c.type)).toEqual(
      'IHDR gAMA cHRM pHYs eXIf acTL tEXt zTXt iTXt tIME fcTL IDAT fcTL fdAT IEND'.split(' '),
    );
    expect(report.chunks.find((c) => c.type === 'iTXt')?.fields).toMatchObject({
      translatedKeyword: 'Kuvaus',
    });
  });

  it('decodes in pngjs to the gradient make-sample.ts drew', () => {
    const png = PNG.sync.read(Buffer.from(readFileSync(sample)));
    expect([png.width, png.height]).toEqual([32, 32]);
    const at = (x: number, y: number) =>
      Array.from(png.data.subarray((y * 32 + x) * 4, (y * 32 + x) * 4 + 4));
    expect(at(3, 5)).toEqual([24, 40, 128, 255]);
  });

  it('is what make-sample.ts writes', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'stride-sample-')), 'sample.png');
    execFileSync(process.execPath, [
      '--import',
      'tsx',
      '--conditions=@stride/source',
      'examples/png/make-sample.ts',
      out,
    ]);
    const fresh = PNG.sync.read(readFileSync(out));
    expect(fresh.data.equals(PNG.sync.read(Buffer.from(readFileSync(sample))).data)).toBe(true);
  });
});
