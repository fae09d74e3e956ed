/**
 * `resolveKsy`: a parsed .ksy with the files it imports (found through the caller's lookup, the
 * Kaitai way: a relative import is joined to the importing file's directory, an absolute one
 * starts from the import path's root), and every user type and enum a field, instance or
 * parameter names looked up with Kaitai's rules: the current type's nested types, then outward
 * through the enclosing types, then the top types of every file loaded (each name of an `a::b::c`
 * path so, from the type the name before it found).
 */
import type { KsyLocation } from '../errors.js';
import type { ParamType, TypeRef, UserTypeRef } from './type-ref.js';
import type { AttrSpec, EnumSpec, KsyFile, ParamSpec, TypeSpec, ValueInstanceSpec } from './types.js';
import { fail } from './yaml-reader.js';

/**
 * Finds an imported file: `name` is the import joined to the importing file's directory and
 * normalized — relative to the main file's directory (`for_rel_imports/imported_2`,
 * `../x`), or absolute from the import path (`/common/vlq_base128_le`).
 */
export type ImportLookup = (name: string, from: KsyFile) => KsyFile | undefined;

/** A user type reference: a field's `type` or a parameter's. */
export type UserTypeName = UserTypeRef | Extract<ParamType, { kind: 'user' }>;

/** Anything that names an enum with `enum:`. */
export type EnumOwner = AttrSpec | ValueInstanceSpec | ParamSpec;

/** A description with its imports loaded and its names resolved. */
export interface ResolvedFormat {
  readonly main: KsyFile;
  /** The main file's top type. */
  readonly top: TypeSpec;
  /** Every file loaded (the main one first), by the name it was looked up under (`''` for the main one). */
  readonly files: ReadonlyMap<string, KsyFile>;
  /** `ks-opaque-types` in the main file: user types that name nothing are external (`userType` undefined). */
  readonly opaqueTypes: boolean;
  /** Kaitai's lookup of a user type name seen from `from`. */
  resolveType(from: TypeSpec, name: readonly string[]): TypeSpec | undefined;
  /** Kaitai's lookup of an enum name seen from `from`. */
  resolveEnum(from: TypeSpec, name: readonly string[]): EnumSpec | undefined;
  /** The type a reference of the model names (undefined only for an opaque type). */
  userType(ref: UserTypeName): TypeSpec | undefined;
  /** The enum a field's, instance's or parameter's `enum` names. */
  enumOf(owner: EnumOwner): EnumSpec | undefined;
  /** The file a type is written in. */
  fileOf(type: TypeSpec): KsyFile;
}

/** `name` imported from a file looked up as `from`: joined to its directory, `.` and `..` resolved. */
export function importName(name: string, from: string): string {
  const absolute = name.startsWith('/');
  const base = absolute ? [] : from.split('/').slice(0, -1);
  const parts: string[] = [];
  for (const part of [...base, ...name.split('/')]) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else if (part !== '..' || !(absolute || from.startsWith('/'))) parts.push(part);
  }
  return (absolute || from.startsWith('/') ? '/' : '') + parts.join('/');
}

function* allTypes(type: TypeSpec): Generator<TypeSpec> {
  yield type;
  for (const t of type.types) yield* allTypes(t);
}

function topOf(type: TypeSpec): TypeSpec {
  return type.parent ? topOf(type.parent) : type;
}

/** Loads `main`'s imports (and theirs) and resolves every type and enum name; UNKNOWN_NAME for what names nothing. */
export function resolveKsy(main: KsyFile, imports: ImportLookup): ResolvedFormat {
  const files = new Map<string, KsyFile>([['', main]]);
  const tops = new Map<string, TypeSpec>([[main.top.name, main.top]]);
  const fileOfTop = new Map<TypeSpec, KsyFile>([[main.top, main]]);
  const looked = new Set<string>(['']);
  const queue: [KsyFile, string][] = [[main, '']];
  for (let next = queue.shift(); next; next = queue.shift()) {
    const [file, key] = next;
    for (const type of allTypes(file.top))
      for (const entry of type.meta.imports) {
        const name = importName(entry.name, key);
        if (looked.has(name)) continue;
        looked.add(name);
        const found =
          imports(name, file) ??
          fail('UNKNOWN_NAME', `import \`${entry.name}\` (${name}) not found`, entry.at);
        if (tops.has(found.top.name)) continue;
        files.set(name, found);
        tops.set(found.top.name, found.top);
        fileOfTop.set(found.top, found);
        queue.push([found, name]);
      }
  }

  const down = (type: TypeSpec, rest: readonly string[]): TypeSpec | undefined => {
    if (rest.length === 0) return type;
    const nested = type.types.find((t) => t.name === rest[0]);
    return nested && down(nested, rest.slice(1));
  };
  /** One name seen from `from`: its nested type, else outward, else a top type (`from`'s own top first). */
  const step = (from: TypeSpec, name: string): TypeSpec | undefined =>
    from.types.find((t) => t.name === name) ??
    (from.parent ? step(from.parent, name) : from.name === name ? from : tops.get(name));
  // Each name of a path is looked up this way from the type the one before it found, as Kaitai does
  // (its ClassTypeProvider): `top::chunk::chunk_body` finds a `chunk_body` that is `chunk`'s sibling.
  const resolveType = (from: TypeSpec, name: readonly string[]): TypeSpec | undefined =>
    name.reduce<TypeSpec | undefined>((at, n) => at && step(at, n), from);
  const resolveEnum = (from: TypeSpec, name: readonly string[]): EnumSpec | undefined => {
    const last = name[name.length - 1];
    if (name.length === 1) {
      const here = from.enums.find((e) => e.name === last);
      if (here) return here;
    } else {
      const here = down(from, name.slice(0, -1))?.enums.find((e) => e.name === last);
      if (here) return here;
    }
    if (from.parent) return resolveEnum(from.parent, name);
    if (name.length === 1) return undefined;
    const owner = from.name === name[0] ? from : name[0] === undefined ? undefined : tops.get(name[0]);
    return owner && down(owner, name.slice(1, -1))?.enums.find((e) => e.name === last);
  };

  const opaqueTypes = main.top.meta.opaqueTypes === true;
  const userTypes = new Map<UserTypeName, TypeSpec>();
  const enums = new Map<EnumOwner, EnumSpec>();
  const type = (from: TypeSpec, ref: UserTypeName, at: KsyLocation) => {
    const found = resolveType(from, ref.name);
    if (found) userTypes.set(ref, found);
    else if (!opaqueTypes && !topOf(from).meta.opaqueTypes)
      fail('UNKNOWN_NAME', `type \`${ref.name.join('::')}\` not found`, {
        ...at,
        path: [...(at.path ?? []), 'type'],
      });
  };
  const typeRef = (from: TypeSpec, ref: TypeRef, at: KsyLocation) => {
    if (ref.kind === 'user') type(from, ref, at);
    if (ref.kind === 'switch') for (const c of ref.cases) typeRef(from, c.type, at);
  };
  const param = (from: TypeSpec, ref: ParamType, at: KsyLocation) => {
    if (ref.kind === 'user') type(from, ref, at);
    if (ref.kind === 'array') param(from, ref.element, at);
  };
  const enumOf = (from: TypeSpec, owner: EnumOwner) => {
    if (!owner.enum) return;
    const found = resolveEnum(from, owner.enum);
    if (!found)
      fail('UNKNOWN_NAME', `enum \`${owner.enum.join('::')}\` not found`, {
        ...owner.at,
        path: [...(owner.at.path ?? []), 'enum'],
      });
    enums.set(owner, found);
  };
  for (const top of fileOfTop.keys())
    for (const t of allTypes(top)) {
      for (const p of t.params) {
        param(t, p.type, p.at);
        enumOf(t, p);
      }
      for (const a of [...t.seq, ...t.instances]) {
        if (a.kind !== 'value') typeRef(t, a.type, a.at);
        enumOf(t, a);
      }
    }

  return {
    main,
    top: main.top,
    files,
    opaqueTypes,
    resolveType,
    resolveEnum,
    userType: (ref) => userTypes.get(ref),
    enumOf: (owner) => enums.get(owner),
    fileOf: (t) =>
      fileOfTop.get(topOf(t)) ??
      fail('UNKNOWN_NAME', `type \`${t.fullName.join('::')}\` is not in this format`, t.at),
  };
}
