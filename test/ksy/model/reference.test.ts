// The model's verdicts against Kaitai's reference compiler (kaitai-struct-compiler 0.11, through
// bench/workloads/ksy-kaitai.ts): every source the model refuses, the compiler refuses too; the
// sources it accepts here, the compiler accepts. Two deliberate differences: `doc` and `doc-ref` in
// `meta`, which the model ignores and the compiler refuses; and one enum value written twice
// (`'1'` and `0x1`), which the model refuses and the compiler takes, keeping the last member only.
import { describe, expect, test } from 'vitest';
import { kaitaiClass } from '../../../bench/workloads/ksy-kaitai.js';
import { parseKsy, resolveKsy } from '../../../packages/ksy/src/model/index.js';
import { FAULTS, oneField } from './faults.js';

const none = (): undefined => undefined;
const STRICTER = new Set(['a value twice']);

const ACCEPTED: readonly (readonly [string, string])[] = [
  ['keys starting with -', 'meta:\n  id: a\n  -x: 1\n-y: [1]\nseq:\n  - id: b\n    type: u1\n    -z: {}\n'],
  ['an integer under a fixed meta/endian', oneField('id: a\ntype: u4')],
  ['contents mixing bytes and strings', oneField('id: a\ncontents: ["0x12", "ab", 18, -1]')],
  [
    'a sized switch without its else case',
    oneField('id: a\nsize: 4\ntype:\n  switch-on: 1\n  cases:\n    1: u2'),
  ],
  ['strz with a terminator of its own', oneField('id: a\ntype: strz\nencoding: UTF-16LE\nterminator: 0x40')],
  ['an instance with an id key', 'meta:\n  id: a\ninstances:\n  i:\n    id: i\n    pos: 0\n    type: u1\n'],
  ['an enum on a bit field', `${oneField('id: a\ntype: b3\nenum: e')}enums:\n  e:\n    0x1: one\n`],
];

describe('the reference compiler agrees', () => {
  test.each(FAULTS.filter(([name]) => !STRICTER.has(name)))('it refuses too: %s', async (_, source) => {
    expect(() => resolveKsy(parseKsy(source), none)).toThrow();
    await expect(kaitaiClass(source)).rejects.toBeDefined();
  });

  test.each(ACCEPTED)('both accept: %s', async (_, source) => {
    expect(() => resolveKsy(parseKsy(source), none)).not.toThrow();
    await expect(kaitaiClass(source)).resolves.toBeTypeOf('function');
  });

  test('an enum value twice: refused here, the last member kept by the compiler', async () => {
    const source = "meta:\n  id: a\nenums:\n  e:\n    '1': one\n    0x1: uno\n";
    expect(() => parseKsy(source)).toThrow(/given twice/);
    await expect(kaitaiClass(source)).resolves.toBeTypeOf('function');
  });

  test('doc in meta: ignored here, refused by the compiler', async () => {
    const source = 'meta:\n  id: a\n  doc: text\n';
    expect(parseKsy(source).top.name).toBe('a');
    await expect(kaitaiClass(source)).rejects.toBeDefined();
  });
});
