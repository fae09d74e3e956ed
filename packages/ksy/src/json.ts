/**
 * toJson: a decoded object as plain JSON data, what `stride ksy decode --json` prints. Keys are the
 * .ksy ids as written: the seq fields in order, then the instances, evaluated (a field left out by
 * its `if` is null). Integers are numbers, enums their integer values, a bigint beyond ±(2^53 − 1)
 * a decimal string; byte arrays lowercase hex; NaN and ±Infinity strings. `_io`, `_parent` and
 * `_root` never appear.
 *
 * An instance whose evaluation fails on the data (a KsyDecodeError, or codec's DecodeError) is
 * kept, as Kaitai's ksdump shows it: its value is the string `"error: CODE: path: detail at byte
 * N"` (the error's message), at most 200 characters; any other exception is thrown. An instance can
 * lead back to an object being printed (`value: _parent`), or read again the object it is in (a
 * positional instance of its own type at its own position, as in `cast_to_top`): such an object,
 * and anything nested deeper than 256 levels, is the string `"<cycle>"` or `"<too deep>"`.
 */
import { DecodeError } from '@stride/codec';
import { IO, instanceNames, readsAgain } from './compile/slots.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const MAX_ERROR = 200;
const MAX_DEPTH = 256;

/**
 * A member of a decoded object: a field's or instance's value, or the fault an instance's
 * evaluation met. `instance` tells an instance from a seq field.
 */
export type DecodedMember =
  | { readonly id: string; readonly instance: boolean; readonly value: unknown }
  | { readonly id: string; readonly instance: true; readonly error: DecodeError };

/**
 * The members of a decoded object (what KsyFormat.decode returns, or an object in it), in order:
 * its seq fields, then its instances, evaluated (an instance that fails on the data is its error).
 * Undefined for any other value. `stride ksy decode` prints its tree with it.
 */
export function decodedMembers(value: unknown): DecodedMember[] | undefined {
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, IO)) return undefined;
  const fields = value as { readonly [id: string]: unknown };
  const members: DecodedMember[] = Object.keys(value).map((id) => ({
    id,
    instance: false,
    value: fields[id],
  }));
  for (const id of instanceNames(value)) {
    try {
      members.push({ id, instance: true, value: fields[id] });
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      members.push({ id, instance: true, error: e });
    }
  }
  return members;
}

/**
 * True when printing `member`'s value inside the objects `path` holds would not end: it is one of
 * them, or an instance reading one of them again (the same type at the same place of the same
 * stream, as `cast_to_top`'s `header: {pos: 1, type: cast_to_top}` does under its own header).
 */
export function isCycle(member: DecodedMember, path: ReadonlySet<object>): boolean {
  if (!('value' in member) || typeof member.value !== 'object' || member.value === null) return false;
  const value = member.value;
  if (path.has(value)) return true;
  if (!member.instance) return false;
  for (const p of path) if (readsAgain(value, p)) return true;
  return false;
}

/** An instance's fault as JSON: one bounded line. */
function errorText(e: DecodeError): string {
  const text = `error: ${e.code}: ${e.message}`;
  return text.length > MAX_ERROR ? `${text.slice(0, MAX_ERROR - 1)}…` : text;
}

/** A decoded value (an object from KsyFormat.decode, or any value in it) as JSON data. */
export function toJson(value: unknown): Json {
  return convert(value, new Set(), 0);
}

function convert(value: unknown, path: Set<object>, depth: number): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint')
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.length).toString('hex');
  if (typeof value !== 'object') return null;
  if (depth >= MAX_DEPTH) return '<too deep>';
  path.add(value);
  try {
    if (Array.isArray(value))
      return value.map((v) => (path.has(v) ? '<cycle>' : convert(v, path, depth + 1)));
    const members = decodedMembers(value);
    if (members === undefined) return null;
    // No prototype: an id named __proto__ is a key like any other.
    const out: { [key: string]: Json } = Object.create(null);
    for (const m of members)
      out[m.id] =
        'error' in m ? errorText(m.error) : isCycle(m, path) ? '<cycle>' : convert(m.value, path, depth + 1);
    return out;
  } finally {
    path.delete(value);
  }
}
