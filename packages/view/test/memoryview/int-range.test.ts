// Every integer format refuses values past its range at both ends with CPython's ValueError, and
// writes nothing (CPython's pack_single: `memoryview: invalid value for format 'l'`).
import { memoryview, ValueError } from '@stride/view';
import { describe, expect, it } from 'vitest';

/** [code, bytes with a byte-order prefix (standard size), bytes without (native, LP64)] */
const CODES: [string, number, number][] = [
  ['b', 1, 1],
  ['B', 1, 1],
  ['h', 2, 2],
  ['H', 2, 2],
  ['i', 4, 4],
  ['I', 4, 4],
  ['l', 4, 8],
  ['L', 4, 8],
  ['q', 8, 8],
  ['Q', 8, 8],
  ['n', 0, 8],
  ['N', 0, 8],
];

const formats = CODES.flatMap(([code, standard, native]) => [
  { format: code, size: native },
  { format: `@${code}`, size: native },
  ...(standard === 0 ? [] : ['<', '>', '=', '!'].map((p) => ({ format: `${p}${code}`, size: standard }))),
]);

describe('integer formats', () => {
  for (const { format, size } of formats) {
    const signed = format.at(-1) === format.at(-1)?.toLowerCase();
    const bits = BigInt(size * 8);
    const min = signed ? -(1n << (bits - 1n)) : 0n;
    const max = signed ? (1n << (bits - 1n)) - 1n : (1n << bits) - 1n;
    /** The value as the view gives it back: a bigint for 8-byte items, else a number. */
    const item = (v: bigint) => (size === 8 ? v : Number(v));

    it(`'${format}' holds [${min}, ${max}] and refuses one past either end`, () => {
      const bytes = new Uint8Array(size);
      const m = memoryview(bytes, { format });
      for (const v of [min, max]) {
        m.set(0, v);
        expect(m.get(0)).toBe(item(v));
      }
      const error = new ValueError(`memoryview: invalid value for format '${format.replace(/^@/, '')}'`);
      for (const v of [min - 1n, max + 1n, min - (1n << 64n), max + (1n << 64n)]) {
        bytes.fill(0xa5);
        expect(() => m.set(0, v)).toThrow(error);
        if (size < 8) expect(() => m.set(0, Number(v))).toThrow(error);
        expect(bytes.every((b) => b === 0xa5)).toBe(true);
      }
    });
  }
});
