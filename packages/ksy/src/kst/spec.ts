/**
 * Kaitai Struct's language-agnostic test specs (`.kst`, YAML): which format (`id`, the .ksy of the
 * same name), which input (`data`, a file name), the formats whose enums the expectations name
 * (`imports`), then either asserts (an `actual` expression evaluated on the parsed object, equal to
 * the `expected` expression, or raising `exception`) or one `exception` the whole parse raises
 * (`ValidationNotEqualError<u1>`, or `{ type, message }`). A spec with neither passes when the
 * parse does.
 */
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { KsyError } from '../errors.js';

/** An expected error: Kaitai's kind (without a `<type>` suffix) and, when the spec gives it, the message. */
export interface KstException {
  readonly type: string;
  /** The `<type>` suffix as written (`u1`, `bytes` …), if any. */
  readonly typeArgument?: string;
  readonly message?: string;
}

export type KstAssert =
  | { readonly actual: string; readonly expected: string }
  | { readonly actual: string; readonly exception: KstException };

export interface KstSpec {
  readonly id: string;
  readonly data: string;
  readonly imports: readonly string[];
  readonly asserts: readonly KstAssert[];
  readonly exception?: KstException;
}

/** A YAML scalar as expression text: a number or boolean as written (`0x50`, `1.0`), a string as it is. */
function text(node: unknown, what: string, file: string): string {
  if (isScalar(node)) {
    if (typeof node.value === 'string') return node.value;
    if (typeof node.source === 'string') return node.source;
    if (node.value !== null) return String(node.value);
  }
  throw new KsyError('BAD_KEY', `${what} must be an expression`, { file });
}

function exception(value: unknown, file: string): KstException {
  const spec = typeof value === 'string' ? { type: value } : (value as { type?: unknown; message?: unknown });
  if (typeof spec?.type !== 'string') throw new KsyError('BAD_KEY', 'an exception needs a type', { file });
  const m = /^([A-Za-z]+)(?:<(.+)>)?$/.exec(spec.type.trim());
  if (m === null) throw new KsyError('BAD_KEY', `an exception type "${spec.type}" is not a name`, { file });
  return {
    type: m[1] as string,
    ...(m[2] === undefined ? {} : { typeArgument: m[2] }),
    ...(typeof spec.message === 'string' ? { message: spec.message } : {}),
  };
}

/** A .kst's contents; expressions as their source text (numbers exactly as written). */
export function parseKst(source: string, file = 'spec.kst'): KstSpec {
  const doc = parseDocument(source);
  if (doc.errors.length > 0) throw new KsyError('BAD_YAML', doc.errors[0]?.message ?? 'bad YAML', { file });
  const top = doc.contents;
  const d = doc.toJS() as Record<string, unknown> | null;
  if (!isMap(top) || d === null) throw new KsyError('BAD_YAML', 'a spec is a mapping', { file });
  if (typeof d.id !== 'string' || typeof d.data !== 'string')
    throw new KsyError('MISSING_KEY', 'a spec needs id and data', { file });
  const nodes = top.get('asserts', true);
  const asserts = isSeq(nodes) ? nodes.items : [];
  const imports = top.get('imports', true);
  return {
    id: d.id,
    data: d.data,
    imports: isSeq(imports) ? imports.items.map((i) => text(i, 'an import', file)) : [],
    asserts: asserts.map((a): KstAssert => {
      if (!isMap(a)) throw new KsyError('BAD_KEY', 'an assert is a mapping', { file });
      const actual = text(a.get('actual', true), 'actual', file);
      const raised = a.get('exception');
      if (raised !== undefined) return { actual, exception: exception(raised, file) };
      return { actual, expected: text(a.get('expected', true), 'expected', file).trimEnd() };
    }),
    ...(d.exception === undefined ? {} : { exception: exception(d.exception, file) }),
  };
}
