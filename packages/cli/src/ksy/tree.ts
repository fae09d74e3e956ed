/**
 * `stride ksy decode`'s readable form of a decoded object: a line per member, `id: value`, in
 * the .ksy's order (seq fields, then instances); a nested object's members and an array's items
 * (`[0]`, `[1]` …) indented two spaces under its id. Strings are quoted and escaped, byte arrays
 * hex (the first 32 bytes, then their length), an instance that failed on the data `error: …`.
 * Lines are made as they are taken, so a caller can write them with backpressure.
 */
import { type DecodedMember, decodedMembers, isCycle } from '@stride/ksy';
import { clip } from '../text.js';

/** Bytes shown of a byte array before it is cut. */
const SHOWN_BYTES = 32;
/** Characters shown of a string or an error. */
const SHOWN_TEXT = 200;
/** Nesting past which an object is not opened (an instance may point back: `value: _parent`). */
const MAX_DEPTH = 256;

/** The lines of `object`'s members (what KsyFormat.decode returns). */
export function* treeLines(object: unknown): Generator<string> {
  yield* members(decodedMembers(object) ?? [], '', new Set([object as object]));
}

function* members(list: readonly DecodedMember[], indent: string, path: Set<object>): Generator<string> {
  for (const m of list)
    if ('error' in m)
      yield `${indent}${m.id}: error: ${clip(`${m.error.code}: ${m.error.message}`, SHOWN_TEXT)}`;
    else if (isCycle(m, path)) yield `${indent}${m.id}: <cycle>`;
    else yield* member(m.id, m.value, indent, path);
}

function* member(name: string, value: unknown, indent: string, path: Set<object>): Generator<string> {
  const inner = decodedMembers(value);
  if (inner === undefined && !Array.isArray(value)) {
    yield `${indent}${name}: ${scalar(value)}`;
    return;
  }
  const object = value as object;
  if (path.has(object)) {
    yield `${indent}${name}: <cycle>`;
    return;
  }
  if (path.size >= MAX_DEPTH) {
    yield `${indent}${name}: <too deep>`;
    return;
  }
  if (inner?.length === 0 || (Array.isArray(value) && value.length === 0)) {
    yield `${indent}${name}: ${inner === undefined ? '[]' : '{}'}`;
    return;
  }
  yield `${indent}${name}:`;
  path.add(object);
  if (inner !== undefined) yield* members(inner, `${indent}  `, path);
  else
    for (const [i, item] of (value as unknown[]).entries())
      yield* member(`[${i}]`, item, `${indent}  `, path);
  path.delete(object);
}

function scalar(value: unknown): string {
  if (typeof value === 'string') return `"${clip(value, SHOWN_TEXT)}"`;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  if (value instanceof Uint8Array) {
    const hex = Array.from(value.subarray(0, SHOWN_BYTES), (b) => b.toString(16).padStart(2, '0')).join(' ');
    return value.length === 0
      ? '(0 bytes)'
      : value.length > SHOWN_BYTES
        ? `${hex} … (${value.length} bytes)`
        : hex;
  }
  return 'null';
}
