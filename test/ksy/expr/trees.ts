// Random expression trees for the parser's round trip and the compiler's robustness, and a tree
// without positions for comparing.
import fc from 'fast-check';
import type { Ast } from '../../../packages/ksy/src/expr/index.js';

/** The tree without positions. */
export function strip(a: unknown): unknown {
  if (Array.isArray(a)) return a.map(strip);
  if (a && typeof a === 'object')
    return Object.fromEntries(
      Object.entries(a)
        .filter(([k]) => k !== 'at')
        .map(([k, v]) => [k, strip(v)]),
    );
  return a;
}

/** The words a tree is made of: names, member and method names, type names. */
export interface Words {
  readonly names: readonly string[];
  readonly members: readonly string[];
  readonly types: readonly string[];
}

/** Random trees as the parser builds them (no negative literals: `-1` is unary minus on 1). */
export function trees(words: Words): fc.Arbitrary<Ast> {
  const name = fc.constantFrom(...words.names);
  const member = fc.constantFrom(...words.members);
  const typeRef = fc.record({
    absolute: fc.boolean(),
    path: fc.array(fc.constantFrom(...words.types), { minLength: 1, maxLength: 3 }),
    array: fc.boolean(),
  });
  const text = fc.string({ maxLength: 6 });
  const leaf: fc.Arbitrary<Ast> = fc.oneof(
    fc.bigInt({ min: 0n, max: 1n << 70n }).map((value) => ({ kind: 'int', value, at: 0 }) as const),
    fc.double({ min: 0, max: 1e30, noNaN: true }).map((value) => ({ kind: 'float', value, at: 0 }) as const),
    text.map((value) => ({ kind: 'str', value, at: 0 }) as const),
    fc.boolean().map((value) => ({ kind: 'bool', value, at: 0 }) as const),
    name.map((n) => ({ kind: 'name', name: n, at: 0 }) as const),
    fc
      .record({
        type: fc.option(
          typeRef.map((t) => ({ ...t, array: false })),
          { nil: undefined },
        ),
        name,
        member: name,
      })
      .map((e) => ({ kind: 'enum', ...e, at: 0 }) as const),
    fc.record({ type: typeRef, bits: fc.boolean() }).map((s) => ({ kind: 'sizeof', ...s, at: 0 }) as const),
  );
  return fc.letrec<{ ast: Ast }>((tie) => ({
    ast: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc
        .record({ op: fc.constantFrom('-', '~', 'not'), operand: tie('ast') })
        .map((u) => ({ kind: 'unary', ...u, at: 0 }) as Ast),
      fc
        .record({
          op: fc.constantFrom('+', '-', '*', '/', '%', '<<', '>>', '&', '|', '^'),
          left: tie('ast'),
          right: tie('ast'),
        })
        .map((b) => ({ kind: 'binary', ...b, at: 0 }) as Ast),
      fc
        .record({
          op: fc.constantFrom('==', '!=', '<', '<=', '>', '>='),
          left: tie('ast'),
          right: tie('ast'),
        })
        .map((b) => ({ kind: 'compare', ...b, at: 0 }) as Ast),
      fc
        .record({ op: fc.constantFrom('and', 'or'), left: tie('ast'), right: tie('ast') })
        .map((b) => ({ kind: 'logic', ...b, at: 0 }) as Ast),
      fc
        .record({ test: tie('ast'), ifTrue: tie('ast'), ifFalse: tie('ast') })
        .map((c) => ({ kind: 'cond', ...c, at: 0 }) as Ast),
      fc.record({ object: tie('ast'), name: member }).map((x) => ({ kind: 'attr', ...x, at: 0 }) as Ast),
      fc
        .record({ object: tie('ast'), name: member, args: fc.array(tie('ast'), { maxLength: 2 }) })
        .map((x) => ({ kind: 'call', ...x, at: 0 }) as Ast),
      fc
        .record({ object: tie('ast'), index: tie('ast') })
        .map((x) => ({ kind: 'index', ...x, at: 0 }) as Ast),
      fc.record({ object: tie('ast'), type: typeRef }).map((x) => ({ kind: 'cast', ...x, at: 0 }) as Ast),
      fc.array(tie('ast'), { maxLength: 3 }).map((items) => ({ kind: 'list', items, at: 0 }) as Ast),
      fc
        .array(
          fc.oneof(
            text.filter((s) => s.length > 0),
            tie('ast'),
          ),
          { maxLength: 3 },
        )
        .map((parts) => ({ kind: 'fstring', parts: mergeText(parts), at: 0 }) as Ast),
    ),
  })).ast;
}

/** Adjacent literal parts of an f-string are one part once parsed. */
function mergeText(parts: readonly (string | Ast)[]): (string | Ast)[] {
  const out: (string | Ast)[] = [];
  for (const p of parts) {
    const last = out.at(-1);
    if (typeof p === 'string' && typeof last === 'string') out[out.length - 1] = last + p;
    else out.push(p);
  }
  return out;
}
