/**
 * A recursive schema whose every level passes through many combinators, so that the JavaScript
 * stack runs out before `maxDepth` is reached, and values for it nested to any depth.
 */
import { type Codec, lazy, optional, refine, struct, transform, tuple, u8 } from '@stride/codec';

export interface Deep {
  b: number;
  next: unknown;
}

/** Combinators around each level: transform, refine, tuple and struct in turn. */
const WRAPPERS = 60;

function wrap(c: Codec<unknown>): Codec<unknown> {
  for (let i = 0; i < WRAPPERS; i++) {
    const k = i % 4;
    if (k === 0) c = transform(c, { decode: (x) => x, encode: (x) => x });
    else if (k === 1) c = refine(c, () => true, 'anything');
    else if (k === 2) c = tuple([c]);
    else c = struct({ x: c });
  }
  return c;
}

/** One byte, then (while bytes remain) the next level inside WRAPPERS combinators. */
export const Deep: Codec<Deep> = struct({ b: u8, next: optional(wrap(lazy(() => Deep))) });

/** The value of `levels` levels of Deep, as `wrap` nests each one. */
export function deepValue(levels: number): Deep {
  let v: Deep = { b: 0, next: undefined };
  for (let level = 1; level < levels; level++) {
    let inner: unknown = v;
    for (let i = 0; i < WRAPPERS; i++) {
      const k = i % 4;
      if (k === 2) inner = [inner];
      else if (k === 3) inner = { x: inner };
    }
    v = { b: 0, next: inner };
  }
  return v;
}
