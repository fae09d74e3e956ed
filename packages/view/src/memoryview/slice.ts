/** Python's slice arithmetic (`PySlice_Unpack` + `PySlice_AdjustIndices`) and index checks. */
import { IndexError, ValueError } from '../errors.js';

/** A slice bound: an integer, or null/undefined for Python's None. */
export type Bound = number | bigint | null | undefined;

/** One dimension's key in `view(...)`: `{ start, stop, step }`, or a string such as `'1:3'`, `'::-1'`, `':'`. */
export interface Slice {
  start?: Bound;
  stop?: Bound;
  step?: Bound;
}

/** PY_SSIZE_T_MAX, as near as a double gets (2^63). */
const MAX = 2 ** 63;

/** `_PyEval_SliceIndex`: an integer clamped to the ssize_t range, or undefined for None. */
export function sliceIndex(
  v: unknown,
  message = 'slice indices must be integers or None or have an __index__ method',
): number | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'bigint') return Math.max(-MAX, Math.min(MAX, Number(v)));
  if (typeof v === 'boolean') return Number(v);
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new TypeError(message);
  return Math.max(-MAX, Math.min(MAX, v));
}

/** The elements of a slice over `length` items: first index, step and how many. */
export interface SliceRange {
  start: number;
  step: number;
  length: number;
}

/** `slice(start, stop, step).indices(length)` plus the slice length, with CPython's errors. */
export function adjustSlice(length: number, start: Bound, stop: Bound, step: Bound): SliceRange {
  const st = sliceIndex(step) ?? 1;
  if (st === 0) throw new ValueError('slice step cannot be zero');
  let a = sliceIndex(start) ?? (st < 0 ? MAX : 0);
  let b = sliceIndex(stop) ?? (st < 0 ? -MAX - 1 : MAX);
  if (a < 0) {
    a += length;
    if (a < 0) a = st < 0 ? -1 : 0;
  } else if (a >= length) {
    a = st < 0 ? length - 1 : length;
  }
  if (b < 0) {
    b += length;
    if (b < 0) b = st < 0 ? -1 : 0;
  } else if (b >= length) {
    b = st < 0 ? length - 1 : length;
  }
  let n = 0;
  if (st < 0) {
    if (b < a) n = Math.floor((a - b - 1) / -st) + 1;
  } else if (a < b) {
    n = Math.floor((b - a - 1) / st) + 1;
  }
  return { start: a, step: st, length: n };
}

/** Parses `'start:stop:step'` (each part optional) into a Slice, or returns null if `s` is not one. */
export function parseSlice(s: string): Slice | null {
  const parts = s.split(':');
  if (parts.length < 2 || parts.length > 3) return null;
  const out: (number | undefined)[] = [];
  for (const p of parts) {
    const t = p.trim();
    if (t === '') out.push(undefined);
    else if (/^[+-]?\d+$/.test(t)) out.push(Number(t));
    else return null;
  }
  return { start: out[0], stop: out[1], step: out[2] };
}

/**
 * A Python index as an item number: integers (and bigints/booleans, which have `__index__`);
 * anything else is not an index and yields undefined.
 */
export function asIndex(key: unknown): number | undefined {
  if (typeof key === 'number') {
    if (!Number.isInteger(key)) return undefined;
    if (key >= MAX || key < -MAX) throw new IndexError("cannot fit 'int' into an index-sized integer");
    return key;
  }
  if (typeof key === 'bigint') {
    if (key >= 2n ** 63n || key < -(2n ** 63n)) {
      throw new IndexError("cannot fit 'int' into an index-sized integer");
    }
    return Number(key);
  }
  if (typeof key === 'boolean') return Number(key);
  return undefined;
}

/** CPython's `lookup_dimension`: wraps a negative index and checks it against `n` items. */
export function wrapIndex(index: number, n: number, dim: number): number {
  const i = index < 0 ? index + n : index;
  if (i < 0 || i >= n) throw new IndexError(`index out of bounds on dimension ${dim + 1}`);
  return i;
}
