/**
 * A `seq` field or an instance, from its YAML: the type it reads (with Kaitai's defaults filled
 * in: byte order and bit order from meta, encoding, strz's terminator, a sized switch's `_: bytes`
 * case), its size and terminator keys, `contents`, `enum`, `if`, `repeat`, `process` and `valid`,
 * checked the way Kaitai's compiler checks them: which keys each kind of type allows, which
 * combinations are faults.
 */
import { argExprs } from './args.js';
import { primitive, type SwitchCase, splitName, strzTerminator, type TypeRef } from './type-ref.js';
import type { AttrSpec, Doc, Expr, InstanceSpec, Meta, ProcessSpec, RepeatSpec, ValidSpec } from './types.js';
import { fail, type MapReader, parseInteger, type ValueReader } from './yaml-reader.js';

const COMMON_KEYS = [
  'id',
  'doc',
  'doc-ref',
  'type',
  'if',
  'terminator',
  'consume',
  'include',
  'eos-error',
  'valid',
  'repeat',
];
const BYTES_KEYS = ['contents', 'size', 'size-eos', 'pad-right', 'parent', 'process'];
const STR_KEYS = ['size', 'size-eos', 'pad-right', 'encoding'];
const VALUE_INSTANCE_KEYS = new Set(['value', 'doc', 'doc-ref', 'enum', 'if']);
const IDENTIFIER = /^[a-z][a-z0-9_]*$/;
const BYTE_TEXT = /^(-?[0-9]+|0x[0-9a-fA-F]+)$/;
const TYPE_NAME = /^([a-z][a-z0-9_]*(?:\s*::\s*[a-z][a-z0-9_]*)*)\s*(?:\((.*)\))?$/s;

/** BAD_IDENTIFIER unless `id` is lower_snake_case. */
export function checkIdentifier(id: string, what: string, value: Pick<ValueReader, 'fail'>): string {
  return IDENTIFIER.test(id)
    ? id
    : value.fail('BAD_IDENTIFIER', `invalid ${what} id \`${id}\`: expected /^[a-z][a-z0-9_]*$/`);
}

export function parseDoc(map: MapReader): Doc {
  const doc = map.str('doc');
  return { ...(doc !== undefined && { doc }), docRef: map.get('doc-ref')?.strList() ?? [] };
}

/** The keys a field's size and terminator come from. */
interface SizeKeys {
  readonly size?: Expr;
  readonly sizeEos: boolean;
  readonly terminator?: number;
  readonly encoding?: string;
}

/** The field must say where its bytes end: `size`, `size-eos` or `terminator`. */
function checkBounded(keys: SizeKeys, map: MapReader): void {
  if (keys.size === undefined && !keys.sizeEos && keys.terminator === undefined)
    fail('MISSING_KEY', '`size`, `size-eos` or `terminator` must be given', {
      ...map.at,
      path: [...map.path, 'size'],
    });
}

/** A type name (`u2le`, `str`, `a::b(1, x)`) read with the field's keys and the type's meta. */
function namedType(
  name: string,
  value: ValueReader,
  keys: SizeKeys,
  meta: Meta,
  map: MapReader,
): Exclude<TypeRef, { kind: 'switch' }> {
  const p = primitive(name);
  if (p?.kind === 'int' || p?.kind === 'float') {
    const order =
      p.order ?? (typeof meta.endian === 'string' && meta.endian !== 'inherited' ? meta.endian : undefined);
    if (p.width !== 1 && order === undefined && meta.endian === undefined)
      value.fail(
        'MISSING_KEY',
        `type \`${name}\` without a default endianness: give meta/endian or a le / be suffix`,
      );
    if (p.kind === 'int')
      return {
        kind: 'int',
        width: p.width,
        signed: p.signed,
        ...(p.width !== 1 && order && { endian: order }),
      };
    return { kind: 'float', width: p.width, ...(order && { endian: order }) };
  }
  if (p?.kind === 'bits')
    return { kind: 'bits', width: p.width, bitEndian: p.order ?? meta.bitEndian ?? 'be' };
  if (p?.kind === 'str' || p?.kind === 'strz') {
    const encoding =
      keys.encoding ??
      meta.encoding ??
      fail('MISSING_KEY', 'a string type, but no `encoding` here or in meta', {
        ...map.at,
        path: [...map.path, 'encoding'],
      });
    if (p.kind === 'str') checkBounded(keys, map);
    return { kind: p.kind, encoding };
  }
  const m = TYPE_NAME.exec(name.trim());
  if (!m?.[1]) return value.fail('BAD_KEY', `\`${name}\` is not a type name`);
  const args = m[2] === undefined ? [] : argExprs(m[2], { ...value.at, path: value.path });
  return { kind: 'user', name: splitName(m[1]), args };
}

function switchType(value: ValueReader, keys: SizeKeys, meta: Meta, map: MapReader): TypeRef {
  const sw = value.map();
  sw.checkKeys(new Set(['switch-on', 'cases']), 'a switch type');
  const casesMap = sw.need('cases').map();
  const cases: SwitchCase[] = casesMap.entries.map((entry) => ({
    match: entry.key === '_' ? '_' : casesMap.keyExpr(entry),
    type: namedType(entry.value.str('a type name'), entry.value, keys, meta, map),
  }));
  if ((keys.size !== undefined || keys.sizeEos) && !cases.some((c) => c.match === '_'))
    cases.push({ match: '_', type: { kind: 'bytes' } });
  return { kind: 'switch', on: sw.need('switch-on').expr(), cases };
}

/** `contents`: a string (UTF-8), or a list of bytes and strings (a string `"0x12"` or `"18"` is a byte). */
function parseContents(value: ValueReader): Uint8Array {
  if (!value.isSeq()) return new TextEncoder().encode(value.str());
  const out: number[] = [];
  for (const item of value.seq()) {
    const text = item.text();
    if (text !== undefined && !BYTE_TEXT.test(text)) {
      out.push(...new TextEncoder().encode(text));
      continue;
    }
    const n = text === undefined ? item.int() : (parseInteger(text) as bigint);
    if (n < -128n || n > 255n) item.fail('BAD_KEY', `contents byte ${n} is outside -128..255`);
    out.push(Number(n) & 0xff);
  }
  return new Uint8Array(out);
}

function parseValid(value: ValueReader): ValidSpec {
  if (!value.isMap()) return { kind: 'eq', eq: value.expr() };
  const map = value.map();
  /** The spec, once the mapping has no keys but `keys`. */
  const only = (spec: ValidSpec, ...keys: string[]): ValidSpec => {
    map.checkKeys(new Set(keys), 'valid');
    return spec;
  };
  const eq = map.expr('eq');
  if (eq) return only({ kind: 'eq', eq }, 'eq');
  const min = map.expr('min');
  const max = map.expr('max');
  if (min || max) return only({ kind: 'range', ...(min && { min }), ...(max && { max }) }, 'min', 'max');
  const anyOf = map.get('any-of');
  if (anyOf) return only({ kind: 'anyOf', anyOf: anyOf.list().map((v) => v.expr()) }, 'any-of');
  const inEnum = map.get('in-enum');
  if (inEnum) {
    if (!inEnum.bool()) inEnum.fail('BAD_KEY', 'only `true` is allowed (omit `valid` for no validation)');
    return only({ kind: 'inEnum' }, 'in-enum');
  }
  const expr = map.expr('expr');
  if (expr) return only({ kind: 'expr', expr }, 'expr');
  only({ kind: 'inEnum' }, 'eq', 'min', 'max', 'any-of', 'in-enum', 'expr');
  return value.fail('MISSING_KEY', 'valid needs one of eq, min, max, any-of, in-enum, expr');
}

function parseProcess(value: ValueReader): ProcessSpec {
  const text = value.str().trim();
  const at = value.at;
  const m = /^([a-z][a-z0-9_.]*)\s*(?:\((.*)\))?$/s.exec(text);
  if (!m?.[1]) return value.fail('BAD_KEY', `\`${text}\` is not a process routine`);
  const args = m[2] === undefined ? [] : argExprs(m[2], { ...at, path: value.path });
  if ((m[1] === 'xor' || m[1] === 'rol' || m[1] === 'ror') && args.length !== 1)
    value.fail('BAD_KEY', `\`${m[1]}\` takes one argument`);
  return { name: m[1], args, at };
}

function parseRepeat(map: MapReader): { repeat?: RepeatSpec; keys: string[] } {
  const repeat = map.get('repeat');
  const stray = (key: string, needs: string) => {
    if (map.has(key) && repeat?.str() !== needs)
      fail('BAD_COMBINATION', `\`${key}\` needs \`repeat: ${needs}\``, map.atKey(key));
  };
  stray('repeat-expr', 'expr');
  stray('repeat-until', 'until');
  if (!repeat) return { keys: [] };
  const kind = repeat.str();
  const need = (key: string): Expr =>
    map.expr(key) ?? repeat.fail('BAD_COMBINATION', `\`repeat: ${kind}\` needs \`${key}\``);
  if (kind === 'expr') return { repeat: { kind: 'expr', expr: need('repeat-expr') }, keys: ['repeat-expr'] };
  if (kind === 'until')
    return { repeat: { kind: 'until', until: need('repeat-until') }, keys: ['repeat-until'] };
  if (kind === 'eos') return { repeat: { kind: 'eos' }, keys: [] };
  return repeat.fail('BAD_KEY', `\`repeat: ${kind}\`: expected expr, until or eos`);
}

/** A field of `seq` (index `index` there) or, with `instanceId`, what a parse instance reads. */
export function parseAttr(map: MapReader, meta: Meta, index: number, instanceId?: string): AttrSpec {
  const idValue = map.get('id');
  const id =
    instanceId ?? (idValue ? checkIdentifier(idValue.str(), 'attribute', idValue) : `_unnamed${index}`);
  const size = map.expr('size');
  const sizeEos = map.bool('size-eos') ?? false;
  if (size && sizeEos)
    fail('BAD_COMBINATION', '`size` and `size-eos` exclude each other', map.atKey('size-eos'));
  const terminator = map.byte('terminator');
  const encoding = map.str('encoding');
  const keys: SizeKeys = {
    ...(size && { size }),
    sizeEos,
    ...(terminator !== undefined && { terminator }),
    ...(encoding !== undefined && { encoding }),
  };
  const contentsValue = map.get('contents');
  const contents = contentsValue && parseContents(contentsValue);
  const validValue = map.get('valid');
  if (contents && validValue) validValue.fail('BAD_COMBINATION', '`contents` and `valid` exclude each other');
  const process = map.get('process');
  const enumName = map.str('enum');
  const typeValue = map.get('type');
  let type: TypeRef;
  if (!typeValue) {
    type = { kind: 'bytes' };
    if (!contents) checkBounded(keys, map);
  } else if (typeValue.isMap()) type = switchType(typeValue, keys, meta, map);
  else {
    type = namedType(typeValue.str('a type name or a switch'), typeValue, keys, meta, map);
    if (type.kind === 'user' && size === undefined && !sizeEos && terminator === undefined && process)
      process.fail('BAD_COMBINATION', '`process` on a user type needs `size`, `size-eos` or `terminator`');
  }
  if (enumName !== undefined && type.kind !== 'int' && type.kind !== 'bits')
    fail('BAD_COMBINATION', '`enum` needs an integer type', map.atKey('enum'));
  const { repeat, keys: repeatKeys } = parseRepeat(map);
  const kindKeys =
    type.kind === 'bytes' || type.kind === 'user' || type.kind === 'switch'
      ? BYTES_KEYS
      : type.kind === 'str' || type.kind === 'strz'
        ? STR_KEYS
        : type.kind === 'float'
          ? []
          : ['enum'];
  map.checkKeys(
    new Set([...COMMON_KEYS, ...repeatKeys, ...kindKeys]),
    instanceId ? 'a parse instance' : 'an attribute',
  );
  const ifExpr = map.expr('if');
  const padRight = map.byte('pad-right');
  const parent = map.expr('parent');
  const term = terminator ?? (type.kind === 'strz' ? strzTerminator(type.encoding) : undefined);
  return {
    kind: instanceId ? 'parse' : 'seq',
    id,
    unnamed: !instanceId && !idValue,
    type,
    ...(size && { size }),
    sizeEos,
    ...(term !== undefined && { terminator: term }),
    consume: map.bool('consume') ?? true,
    include: map.bool('include') ?? false,
    eosError: map.bool('eos-error') ?? true,
    ...(padRight !== undefined && { padRight }),
    ...(contents && { contents }),
    ...(enumName !== undefined && { enum: splitName(enumName) }),
    ...(parent && { parent }),
    ...(ifExpr && { if: ifExpr }),
    ...(repeat && { repeat }),
    ...(process && { process: parseProcess(process) }),
    ...(validValue && { valid: parseValid(validValue) }),
    doc: parseDoc(map),
    at: map.at,
  };
}

/** An entry of `instances`: a value instance when it has `value`, else a parse instance. */
export function parseInstance(map: MapReader, meta: Meta, id: string): InstanceSpec {
  const value = map.expr('value');
  if (value) {
    map.checkKeys(VALUE_INSTANCE_KEYS, 'a value instance');
    const enumName = map.str('enum');
    const ifExpr = map.expr('if');
    return {
      kind: 'value',
      id,
      value,
      ...(enumName !== undefined && { enum: splitName(enumName) }),
      ...(ifExpr && { if: ifExpr }),
      doc: parseDoc(map),
      at: map.at,
    };
  }
  const pos = map.expr('pos');
  const io = map.expr('io');
  const attr = parseAttr(map.without(['pos', 'io']), meta, 0, id);
  return { ...attr, kind: 'parse', ...(pos && { pos }), ...(io && { io }) };
}
