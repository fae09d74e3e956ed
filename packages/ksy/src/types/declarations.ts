/**
 * typeDeclarations: the text of a `.d.ts` module that describes what a loaded .ksy decodes to (what
 * `stride ksy types` writes), so that `loadKsy<Top>(…).decode(bytes)` is typed.
 *
 * - One exported interface per type of every file loaded (imports too), named by its full name in
 *   PascalCase joined by `_` (`top::child` → `Top_Child`): flat names, so that no nested name can
 *   shadow another type's. A name taken twice gets a number (`Top_Animal2`).
 * - Seq fields in seq order, then instances, all `readonly`, with their `doc` as `/** *\/`. A field
 *   with `if` is `T | undefined` (the property is always there); params are no fields and are left out.
 * - Values as decoded: u1..u4, s1..s4, b2..b32 and floats `number`; u8, s8 and b33..b64 `bigint`; b1
 *   `boolean`; str `string`; bytes `Uint8Array`; `repeat` a readonly array; a switch the union of its
 *   cases (`Uint8Array` when a sized one matches none, `undefined` when an unsized one does). A value
 *   instance has its expression's static type: an integer that may leave the safe range is
 *   `number | bigint`.
 * - An enum is the union of its values (`export type Animal = 4 | 7 | 12`), with a declared constant
 *   of its members (`export declare const Animal: { readonly dog: 4; … }`) so that
 *   `obj.pet === Animal.dog` type-checks and narrows. The constant is a declaration only: the module
 *   has no JavaScript, so a value import needs one (the members are in the model's `enums`). Values
 *   are numbers, or bigints (`4n`) for an enum only read with 64-bit bases; a field read the other
 *   way has the literals (`4n | 7n | 12n`). A value outside the enum, which Kaitai keeps, is not in
 *   the type.
 * - The main file's top type is also the module's `default`, and `options.name` when given.
 */

import { sized } from '../compile/generate.js';
import type { KsyFormat } from '../compile/load.js';
import { attrType } from '../compile/scope.js';
import type { KType } from '../expr/types.js';
import type { AttrSpec, Doc, EnumSpec, TypeSpec } from '../model/types.js';

export interface TypeDeclarationsOptions {
  /** Another name for the top type (an alias exported beside it). */
  readonly name?: string;
}

/** What the declarations read of a loaded format: its model and the static types of its members. */
export type TypedKsyFormat = Pick<KsyFormat, 'top' | 'types'>;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function* allTypes(type: TypeSpec): Generator<TypeSpec> {
  yield type;
  for (const t of type.types) yield* allTypes(t);
}

const pascal = (id: string): string =>
  id
    .split('_')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

/** A `/** *\/` comment of a doc (and doc-ref as `@see`), indented; none when there is nothing to say. */
function comment(doc: Doc, indent: string): string[] {
  const text = [...(doc.doc?.trimEnd().split('\n') ?? []), ...doc.docRef.map((r) => `@see ${r}`)];
  if (text.length === 0) return [];
  const safe = text.map((line) => line.replace(/\*\//g, '*\\/').trimEnd());
  if (safe.length === 1) return [`${indent}/** ${safe[0]} */`];
  return [
    `${indent}/**`,
    ...safe.map((line) => `${indent} *${line === '' ? '' : ` ${line}`}`),
    `${indent} */`,
  ];
}

const union = (parts: readonly string[]): string => [...new Set(parts)].join(' | ');
const literal = (v: number | bigint, big: boolean): string =>
  big || typeof v === 'bigint' ? `${v}n` : `${v}`;

export function typeDeclarations(format: TypedKsyFormat, options: TypeDeclarationsOptions = {}): string {
  const { types } = format;
  const all = [...new Set(types.format.files.values())].flatMap((file) => [...allTypes(file.top)]);
  const enums = all.flatMap((t) => t.enums);

  // Names: flat, unique, never a global the declarations use.
  const taken = new Set(['Uint8Array']);
  const unique = (base: string): string => {
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
    taken.add(name);
    return name;
  };
  const typeNames = new Map(all.map((t) => [t, unique(t.fullName.map(pascal).join('_'))]));
  const enumNames = new Map(
    enums.map((e) => [e.fullName.join('::'), { e, name: unique(e.fullName.map(pascal).join('_')) }]),
  );

  // How each enum is read (a 64-bit base or not), and those declared with bigint values: the ones
  // only ever read with a 64-bit base.
  const uses = new Map<string, Set<boolean>>();
  let bigints = new Set<string>();
  /** An enum's values: its type's name, or the literals when it is declared in the other representation. */
  const enumTs = (path: readonly string[], bigint: boolean | 'maybe'): string => {
    const key = path.join('::');
    const found = enumNames.get(key);
    if (found === undefined) return 'never';
    if (!uses.has(key)) uses.set(key, new Set());
    uses.get(key)?.add(bigint === true);
    const big = bigints.has(key);
    const other = union(found.e.members.map((m) => literal(m.value, !big)));
    if (bigint === 'maybe') return `${found.name} | ${other}`;
    return bigint === big ? found.name : other;
  };

  /** A static type as TypeScript: `read` for what a field reads, `computed` for an expression's value. */
  const ts = (k: KType, mode: 'read' | 'computed'): string => {
    switch (k.kind) {
      case 'int':
        return k.int64 ? (mode === 'read' ? 'bigint' : 'number | bigint') : 'number';
      case 'enum':
        return enumTs(k.path, !k.int.int64 ? false : mode === 'read' ? true : 'maybe');
      case 'float':
        return 'number';
      case 'bool':
        return 'boolean';
      case 'str':
        return 'string';
      case 'bytes':
        return 'Uint8Array';
      case 'user':
        return typeNames.get(k.ref as TypeSpec) ?? 'object';
      case 'struct':
        return 'object';
      case 'array': {
        const of = ts(k.of, mode);
        return `readonly ${of.includes(' ') ? `(${of})` : of}[]`;
      }
      case 'io':
      case 'any':
        return 'unknown';
    }
  };

  /** What a seq field or parse instance holds. */
  const attrTs = (t: TypeSpec, a: AttrSpec): string => {
    if (a.type.kind !== 'switch') return ts(attrType(types, t, a), 'read');
    const cases = a.type.cases.map((c) =>
      ts(attrType(types, t, { ...a, type: c.type, repeat: undefined }), 'read'),
    );
    // No case matched: the bytes of a sized field, else nothing.
    if (!a.type.cases.some((c) => c.match === '_')) cases.push(sized(a) ? 'Uint8Array' : 'undefined');
    const one = union(cases);
    return a.repeat ? `readonly (${one})[]` : one;
  };

  const member = (doc: Doc, id: string, type: string, optional: boolean): string[] => [
    ...comment(doc, '  '),
    `  readonly ${id}: ${optional && !type.split(' | ').includes('undefined') ? `${type} | undefined` : type};`,
  ];

  const interfaces = (): string[] =>
    all.flatMap((t) => {
      const members = [
        ...t.seq.flatMap((a) => member(a.doc, a.id, attrTs(t, a), a.if !== undefined)),
        ...t.instances.flatMap((i) => {
          const type = i.kind === 'value' ? ts(types.instanceType(t, i.id), 'computed') : attrTs(t, i);
          return member(i.doc, i.id, type, i.if !== undefined);
        }),
      ];
      const head = `export interface ${typeNames.get(t)} {`;
      return ['', ...comment(t.doc, ''), ...(members.length === 0 ? [`${head}}`] : [head, ...members, '}'])];
    });
  // Once to see how each enum is read, then with each one in the representation its fields have.
  interfaces();
  bigints = new Set([...uses].filter(([, big]) => !big.has(false)).map(([key]) => key));
  const out = [
    `// The values @stride/ksy decodes with \`${format.top.name}\` (generated by typeDeclarations: do not edit).`,
    ...interfaces(),
  ];
  for (const { e, name } of enumNames.values())
    out.push('', ...enumDeclaration(e, name, bigints.has(e.fullName.join('::'))));

  const top = typeNames.get(format.top) as string;
  out.push('', `export type { ${top} as default };`);
  const alias = options.name;
  if (alias !== undefined && alias !== top) {
    if (!IDENTIFIER.test(alias) || taken.has(alias))
      throw new RangeError(`typeDeclarations: \`${alias}\` is no free identifier for the top type`);
    out.push(`export type ${alias} = ${top};`);
  }
  return `${out.join('\n')}\n`;
}

/** An enum: the union of its values, and the declared constant of its members. */
function enumDeclaration(e: EnumSpec, name: string, bigint: boolean): string[] {
  const values = e.members.map((m) => literal(m.value, bigint));
  return [
    `/** The values of enum \`${e.fullName.join('::')}\` (its members: \`${name}.<id>\`). */`,
    `export type ${name} = ${values.length === 0 ? 'never' : union(values)};`,
    `export declare const ${name}: {`,
    ...e.members.flatMap((m, k) => [...comment(m.doc, '  '), `  readonly ${m.id}: ${values[k]};`]),
    '};',
  ];
}
