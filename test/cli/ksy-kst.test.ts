// `stride ksy kst` over Kaitai's whole suite (run once: it takes a few seconds): the --json
// document in exactly the shape checks outside the repository read, the readable summary, the exit
// status; and bad usage.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Outcome, root, scratchFiles, stride } from './helpers.js';

const SUITE = join(root, 'test/ksy/kaitai-tests');
const DIRS = ['spec/ks', 'formats', 'src'].map((d) => join(SUITE, d));
const SPECS = 320;

interface KstDocument {
  passed: number;
  failed: number;
  skipped: number;
  results: { id: string; ok: boolean; message: string }[];
}

describe('stride ksy kst on the suite', () => {
  let json: Outcome;
  let doc: KstDocument;
  beforeAll(async () => {
    json = await stride(['ksy', 'kst', '--json', ...DIRS]);
    doc = JSON.parse(json.stdout) as KstDocument;
  }, 120_000);

  it('--json: exactly {passed, failed, skipped, results: [{id, ok, message}]}, on one line', () => {
    expect(json.stderr).toBe('');
    expect(json.stdout.endsWith('\n')).toBe(true);
    expect(json.stdout.trimEnd().includes('\n')).toBe(false);
    expect(Object.keys(doc)).toEqual(['passed', 'failed', 'skipped', 'results']);
    expect(doc.results).toHaveLength(SPECS);
    for (const r of doc.results) {
      expect(Object.keys(r)).toEqual(['id', 'ok', 'message']);
      expect(typeof r.id).toBe('string');
      expect(typeof r.ok).toBe('boolean');
      expect(typeof r.message).toBe('string');
      expect(r.message === '').toBe(r.ok); // a message exactly when it did not pass
    }
    const ids = doc.results.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toContain('bits_simple');
  });

  it('the counts add up, at least 305 of the 320 specs pass, and the exit status says whether any failed', () => {
    expect(doc.passed + doc.failed + doc.skipped).toBe(SPECS);
    expect(doc.passed).toBe(doc.results.filter((r) => r.ok).length);
    expect(doc.passed).toBeGreaterThanOrEqual(305);
    expect(json.code).toBe(doc.failed === 0 ? 0 : 1);
    expect(doc.results.find((r) => r.id === 'nav_parent')).toEqual({
      id: 'nav_parent',
      ok: true,
      message: '',
    });
  });
});

describe('stride ksy kst on a directory of its own', () => {
  const scratch = scratchFiles('stride-kst-');
  const text = (s: string) => new TextEncoder().encode(s);
  scratch.file('one.ksy', text('meta: {id: one}\nseq:\n  - {id: a, type: u1}\n'));
  scratch.file('one.bin', Uint8Array.of(7));
  scratch.file('good.kst', text('id: one\ndata: one.bin\nasserts:\n  - actual: a\n    expected: 7\n'));
  const dirs = [scratch.dir, scratch.dir, scratch.dir];

  it('all pass: the summary alone, exit 0', async () => {
    const out = await stride(['ksy', 'kst', ...dirs]);
    expect(out).toEqual({ code: 0, stdout: '1 passed, 0 failed, 0 skipped\n', stderr: '' });
  });

  it('a failure: a line for it, then the counts, exit 1 (and --json after the operands)', async () => {
    scratch.file('wrong.kst', text('id: one\ndata: one.bin\nasserts:\n  - actual: a\n    expected: 8\n'));
    const out = await stride(['ksy', 'kst', ...dirs]);
    expect(out.code).toBe(1);
    expect(out.stdout).toBe('failed one: a: expected 8, got 7\n1 passed, 1 failed, 0 skipped\n');
    const json = await stride(['ksy', 'kst', ...dirs, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({
      passed: 1,
      failed: 1,
      skipped: 0,
      results: [
        { id: 'one', ok: true, message: '' },
        { id: 'one', ok: false, message: 'a: expected 8, got 7' },
      ],
    });
  });

  it('a .kst that is not a spec: exit 2, the file and the fault on stderr', async () => {
    const bad = scratchFiles('stride-kst-bad-');
    bad.file('broken.kst', text('id: one\ndata: one.bin\nasserts: [\n'));
    const out = await stride(['ksy', 'kst', bad.dir, scratch.dir, scratch.dir]);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(/^stride: .*: a spec that is not one: .*broken\.kst/);
  });

  it('usage: missing or extra operands, a directory that is not one, unknown option; --help', async () => {
    for (const args of [
      [],
      [scratch.dir, scratch.dir],
      [...dirs, scratch.dir],
      [join(scratch.dir, 'none'), scratch.dir, scratch.dir],
      [scratch.dir, join(scratch.dir, 'one.bin'), scratch.dir],
      ['--verbose', ...dirs],
    ]) {
      const out = await stride(['ksy', 'kst', ...args]);
      expect(out.code, args.join(' ')).toBe(2);
      expect(out.stdout).toBe('');
      expect(out.stderr).toContain('usage: stride ksy kst');
    }
    expect((await stride(['ksy', 'kst', scratch.dir, scratch.dir])).stderr).toContain('missing SRC_DIR');
    expect(
      (await stride(['ksy', 'kst', scratch.dir, join(scratch.dir, 'one.bin'), scratch.dir])).stderr,
    ).toContain('one.bin is not a directory');
    const help = await stride(['ksy', 'kst', '-h']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('"results": [{"id": "...", "ok": true|false, "message": "..."}]');
  });
});
