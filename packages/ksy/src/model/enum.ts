/**
 * An entry of `enums`: its members in the order written, each key an integer literal read exactly
 * from its source text (`0xffffffffffffffff`, `-1`: a bigint past 2^53), each value an id or
 * `{id, doc, doc-ref}`. Two members with one id or one value are faults.
 */
import { checkIdentifier, parseDoc } from './attr.js';
import type { EnumMember, EnumSpec } from './types.js';
import { exact, fail, locate, type MapReader, parseInteger } from './yaml-reader.js';

const MEMBER_KEYS = new Set(['id', 'doc', 'doc-ref']);

export function parseEnum(map: MapReader, name: string, owner: readonly string[]): EnumSpec {
  const members: EnumMember[] = [];
  const ids = new Set<string>();
  const values = new Set<bigint>();
  for (const { key, keyNode, value } of map.entries) {
    const keyAt = locate(map.source, keyNode, value.path);
    const n = parseInteger(key) ?? fail('BAD_KEY', `enum key \`${key}\` is not an integer`, keyAt);
    if (values.has(n)) fail('BAD_KEY', `enum value ${n} given twice`, keyAt);
    values.add(n);
    let id: string;
    let doc: EnumMember['doc'] = { docRef: [] };
    if (value.isMap()) {
      const body = value.map();
      body.checkKeys(MEMBER_KEYS, 'an enum member');
      id = body.need('id').str();
      doc = parseDoc(body);
    } else id = value.str('an enum member id');
    checkIdentifier(id, 'enum member', value);
    if (ids.has(id)) value.fail('BAD_IDENTIFIER', `enum member id \`${id}\` given twice`);
    ids.add(id);
    members.push({ value: exact(n), id, doc, at: value.at });
  }
  return { name, fullName: [...owner, name], members, at: map.at };
}
