// Kaitai's whole test suite run by runKstDir, as `stride ksy kst` runs it: at least 313 of its 320
// specs pass, and the ones that do not are known (a spec newly failing, or newly passing, shows
// here). Then the same specs with their input as a stream of records cut into pieces down to one
// byte: every spec whose format reads as a record (its first record, given the whole input at once,
// passes) passes in every chunking too.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseKst, runKst, runKstDir } from '@stride/ksy/kst';
import { describe, expect, it } from 'vitest';
import { FORMATS, KAITAI_TESTS } from '../model/corpus.js';

const SPECS = join(KAITAI_TESTS, 'spec/ks');
const SRC = join(KAITAI_TESTS, 'src');
const dirs = { specs: SPECS, formats: FORMATS, src: SRC };

/** The specs that do not pass, and why. */
const NOT_PASSING: Record<string, string> = {
  process_custom: 'needs the suite’s custom process routine my_custom_fx',
  process_custom_no_args: 'needs the suite’s custom process routine custom_fx_no_args',
  process_repeat_usertype_dynarg_custom: 'needs the custom process routine my_custom_fx',
  process_term_struct: 'needs the custom process routine my_custom_fx',
  opaque_external_type: 'an opaque external type (hello_world) supplied by the test harness',
  type_ternary_opaque: 'an opaque external type (hello_world) supplied by the test harness',
  imports_abs: 'imports /common/vlq_base128_le, a gallery format not in the suite',
};

describe('Kaitai’s test suite', () => {
  const report = runKstDir(dirs);

  it('passes at least 313 of its 320 specs, and fails only the known ones', () => {
    expect(report.results).toHaveLength(320);
    const failing = report.results.filter((r) => !r.ok).map((r) => r.id);
    expect(failing.filter((id) => !(id in NOT_PASSING))).toEqual([]);
    expect(report.passed).toBeGreaterThanOrEqual(313);
    expect(report.passed + report.failed + report.skipped).toBe(320);
  });

  it('gives the same results with the input as records in any chunking', () => {
    let streamable = 0;
    for (const name of readdirSync(SPECS).sort()) {
      const spec = parseKst(readFileSync(join(SPECS, name), 'utf8'), name);
      if (!runKst(spec, dirs, { chunk: 1 << 30 }).ok) continue;
      streamable++;
      for (const chunk of [1, 2, 3, 7, 64])
        expect(runKst(spec, dirs, { chunk }), `${spec.id} in ${chunk}-byte pieces`).toMatchObject({
          ok: true,
        });
    }
    expect(streamable).toBeGreaterThanOrEqual(270);
  });
});
