/**
 * `meta`: its keys read and checked (`endian` fixed or computed by `switch-on`, `bit-endian`,
 * `encoding`, `imports`, the `ks-*` switches and the documentary keys), and the inheritance of
 * Kaitai's `fillInDefaults`: a nested type without its own `endian`, `bit-endian` or `encoding`
 * takes its parent's — a computed `endian` is then `'inherited'`, the parent object's order at run time.
 */
import { checkIdentifier } from './attr.js';
import type { ByteOrder, Endian, Expr, Meta } from './types.js';
import type { MapReader, ValueReader } from './yaml-reader.js';

const META_KEYS = new Set([
  'id',
  'imports',
  'endian',
  'bit-endian',
  'encoding',
  'title',
  'ks-version',
  'ks-debug',
  'ks-opaque-types',
  'ks-zero-copy-substream',
  'license',
  'file-extension',
  'xref',
  'tags',
  'application',
  'doc',
  'doc-ref',
]);

const KS_VERSION = /^(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)(?:\.(?:0|[1-9][0-9]*))?$/;

function byteOrder(value: ValueReader, what: string): ByteOrder {
  const text = value.str(what);
  return text === 'le' || text === 'be' ? text : value.fail('BAD_KEY', `expected ${what}, got \`${text}\``);
}

function endian(value: ValueReader): Endian {
  if (!value.isMap()) return byteOrder(value, '`le`, `be` or a `switch-on` mapping');
  const map = value.map();
  map.checkKeys(new Set(['switch-on', 'cases']), 'a computed endianness');
  const casesMap = map.need('cases').map();
  const cases: (readonly [Expr | '_', ByteOrder])[] = casesMap.entries.map((entry) => [
    entry.key === '_' ? '_' : casesMap.keyExpr(entry),
    byteOrder(entry.value, '`le` or `be`'),
  ]);
  return { switchOn: map.need('switch-on').expr(), cases };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A string, or a list of them (`application`, `file-extension`). */
function oneOrMore(v: ValueReader): string | readonly string[] {
  return v.isSeq() ? v.strList() : v.str();
}

/** A type's own `meta` (absent: empty). */
export function parseMeta(map: MapReader | undefined): Meta {
  const meta: Mutable<Meta> = { imports: [] };
  if (!map) return meta;
  map.checkKeys(META_KEYS, 'meta');
  const get = (key: string): ValueReader | undefined => map.get(key);
  const version = get('ks-version');
  if (version) {
    meta.ksVersion = version.str();
    if (!KS_VERSION.test(meta.ksVersion))
      version.fail('BAD_KEY', `invalid ks-version \`${meta.ksVersion}\`: expected X.Y or X.Y.Z`);
    const [major, minor] = meta.ksVersion.split('.').map(Number);
    if (major === 0 && (minor ?? 0) < 6)
      version.fail('BAD_KEY', `ks-version ${meta.ksVersion} is before 0.6 (for 0.10, quote it: '0.10')`);
  }
  const id = get('id');
  if (id) meta.id = checkIdentifier(id.str(), 'meta', id);
  const e = get('endian');
  if (e) meta.endian = endian(e);
  const be = get('bit-endian');
  if (be) meta.bitEndian = byteOrder(be, '`le` or `be`');
  meta.imports =
    get('imports')
      ?.list()
      .map((v) => ({ name: v.str(), at: v.at })) ?? [];
  const flags = [
    ['ks-opaque-types', 'opaqueTypes'],
    ['ks-debug', 'ksDebug'],
    ['ks-zero-copy-substream', 'zeroCopySubstream'],
  ] as const;
  for (const [key, name] of flags) {
    const v = get(key);
    if (v) meta[name] = v.bool();
  }
  for (const [key, name] of [
    ['encoding', 'encoding'],
    ['title', 'title'],
    ['license', 'license'],
  ] as const) {
    const v = get(key);
    if (v) meta[name] = v.str();
  }
  const application = get('application');
  if (application) meta.application = oneOrMore(application);
  const extension = get('file-extension');
  if (extension) meta.fileExtension = oneOrMore(extension);
  const tags = get('tags');
  if (tags) meta.tags = tags.strList();
  const xref = get('xref');
  if (xref) meta.xref = xref.map().node.toJSON() as Record<string, unknown>;
  return meta;
}

/** `own` with what it inherits from its enclosing type's effective meta. */
export function inheritMeta(own: Meta, outer: Meta | undefined): Meta {
  if (!outer) return own;
  const endianOf =
    own.endian ??
    (outer.endian === undefined ? undefined : typeof outer.endian === 'string' ? outer.endian : 'inherited');
  const bitEndian = own.bitEndian ?? outer.bitEndian;
  const encoding = own.encoding ?? outer.encoding;
  return {
    ...own,
    ...(endianOf !== undefined && { endian: endianOf }),
    ...(bitEndian !== undefined && { bitEndian }),
    ...(encoding !== undefined && { encoding }),
  };
}
