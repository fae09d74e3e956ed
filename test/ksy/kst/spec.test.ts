// Kaitai's .kst specs as parseKst reads them: all 320 of the suite, each assert's expressions as
// their source text (numbers as written), whole-parse exceptions with their kind and message, and
// the faults of a spec that is not one.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KsyError } from '@stride/ksy';
import { parseKst } from '@stride/ksy/kst';
import { describe, expect, it } from 'vitest';

const SPECS = join(import.meta.dirname, '../kaitai-tests/spec/ks');
const read = (name: string) => parseKst(readFileSync(join(SPECS, name), 'utf8'), name);

describe('parseKst', () => {
  it('reads every spec of the suite', () => {
    const specs = readdirSync(SPECS).map(read);
    expect(specs).toHaveLength(320);
    expect(specs.reduce((n, s) => n + s.asserts.length, 0)).toBe(1418);
    expect(specs.filter((s) => s.exception !== undefined)).toHaveLength(34);
    for (const s of specs) expect(s.id.length).toBeGreaterThan(0);
  });

  it('keeps expressions as written', () => {
    const s = read('bits_simple.kst');
    expect(s).toMatchObject({ id: 'bits_simple', data: 'fixed_struct.bin', imports: [] });
    expect(s.asserts).toContainEqual({ actual: 'byte_20_to_27', expected: '0xFFFFFFFFFFFFFFFF' });
    expect(s.asserts).toContainEqual({ actual: 'bits_b', expected: '0b100' });
    expect(read('enum_import_seq.kst').imports).toEqual(['enum_0', 'enum_deep']);
  });

  it('reads exceptions of the whole parse and of one assert', () => {
    expect(read('eof_exception_u4.kst').exception).toEqual({
      type: 'EndOfStreamError',
      message: 'requested 4 bytes, but only 3 bytes available',
    });
    expect(read('valid_fail_anyof_int.kst').exception).toEqual({
      type: 'ValidationNotAnyOfError',
      typeArgument: 'u1',
    });
    expect(read('expr_to_i_trailing.kst').asserts[0]).toEqual({
      actual: 'to_i_r10',
      exception: { type: 'ConversionError' },
    });
  });

  it('refuses what is not a spec', () => {
    expect(() => parseKst('id: [')).toThrow(KsyError);
    expect(() => parseKst('- 1')).toThrow(expect.objectContaining({ code: 'BAD_YAML' }));
    expect(() => parseKst('id: x')).toThrow(expect.objectContaining({ code: 'MISSING_KEY' }));
    expect(() => parseKst('id: x\ndata: y\nexception: {}')).toThrow(
      expect.objectContaining({ code: 'BAD_KEY' }),
    );
  });
});
