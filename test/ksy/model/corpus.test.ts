// Every .ksy of Kaitai's test suite parses and resolves, with its imports, to a model. No .kst spec
// of the suite expects a compile error, so the one failure is a format whose import is not in the
// suite: imports_abs names /common/vlq_base128_le, a format of Kaitai's gallery.
import { describe, expect, test } from 'vitest';
import { KsyError } from '../../../packages/ksy/src/errors.js';
import { resolveKsy } from '../../../packages/ksy/src/model/index.js';
import { corpusFormats, corpusImports, parseFormat } from './corpus.js';

const NOT_IN_CORPUS: Readonly<Record<string, string>> = { imports_abs: '/common/vlq_base128_le' };
const formats = corpusFormats();

describe('the Kaitai test suite formats', () => {
  test('are all there', () => {
    expect(formats.length).toBeGreaterThanOrEqual(339);
    expect(formats).toContain('ks_path/for_abs_imports/imported_and_rel');
  });

  test.each(formats.filter((f) => !(f in NOT_IN_CORPUS)))('%s parses and resolves', (name) => {
    const file = parseFormat(name);
    const format = resolveKsy(file, corpusImports(name));
    expect(format.top.name).toBe(file.top.meta.id);
  });

  test.each(Object.entries(NOT_IN_CORPUS))('%s: its import %s is not in the suite', (name, missing) => {
    const run = () => resolveKsy(parseFormat(name), corpusImports(name));
    expect(run).toThrow(KsyError);
    expect(run).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_NAME', path: ['meta', 'imports', 0], line: 4, column: 7 }),
    );
    expect(run).toThrow(missing);
  });
});
