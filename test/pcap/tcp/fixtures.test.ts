// make-fixtures.sh makes the committed fixtures again when tshark 4.0 is here: synthetic.pcap byte
// for byte, and tshark's streams (follow.json) of it and of every capture in test/pcap/fixtures (each
// has TCP streams; follow.json was made from ../shared/corpus/captures, which they are copies of).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TSHARK_40 } from '../../support/capture-fixtures.js';
import { FIXTURES, readFollow } from './follow.js';

const CAPTURES = join(FIXTURES, '../../fixtures');

describe('fixtures', () => {
  it.skipIf(!TSHARK_40)('make-fixtures.sh makes them again (needs tshark 4.0)', () => {
    const out = mkdtempSync(join(tmpdir(), 'stride-pcap-tcp-'));
    try {
      execFileSync(join(FIXTURES, 'make-fixtures.sh'), [CAPTURES, out], { stdio: 'pipe' });
      expect(
        readFileSync(join(out, 'synthetic.pcap')).equals(readFileSync(join(FIXTURES, 'synthetic.pcap'))),
      ).toBe(true);
      const made = readFollow(out);
      const captures = readdirSync(CAPTURES).filter((f) => /\.pcap(ng)?$/.test(f));
      expect(Object.keys(made).sort()).toEqual([...captures, 'synthetic.pcap'].sort());
      const committed = readFollow();
      for (const [file, streams] of Object.entries(made)) expect(streams, file).toEqual(committed[file]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
