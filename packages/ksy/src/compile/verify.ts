/**
 * The check that makes `encode` honest: the bytes written are read back and compared with the
 * object, field by field. A description can read what no write restores (a value a positional
 * instance reads from bytes no field writes, a process argument computed from the stream, a value
 * ending in its own padding): rather than return bytes that read as something else, encode then
 * refuses with an EncodeError naming the first field that differs.
 *
 * Only what the object holds is compared: a field it leaves out or leaves undefined (a size or
 * count to derive, a field its `if` leaves absent) and an instance it does not have are not. A decoded object has all its instances (evaluated on its own
 * bytes), so they are compared too.
 */
import { DecodeError, EncodeError } from '@stride/codec';
import { valueEq } from '../expr/runtime.js';
import { type DecodedMember, isCycle } from '../json.js';
import { describe } from '../runtime/writer.js';
import { instanceNames } from './slots.js';

/** Nesting past which objects are not compared (an instance can lead to ever new objects). */
const MAX_DEPTH = 256;

/** Throws an EncodeError when `back` (what the written bytes read as) differs from `object`. */
export function verifyWritten(object: unknown, back: object): void {
  const difference = compareObject(object as object, back, new Set(), 0);
  if (difference === undefined) return;
  const error = new EncodeError(
    'NOT_INVERTIBLE',
    `written as given, it reads back as ${difference.got}, not ${difference.want}: the description cannot write this value back`,
  );
  for (const segment of difference.path) error.within(segment);
  throw error;
}

interface Difference {
  /** Innermost first, as `within` adds segments. */
  readonly path: (string | number)[];
  readonly want: string;
  readonly got: string;
}

function compareObject(
  object: object,
  back: object,
  path: Set<object>,
  depth: number,
): Difference | undefined {
  if (depth >= MAX_DEPTH) return undefined;
  path.add(back);
  try {
    const fields = Object.keys(back);
    for (const id of [...fields, ...instanceNames(back)]) {
      if (!(id in object)) continue;
      let want: unknown;
      try {
        want = (object as Record<string, unknown>)[id];
      } catch (e) {
        if (e instanceof DecodeError) continue; // the object's own instance fails on its bytes
        throw e;
      }
      if (want === undefined) continue; // left out, or absent: nothing the object says
      let got: unknown;
      try {
        got = (back as Record<string, unknown>)[id];
      } catch (e) {
        if (!(e instanceof DecodeError)) throw e;
        return { path: [id], want: show(want), got: `the error "${e.message}"` };
      }
      const member: DecodedMember = { id, instance: !fields.includes(id), value: got };
      if (isCycle(member, path)) continue;
      const inner = compare(want, got, path, depth);
      if (inner !== undefined) return { ...inner, path: [...inner.path, id] };
    }
    return undefined;
  } finally {
    path.delete(back);
  }
}

function compare(want: unknown, got: unknown, path: Set<object>, depth: number): Difference | undefined {
  if (Array.isArray(got)) {
    if (!Array.isArray(want) || want.length !== got.length)
      return { path: [], want: show(want), got: show(got) };
    for (let i = 0; i < got.length; i++) {
      const inner = compare(want[i], got[i], path, depth + 1);
      if (inner !== undefined) return { ...inner, path: [...inner.path, i] };
    }
    return undefined;
  }
  if (typeof got === 'object' && got !== null && !(got instanceof Uint8Array)) {
    if (typeof want !== 'object' || want === null) return { path: [], want: show(want), got: show(got) };
    return compareObject(want, got, path, depth + 1);
  }
  return same(want, got) ? undefined : { path: [], want: show(want), got: show(got) };
}

/** Whether a value given is the one read back: integers of either kind, a float as f4 or f8 holds it. */
function same(want: unknown, got: unknown): boolean {
  if (want == null || got == null) return want == null && got == null;
  if (typeof got === 'boolean') return want === got || (typeof want === 'number' && want === Number(got));
  if (typeof want === 'number' && typeof got === 'number')
    return want === got || (Number.isNaN(want) && Number.isNaN(got)) || Math.fround(want) === got;
  return valueEq(want, got);
}

/** A value in an error message: short. */
function show(v: unknown): string {
  if (v === undefined || v === null) return 'absent';
  if (v instanceof Uint8Array) {
    const hex = Buffer.from(v.subarray(0, 16)).toString('hex');
    return `${v.length} bytes ${hex}${v.length > 16 ? '…' : ''}`;
  }
  return describe(v);
}
