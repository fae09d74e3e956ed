/** `misplacedCritical: 'warn'`: a critical chunk out of place is a warning of the same code, and the read goes on. */
import type { PngReadOptions } from '@stride/png';
import { describe, expect, it } from 'vitest';
import { idat, iend, ihdr, png, read, type Spec, u32s } from '../read/build.js';

/** What these tests compare: the warnings (code, offset), the chunk types and the error. */
function outcome(bytes: Uint8Array, options: PngReadOptions) {
  const { chunks, warnings, error } = read(bytes, options);
  return {
    error,
    warnings: warnings.map((e) => (e.kind === 'warning' ? [e.code, e.offset] : [])),
    types: chunks.map((e) => (e.kind === 'chunk' ? e.type : '')),
  };
}

const plte: Spec = ['PLTE', [0, 0, 0, 255, 255, 255]];
const text: Spec = ['tEXt', [...Buffer.from('a\0b')]];

describe.each([
  ['IHDR_NOT_FIRST', [['gAMA', u32s(1)], ihdr(), idat(), iend] as Spec[], 0],
  ['DUPLICATE_CRITICAL_CHUNK', [ihdr(), ihdr(), idat(), iend] as Spec[], 1],
  ['DUPLICATE_CRITICAL_CHUNK', [ihdr(2, 2, 8, 3), plte, plte, idat(2, 2), iend] as Spec[], 2],
  ['PLTE_AFTER_IDAT', [ihdr(), idat(), plte, iend] as Spec[], 2],
  ['MISSING_PLTE', [ihdr(2, 2, 8, 3), idat(2, 2), idat(0, 0), iend] as Spec[], 1],
  ['MISSING_IDAT', [ihdr(), iend] as Spec[], 1],
  ['IDAT_NOT_CONSECUTIVE', [ihdr(), idat(), text, idat(0, 0), iend] as Spec[], 3],
])('%s', (code, specs, index) => {
  const bytes = png(...specs);
  // The offset of chunk `index`: the signature, then 12 bytes and the data of each chunk before it.
  const offset = specs.slice(0, index).reduce((at, [, data]) => at + 12 + (data?.length ?? 0), 8);

  it('is an error by default', () => {
    expect(outcome(bytes, {}).error).toMatchObject({ code, offset });
  });

  it("is a warning of that code with misplacedCritical: 'warn', and every chunk is read", () => {
    const { error, warnings, types } = outcome(bytes, { misplacedCritical: 'warn' });
    expect(error).toBeUndefined();
    expect(warnings).toEqual([[code, offset]]); // once, even for a second IDAT of an indexed image
    expect(types).toEqual(specs.map(([t]) => t));
  });
});

it("misplacedCritical: 'warn' leaves other errors errors", () => {
  const badDepth = png(ihdr(2, 2, 3, 2), idat(), iend);
  expect(outcome(badDepth, { misplacedCritical: 'warn' }).error?.code).toBe('IHDR_BAD_BIT_DEPTH');
  const unknown = png(ihdr(), ['CUST', [1]], idat(), iend);
  expect(outcome(unknown, { misplacedCritical: 'warn' }).error?.code).toBe('UNKNOWN_CRITICAL_CHUNK');
});
