/**
 * The hidden parts of a decoded object: its stream (`_io`), the object that read it (`_parent`),
 * the top object (`_root`), its byte order where the description computes it, its params and
 * its instances' cached values. They are symbol-keyed, so a decoded object's own enumerable keys
 * are exactly its fields (what JSON and equality see), while generated code and expressions
 * reach them in one property load.
 */

export const IO: unique symbol = Symbol('ksy._io');
export const PARENT: unique symbol = Symbol('ksy._parent');
export const ROOT: unique symbol = Symbol('ksy._root');
/** True when the object's fields without a byte order of their own are little-endian. */
export const LE: unique symbol = Symbol('ksy._is_le');
/** Where the object's bytes start and end in its stream (`_sizeof`). */
export const START: unique symbol = Symbol('ksy._start');
export const END: unique symbol = Symbol('ksy._end');

/** The stream an object is being written to: its `_io` in a writer's expressions. */
export const WIO: unique symbol = Symbol('ksy._io.writing');

/**
 * Whether `a` is `b` read again: an object of the same type from the same place of the same
 * stream (a positional instance of its own type at its own position, as `cast_to_top`'s header).
 * Known only where objects keep where they start (`START`).
 */
export function readsAgain(a: object, b: object): boolean {
  const x = a as Record<symbol, unknown>;
  const y = b as Record<symbol, unknown>;
  return (
    x[START] !== undefined && a.constructor === b.constructor && x[IO] === y[IO] && x[START] === y[START]
  );
}

/** On a type's class prototype: the ids of its instances, in the order written. */
export const INSTANCES: unique symbol = Symbol('ksy.instances');

/** The instance ids of a decoded object's type (its getters that are not params). */
export function instanceNames(object: object): readonly string[] {
  return (
    ((Object.getPrototypeOf(object) as Record<symbol, unknown>)[INSTANCES] as string[] | undefined) ?? []
  );
}

/** An instance not computed yet (undefined is a value: an instance whose `if` is false). */
export const UNSET: unique symbol = Symbol('ksy.unset');

/** The object's hidden parts, as the generated code and `_io` / `_parent` / `_root` reach them. */
export interface Hidden {
  [IO]: unknown;
  [PARENT]: unknown;
  [ROOT]: unknown;
}
