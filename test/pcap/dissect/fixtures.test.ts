// fixtures/*.segments.tsv are what make-fixtures.sh makes: run again with the tshark here (4.0, as
// they were made) into a temporary folder, every file is the same.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TSHARK_40 } from '../../support/capture-fixtures.js';
import { CAPTURES, SEGMENTS } from './support.js';

describe.skipIf(!TSHARK_40)('the segment fixtures', () => {
  it('make-fixtures.sh makes them again, byte for byte', () => {
    const out = mkdtempSync(join(tmpdir(), 'stride-segments-'));
    try {
      execFileSync(join(SEGMENTS, 'make-fixtures.sh'), [out], { stdio: 'pipe' });
      const made = readdirSync(out).sort();
      expect(made).toEqual(
        Object.keys(CAPTURES)
          .map((c) => `${c}.segments.tsv`)
          .sort(),
      );
      for (const file of made)
        expect(readFileSync(join(out, file), 'utf8'), file).toBe(readFileSync(join(SEGMENTS, file), 'utf8'));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
