/**
 * `parseKsy`: a .ksy's YAML (line and column kept on every node) into its `KsyFile` model: the top
 * type named by `meta/id`, nested `types` inheriting their parent's meta, every key checked against
 * the Kaitai Struct language. Names are not looked up here: `resolveKsy` does that across imports.
 */
import { isMap, LineCounter, parseDocument } from 'yaml';
import { KsyError } from '../errors.js';
import { checkIdentifier, parseAttr, parseDoc, parseInstance } from './attr.js';
import { parseEnum } from './enum.js';
import { inheritMeta, parseMeta } from './meta.js';
import { paramType, splitName } from './type-ref.js';
import type { AttrSpec, EnumSpec, InstanceSpec, KsyFile, Meta, ParamSpec, TypeSpec } from './types.js';
import { fail, MapReader, type Source } from './yaml-reader.js';

const TYPE_KEYS = new Set([
  'meta',
  'doc',
  'doc-ref',
  'to-string',
  'params',
  'seq',
  'types',
  'instances',
  'enums',
]);
const PARAM_KEYS = new Set(['id', 'type', 'enum', 'doc', 'doc-ref']);

export interface ParseKsyOptions {
  /** The file's name as imports name it (`foo`, `sub/bar`, `/common/baz`): kept on the model and in errors. */
  readonly file?: string;
}

function parseParams(map: MapReader): ParamSpec[] {
  const list = map.get('params');
  if (!list) return [];
  return list.seq().map((item) => {
    const p = item.map();
    p.checkKeys(PARAM_KEYS, 'a parameter');
    const idValue = p.need('id');
    const typeName = p.str('type');
    const type =
      paramType(typeName) ?? p.need('type').fail('BAD_KEY', `\`${typeName}\` is not a parameter type`);
    const enumName = p.str('enum');
    if (enumName !== undefined && type.kind !== 'int' && type.kind !== 'bits')
      fail('BAD_COMBINATION', '`enum` needs an integer type', p.atKey('enum'));
    return {
      id: checkIdentifier(idValue.str(), 'parameter', idValue),
      type,
      ...(enumName !== undefined && { enum: splitName(enumName) }),
      doc: parseDoc(p),
      at: p.at,
    };
  });
}

/** Ids of params, seq fields and instances share one namespace. */
function checkUnique(members: readonly (ParamSpec | AttrSpec | InstanceSpec)[]): void {
  const seen = new Set<string>();
  for (const m of members) {
    if ('unnamed' in m && m.unnamed) continue;
    if (seen.has(m.id)) fail('BAD_IDENTIFIER', `id \`${m.id}\` given twice in one type`, m.at);
    seen.add(m.id);
  }
}

function parseType(
  map: MapReader,
  name: string,
  parent: TypeSpec | undefined,
  fullName: readonly string[],
): TypeSpec {
  map.checkKeys(TYPE_KEYS, 'a type');
  const own = parseMeta(map.get('meta')?.map());
  const meta: Meta = inheritMeta(own, parent?.meta);
  const params = parseParams(map);
  const seq = (map.get('seq')?.seq() ?? []).map((item, i) => parseAttr(item.map(), meta, i));
  const instances = (map.get('instances')?.map().entries ?? []).map(({ key, value }) =>
    parseInstance(value.map(), meta, checkIdentifier(key, 'instance', value)),
  );
  checkUnique([...params, ...seq, ...instances]);
  const enums: EnumSpec[] = (map.get('enums')?.map().entries ?? []).map(({ key, value }) =>
    parseEnum(value.map(), checkIdentifier(key, 'enum', value), fullName),
  );
  const toStringExpr = map.expr('to-string');
  const types: TypeSpec[] = [];
  const spec: TypeSpec = {
    name,
    fullName,
    parent,
    meta,
    params,
    seq,
    instances,
    types,
    enums,
    ...(toStringExpr && { toStringExpr }),
    doc: parseDoc(map),
    at: map.at,
  };
  for (const { key, value } of map.get('types')?.map().entries ?? [])
    types.push(parseType(value.map(), checkIdentifier(key, 'type', value), spec, [...fullName, key]));
  return spec;
}

/** A .ksy source into its model; a fault in it is a `KsyError` with its YAML path and line. */
export function parseKsy(text: string, options: ParseKsyOptions = {}): KsyFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const file = options.file;
  const where = (offset: number | undefined) => {
    const pos = offset === undefined ? undefined : lines.linePos(offset);
    return { ...(pos && { line: pos.line, column: pos.col }), ...(file !== undefined && { file }) };
  };
  const error = doc.errors[0];
  if (error) throw new KsyError('BAD_YAML', error.message, where(error.pos[0]));
  if (!isMap(doc.contents))
    throw new KsyError('BAD_YAML', 'a .ksy is a YAML mapping', where(doc.contents?.range?.[0] ?? 0));
  const source: Source = { doc, lines, ...(file !== undefined && { file }) };
  const top = new MapReader(source, doc.contents, []);
  const id = top.need('meta').map().need('id').str();
  return { ...(file !== undefined && { file }), top: parseType(top, id, undefined, [id]) };
}
