/**
 * `stride ksy kst SPEC_DIR FORMATS_DIR SRC_DIR [--json]`: runs a directory of Kaitai Struct's
 * .kst test specs (@stride/ksy/kst's runKstDir: each spec's format from FORMATS_DIR, its input
 * from SRC_DIR) and prints a line per spec that failed or was skipped, then the counts; or, with
 * --json, exactly `{"passed", "failed", "skipped", "results": [{"id", "ok", "message"}]}`, which
 * checks outside the repository read. Exit status 0 none failed, 1 some failed, 2 usage or a
 * .kst that is not a spec.
 */
import { statSync } from 'node:fs';
import { KsyError } from '@stride/ksy';
import { type KstReport, runKstDir } from '@stride/ksy/kst';
import { reason } from '../input.js';
import { type CommandIo, EXIT_INVALID, EXIT_OK, EXIT_USAGE, UsageError } from '../io.js';
import { clip } from '../text.js';
import { parseOperands } from './args.js';

export const kstUsage = 'usage: stride ksy kst [--json] SPEC_DIR FORMATS_DIR SRC_DIR';

export const kstHelp = `${kstUsage}

Runs Kaitai Struct's test specs: every .kst file of SPEC_DIR, its format read from FORMATS_DIR
(imports too; absolute ones from FORMATS_DIR/ks_path) and its input from SRC_DIR; each assert's
expressions evaluated on the decoded object, or the error a spec expects checked by Kaitai's kind.

  --json         print one JSON document:
                 {"passed": N, "failed": N, "skipped": N,
                  "results": [{"id": "...", "ok": true|false, "message": "..."}]}
                 (message empty when ok; results in the specs' file name order)
  -h, --help     print this help

Exit status: 0 no spec failed, 1 some failed, 2 usage error, a directory that cannot be read or
a .kst file that is not a spec, 3 the output could not be written.
`;

/** Characters of a failure's message on its line. */
const SHOWN_MESSAGE = 300;

export async function kst(args: readonly string[], io: CommandIo): Promise<number> {
  let json = false;
  const operands = parseOperands(args, ['SPEC_DIR', 'FORMATS_DIR', 'SRC_DIR'], kstUsage, (name) => {
    if (name !== '--json') return false;
    json = true;
    return true;
  });
  if (operands === undefined) {
    io.stdout.write(kstHelp);
    return EXIT_OK;
  }
  for (const dir of operands) {
    let isDir: boolean;
    try {
      isDir = statSync(dir).isDirectory();
    } catch (e) {
      throw new UsageError(`cannot read ${dir}: ${reason(e)}`, kstUsage);
    }
    if (!isDir) throw new UsageError(`${dir} is not a directory`, kstUsage);
  }
  const [specs, formats, src] = operands as [string, string, string];
  let report: KstReport;
  try {
    report = runKstDir({ specs, formats, src });
  } catch (e) {
    if (!(e instanceof KsyError)) throw e;
    io.stderr.write(`stride: ${specs}: a spec that is not one: ${clip(e.message, SHOWN_MESSAGE)}\n`);
    return EXIT_USAGE;
  }
  if (json) {
    const { passed, failed, skipped } = report;
    const results = report.results.map(({ id, ok, message }) => ({ id, ok, message }));
    io.stdout.write(`${JSON.stringify({ passed, failed, skipped, results })}\n`);
  } else {
    for (const r of report.results)
      if (!r.ok)
        io.stdout.write(`${r.skipped ? 'skipped' : 'failed'} ${r.id}: ${clip(r.message, SHOWN_MESSAGE)}\n`);
    io.stdout.write(`${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped\n`);
  }
  return report.failed === 0 ? EXIT_OK : EXIT_INVALID;
}
