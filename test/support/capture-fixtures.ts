// The capture fixtures' make-fixtures.sh (test/redis/fixtures, test/mqtt/fixtures), run again by
// their fixtures.test.ts: which tshark is here, and a fresh run of a folder's script on its committed
// capture in a temporary folder, compared file by file with the committed files.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';

/** tshark's version line, '' when there is no tshark. */
const version = (() => {
  try {
    return execFileSync('tshark', ['--version'], { encoding: 'utf8', stdio: 'pipe' }).split('\n')[0] ?? '';
  } catch {
    return '';
  }
})();

/** The fixtures were made with tshark 4.0: other versions may show the same packets with other fields. */
export const TSHARK_40 = /^TShark \(Wireshark\) 4\.0\./.test(version);

/**
 * Runs `fixtures`make-fixtures.sh on the committed capture (a file of that folder) into a temporary
 * folder and expects the same files as the folder's (but README.md and the script), byte for byte.
 */
export function expectFixturesRemade(fixtures: string, capture: string): void {
  const out = mkdtempSync(join(tmpdir(), 'stride-fixtures-'));
  try {
    execFileSync(join(fixtures, 'make-fixtures.sh'), [join(fixtures, capture), out], { stdio: 'pipe' });
    const made = readdirSync(out).sort();
    expect(made).toEqual(
      readdirSync(fixtures)
        .filter((f) => f !== 'README.md' && f !== 'make-fixtures.sh')
        .sort(),
    );
    for (const file of made) {
      expect(readFileSync(join(out, file)).equals(readFileSync(join(fixtures, file))), file).toBe(true);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
