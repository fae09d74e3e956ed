/**
 * The formats the type declaration tests read: corpus ones (of the kinds the brief names: bits,
 * enums, switches, repeats, expressions, imports, params, valid, strings, if, instances) with the
 * input each one's .kst spec decodes, and fixtures/typed.ksy, a value of every kind with its input;
 * loaded with what typeDeclarations needs.
 *
 * `load` gives loadKsy's format plus `types`, the static types of its members. loadKsy does not
 * expose them yet (the change to load.ts is the lead's: its own `shared` as `KsyFormat.types`);
 * until it does they are made here as load.ts makes them, over the same model objects.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type KsyFormat, loadKsy } from '@stride/ksy';
import { parseKst } from '@stride/ksy/kst';
import { paramSymbol } from '../../../packages/ksy/src/compile/generate.js';
import { attrType, scopeOf, type Types } from '../../../packages/ksy/src/compile/scope.js';
import { ANY, compileSource, type KType } from '../../../packages/ksy/src/expr/index.js';
import { parseKsy } from '../../../packages/ksy/src/model/parse.js';
import { type ResolvedFormat, resolveKsy } from '../../../packages/ksy/src/model/resolve.js';
import type { TypeRef } from '../../../packages/ksy/src/model/type-ref.js';
import type { InstanceSpec, TypeSpec } from '../../../packages/ksy/src/model/types.js';
import type { TypedKsyFormat } from '../../../packages/ksy/src/types/declarations.js';

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
export function load(source: string): KsyFormat & TypedKsyFormat {
  const format = loadKsy(source, { imports });
  const resolved = resolveKsy({ top: format.top }, (name) => {
    const text = imports(name);
    return text === undefined ? undefined : parseKsy(text, { file: name });
  });
  return { ...format, types: staticTypes(resolved) };
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

/** load.ts's `shared`: who reads each type (for `_parent`) and the type of each instance. */
function staticTypes(format: ResolvedFormat): Types {
  const readers = new Map<TypeSpec, Set<TypeSpec>>();
  const add = (from: TypeSpec, ref: TypeRef) => {
    if (ref.kind === 'switch') for (const c of ref.cases) add(from, c.type);
    const target = ref.kind === 'user' ? format.userType(ref) : undefined;
    if (target) readers.set(target, (readers.get(target) ?? new Set()).add(from));
  };
  for (const file of new Set(format.files.values()))
    for (const t of allTypes(file.top))
      for (const a of [...t.seq, ...t.instances]) if (a.kind !== 'value') add(t, a.type);

  const known = new Map<InstanceSpec, KType>();
  const compiling = new Set<InstanceSpec>();
  const types: Types = {
    format,
    readers,
    ref: () => 'X[0]',
    paramSymbol,
    instanceType(t, id) {
      const inst = t.instances.find((i) => i.id === id);
      if (inst === undefined || compiling.has(inst)) return ANY;
      let type = known.get(inst);
      if (type) return type;
      compiling.add(inst);
      try {
        if (inst.kind === 'parse') type = attrType(types, t, inst);
        else {
          const value = compileSource(inst.value.source, scopeOf(types, t, {}, '$rt')).type;
          const e = inst.enum && format.enumOf(inst);
          type = e && value.kind === 'int' ? { kind: 'enum', path: e.fullName, int: value } : value;
        }
        known.set(inst, type);
        return type;
      } finally {
        compiling.delete(inst);
      }
    },
  };
  return types;
}

function* allTypes(type: TypeSpec): Generator<TypeSpec> {
  yield type;
  for (const t of type.types) yield* allTypes(t);
}
