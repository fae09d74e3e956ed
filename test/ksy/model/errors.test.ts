// Faults in a .ksy: each a KsyError with its stable code, the YAML path of the key at fault and the
// line and column it starts at (the file too when the .ksy was imported). The faulty sources are
// in faults.ts.
import { describe, expect, test } from 'vitest';
import { KsyError } from '../../../packages/ksy/src/errors.js';
import { type KsyFile, parseKsy, resolveKsy } from '../../../packages/ksy/src/model/index.js';
import { thrownBy } from '../../support/thrown.js';
import { FAULTS, oneField } from './faults.js';

const none = (): undefined => undefined;

const faultOf = (run: () => unknown): KsyError => thrownBy(KsyError, run);

describe('faults', () => {
  test.each(FAULTS)('%s', (_, source, fault) => {
    const e = faultOf(() => resolveKsy(parseKsy(source), none));
    expect({ code: e.code, path: e.path, line: e.line, column: e.column }).toEqual({
      code: fault.code,
      path: fault.path,
      line: fault.line,
      column: fault.column,
    });
    if (fault.message) expect(e.message).toMatch(fault.message);
  });

  test('a fault in an imported file names the file', () => {
    const main = parseKsy('meta:\n  id: m\n  imports: [sub/other]\nseq:\n  - id: a\n    type: other\n');
    const other = parseKsy(oneField('id: a\ntype: missing').replace('id: t', 'id: other'), {
      file: 'sub/other',
    });
    const lookup = (name: string): KsyFile | undefined => (name === 'sub/other' ? other : undefined);
    const e = faultOf(() => resolveKsy(main, lookup));
    expect([e.code, e.file, e.line, e.path]).toEqual(['UNKNOWN_NAME', 'sub/other', 5, ['seq', 0, 'type']]);
    expect(e.message).toContain('sub/other');
  });
});

describe('not faults', () => {
  test('keys starting with - anywhere, doc keys in meta', () => {
    expect(parseKsy('meta:\n  id: a\n  -x: 1\n  doc: text\n-y: [1]\n').top.name).toBe('a');
  });

  test('an integer without a suffix under a fixed meta/endian', () => {
    expect(parseKsy(oneField('id: a\ntype: u4')).top.seq[0]?.type).toEqual({
      kind: 'int',
      width: 4,
      signed: false,
      endian: 'le',
    });
  });

  test('with ks-opaque-types, an unknown type is external', () => {
    const format = resolveKsy(parseKsy(oneField('id: a\ntype: outside', 'ks-opaque-types: true')), none);
    const [a] = format.top.seq;
    expect(a?.type.kind === 'user' && format.userType(a.type)).toBeUndefined();
  });
});
