/** `misplacedCritical: 'warn'`: a critical chunk out of place is a warning of the same code, and the read goes on. */
import { DecodeError } from '@stride/codec';
import { type PngEvent, PngReader, type PngReadOptions } from '@stride/png';
import { describe, expect, it } from 'vitest';
import { idat, iend, ihdr, png, type Spec, u32s } from '../read/build.js';

function read(bytes: Uint8Array, options: PngReadOptions) {
  const events: PngEvent[] = [];
  const reader = new PngReader(options, (e) => events.push(e));
  let error: DecodeError | undefined;
  try {
    reader.push(bytes);
    reader.end();
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    error = e;
  }
  return {
    error,
    warnings: events.flatMap((e) => (e.kind === 'warning' ? [[e.code, e.offset]] : [])),
    types: events.flatMap((e) => (e.kind === 'chunk' ? [e.type] : [])),
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
    expect(read(bytes, {}).error).toMatchObject({ code, offset });
  });

  it("is a warning of that code with misplacedCritical: 'warn', and every chunk is read", () => {
    const { error, warnings, types } = read(bytes, { misplacedCritical: 'warn' });
    expect(error).toBeUndefined();
    expect(warnings).toEqual([[code, offset]]); // once, even for a second IDAT of an indexed image
    expect(types).toEqual(specs.map(([t]) => t));
  });
});

it("misplacedCritical: 'warn' leaves other errors errors", () => {
  const badDepth = png(ihdr(2, 2, 3, 2), idat(), iend);
  expect(read(badDepth, { misplacedCritical: 'warn' }).error?.code).toBe('IHDR_BAD_BIT_DEPTH');
  const unknown = png(ihdr(), ['CUST', [1]], idat(), iend);
  expect(read(unknown, { misplacedCritical: 'warn' }).error?.code).toBe('UNKNOWN_CRITICAL_CHUNK');
});
