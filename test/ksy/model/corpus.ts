/**
 * Kaitai Struct's test suite (test/ksy/kaitai-tests) as the model tests read it: every .ksy it has,
 * and the import lookup its imports need — relative imports from the importing file's directory,
 * absolute ones from `ks_path`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type KsyFile, parseKsy } from '../../../packages/ksy/src/model/index.js';
import type { ImportLookup } from '../../../packages/ksy/src/model/resolve.js';

export const KAITAI_TESTS = join(dirname(fileURLToPath(import.meta.url)), '../kaitai-tests');
export const FORMATS = join(KAITAI_TESTS, 'formats');
/** The import path absolute imports (`/for_abs_imports/…`) start from. */
export const KS_PATH = join(FORMATS, 'ks_path');

/** Every .ksy under `formats`, as paths relative to it without `.ksy` (`for_rel_imports/imported_1`). */
export function corpusFormats(dir = FORMATS): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return corpusFormats(path);
      return name.endsWith('.ksy') ? [relative(FORMATS, path).slice(0, -'.ksy'.length)] : [];
    });
}

/** A .ksy of the corpus parsed, `file` its name as given. */
export function parseFormat(name: string, file = name): KsyFile {
  return parseKsy(readFileSync(join(FORMATS, `${name}.ksy`), 'utf8'), { file });
}

/** The imports of a main file `main` (a name as `corpusFormats` gives): undefined for a file that is not there. */
export function corpusImports(main: string): ImportLookup {
  return (name) => {
    const path = name.startsWith('/')
      ? join(KS_PATH, `${name}.ksy`)
      : join(FORMATS, dirname(main), `${name}.ksy`);
    return existsSync(path) ? parseKsy(readFileSync(path, 'utf8'), { file: name }) : undefined;
  };
}
