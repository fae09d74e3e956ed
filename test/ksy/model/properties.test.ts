// Properties of the model over generated .ksy text: enum values exact to 64 bits whatever the radix,
// number-valued expressions kept as their source text, argument lists split at their top-level commas.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { splitArgs } from '../../../packages/ksy/src/model/args.js';
import { importName, parseKsy } from '../../../packages/ksy/src/model/index.js';

const int64 = fc.bigInt({ min: -(1n << 63n), max: (1n << 64n) - 1n });

/** `n` written in one of the radixes YAML and Kaitai accept. */
const literal = fc.tuple(int64, fc.constantFrom(10, 16, 8, 2)).map(([n, radix]) => {
  const prefix = { 10: '', 16: '0x', 8: '0o', 2: '0b' }[radix] ?? '';
  return [n, `${n < 0n ? '-' : ''}${prefix}${(n < 0n ? -n : n).toString(radix)}`] as const;
});

describe('the model over generated .ksy', () => {
  test('an enum key is its exact value: a number when safe, else a bigint', () => {
    fc.assert(
      fc.property(literal, ([n, text]) => {
        const file = parseKsy(`meta:\n  id: t\nenums:\n  e:\n    ${text}: m\n`);
        const value = file.top.enums[0]?.members[0]?.value;
        expect(BigInt(value ?? Number.NaN)).toBe(n);
        expect(typeof value).toBe(
          Number.isSafeInteger(Number(n)) && BigInt(Number(n)) === n ? 'number' : 'bigint',
        );
      }),
    );
  });

  test('a number where an expression stands is its source text', () => {
    fc.assert(
      fc.property(literal, ([, text]) => {
        const file = parseKsy(`meta:\n  id: t\nseq:\n  - id: a\n    size: ${text}\n`);
        expect(file.top.seq[0]?.size?.source).toBe(text);
      }),
    );
  });

  test('argument lists split at their top-level commas only', () => {
    const leaf = fc.oneof(
      fc.integer().map(String),
      fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/),
      fc
        .string({ unit: fc.constantFrom('a', ',', '(', ']', "'", ' ') })
        .map((s) => `"${s.replaceAll("'", "\\'")}"`),
      fc
        .string({ unit: fc.constantFrom('b', ',', ')', '[', '"', ' ') })
        .map((s) => `'${s.replaceAll("'", '')}'`),
    );
    const arg = fc.letrec<{ arg: string }>((tie) => ({
      arg: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.array(tie('arg'), { maxLength: 3 }).map((xs) => `[${xs.join(', ')}]`),
        fc
          .tuple(fc.stringMatching(/^[a-z]{1,4}$/), fc.array(tie('arg'), { maxLength: 3 }))
          .map(([f, xs]) => `${f}(${xs.join(',')})`),
      ),
    })).arg;
    fc.assert(
      fc.property(fc.array(arg, { maxLength: 5 }), fc.constantFrom(',', ', ', ' , '), (args, comma) => {
        expect(splitArgs(args.join(comma))).toEqual(args);
      }),
    );
  });

  test('an import name never keeps `.` or empty segments, and an absolute one stays absolute', () => {
    const segment = fc.constantFrom('a', 'b', '.', '..', '');
    const path = fc
      .array(segment, { minLength: 1, maxLength: 5 })
      .map((xs) => xs.join('/').replace(/^\/+/, ''));
    fc.assert(
      fc.property(path, fc.boolean(), path, fc.boolean(), (name, nameAbsolute, from, fromAbsolute) => {
        const joined = importName(`${nameAbsolute ? '/' : ''}${name}`, `${fromAbsolute ? '/' : ''}${from}`);
        expect(joined.startsWith('/')).toBe(nameAbsolute || fromAbsolute);
        const parts = joined.replace(/^\//, '').split('/');
        expect(parts.filter((p) => p === '.' || (p === '' && joined !== '/' && joined !== ''))).toEqual([]);
        if (nameAbsolute || fromAbsolute) expect(parts).not.toContain('..');
      }),
    );
  });
});
