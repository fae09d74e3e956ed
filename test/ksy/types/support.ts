/**
 * The formats the type declaration tests read: corpus ones (of the kinds the brief names: bits,
 * enums, switches, repeats, expressions, imports, params, valid, strings, if, instances) with the
 * input each one's .kst spec decodes, and fixtures/typed.ksy, a value of every kind with its input;
 * loaded (their imports from the corpus).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type KsyFormat, loadKsy } from '@stride/ksy';
import { parseKst } from '@stride/ksy/kst';

const CORPUS = join(import.meta.dirname, '../kaitai-tests');
export const FIXTURES = join(import.meta.dirname, 'fixtures');
const FORMATS = join(CORPUS, 'formats');

const PICKED =
  /^(bits_simple|nav_parent|enum_0|switch_manual_int|repeat_eos_struct|expr_0|str_encodings|if_struct)$|^(imports|params|valid|instance)_/;

/** The formats the tests take, by id (not imports_abs: its import, from Kaitai's gallery, is not in the suite). */
export const FORMAT_IDS: readonly string[] = readdirSync(FORMATS)
  .filter((f) => f.endsWith('.ksy'))
  .map((f) => f.slice(0, -'.ksy'.length))
  .filter((id) => PICKED.test(id) && id !== 'imports_abs')
  .sort();

/** The corpus imports by the name Kaitai resolves them to (absolute ones under `ks_path`). */
function imports(name: string): string | undefined {
  const path = name.startsWith('/')
    ? join(FORMATS, 'ks_path', `${name.slice(1)}.ksy`)
    : join(FORMATS, `${name}.ksy`);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

export const formatSource = (id: string): string => readFileSync(join(FORMATS, `${id}.ksy`), 'utf8');

/** A format loaded (its imports from the corpus), with its static types. */
export function load(source: string): KsyFormat {
  return loadKsy(source, { imports });
}

/** The input the format's .kst spec decodes, when it has a spec that expects no error. */
export function specInput(id: string): Uint8Array | undefined {
  const path = join(CORPUS, 'spec/ks', `${id}.kst`);
  if (!existsSync(path)) return undefined;
  const spec = parseKst(readFileSync(path, 'utf8'), `${id}.kst`);
  return spec.exception ? undefined : new Uint8Array(readFileSync(join(CORPUS, 'src', spec.data)));
}

/** An input of fixtures/typed.ksy (a dog's record, version 2). */
export const TYPED_INPUT = new Uint8Array([
  ...[0x54, 0x59, 2, 0, 0x85], // magic, version, flags: ready, level 5
  ...[1, 2, 3, 4, 5, 6, 7, 8, 1, 0, 0, 0, 0, 0, 0, 0, 4], // big, kind: small, pet: dog
  ...[0, 0, 0xc0, 0x3f, 2, 0x68, 0x69, 2], // ratio 1.5, name "hi", count 2
  ...[1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8, 0, 9], // points, extra, body, scaled
]);
