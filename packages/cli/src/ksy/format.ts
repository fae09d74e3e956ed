/**
 * A .ksy file loaded for `stride ksy decode` and `stride ksy types`: its imports are read from
 * files, the Kaitai way, from the .ksy's own directory. Kaitai names a relative import from the
 * importing file's directory (loadKsy passes it on as a name relative to the main file's:
 * `for_rel_imports/imported_2`); an absolute one (`/common/vlq_base128_le`), which Kaitai looks
 * for in its import paths, is looked for under the main .ksy's directory too.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { KsyError, type KsyFormat, loadKsy } from '@stride/ksy';
import { reason } from '../input.js';
import { type CommandIo, UsageError } from '../io.js';
import { clip } from '../text.js';

/** Characters of a KsyError's message shown (KsyError keeps at most 400). */
const MAX_MESSAGE = 400;

/**
 * The description in `file`, or undefined after a line on stderr when it is not a valid one (a
 * KsyError: bad YAML, an unknown key or type, an import not found …). A file that cannot be read
 * is a UsageError.
 */
export async function loadFormat(file: string, io: CommandIo, usage: string): Promise<KsyFormat | undefined> {
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${reason(e)}`, usage);
  }
  const dir = dirname(file);
  const imports = (name: string): string | undefined => {
    try {
      return readFileSync(join(dir, `${name.replace(/^\//, '')}.ksy`), 'utf8');
    } catch {
      return undefined;
    }
  };
  try {
    return loadKsy(source, { imports });
  } catch (e) {
    if (!(e instanceof KsyError)) throw e;
    // One line: a YAML fault's message spans several.
    io.stderr.write(`stride: ${file}: not a valid description: ${e.code}: ${clip(e.message, MAX_MESSAGE)}\n`);
    return undefined;
  }
}
