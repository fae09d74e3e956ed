// A decode that fails leaves the object as far as it was read on its KsyDecodeError (`partial`), as
// Kaitai's ks-debug parsers do (what debug_array_user_eof_exception asserts on): the fields before
// the fault, a list with its items so far and the item at fault last, that item with its fields
// before the fault. Over every cut of an input, the partial object agrees with the whole decode
// wherever it has a value. An instance that fails while a field is being read is not taken for that
// field's value.
import { KsyDecodeError, loadKsy, toJson } from '@stride/ksy';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thrownBy } from '../../support/thrown.js';

const cats = loadKsy(`
meta:
  id: cats
seq:
  - id: one_cat
    type: cat
  - id: array_of_cats
    type: cat
    repeat: expr
    repeat-expr: 3
  - id: named
    type: strz
    encoding: ASCII
  - id: rest
    size-eos: true
    type: pair
types:
  cat:
    seq:
      - id: meow
        type: u1
      - id: chirp
        type: u1
  pair:
    seq:
      - id: first
        type: cat
      - id: second
        type: cat
`);

/** The error a decode raises (a test failure when it decodes). */
const failure = (decode: () => unknown): KsyDecodeError => thrownBy(KsyDecodeError, decode);

/** Whether `partial` agrees with `whole` wherever it has a value (a list may be shorter). */
function agrees(partial: unknown, whole: unknown): boolean {
  if (partial === undefined) return true;
  if (Array.isArray(partial))
    return (
      Array.isArray(whole) && partial.length <= whole.length && partial.every((p, i) => agrees(p, whole[i]))
    );
  if (partial instanceof Uint8Array) return partial.every((b, i) => (whole as Uint8Array)[i] === b);
  if (typeof partial === 'object' && partial !== null)
    return Object.entries(partial).every(([k, v]) => agrees(v, (whole as Record<string, unknown>)[k]));
  return partial === whole;
}

describe('KsyDecodeError.partial', () => {
  it('holds what was read before the end, the item at fault last (debug_array_user_eof_exception)', () => {
    const e = failure(() => cats.decode(Uint8Array.of(3, 0x49, 0x31, 0x32, 0x33, 0x42, 0x62)));
    expect(e.path).toBe('array_of_cats[2].chirp');
    expect(toJson(e.partial)).toEqual({
      one_cat: { meow: 3, chirp: 0x49 },
      array_of_cats: [
        { meow: 0x31, chirp: 0x32 },
        { meow: 0x33, chirp: 0x42 },
        { meow: 0x62, chirp: null },
      ],
      named: null,
      rest: null,
    });
  });

  it('holds an object read from a substream as far as it went', () => {
    const e = failure(() => cats.decode(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 0x61, 0, 9, 10, 11)));
    expect(e.path).toBe('rest.second.chirp');
    expect(toJson(e.partial)).toMatchObject({
      named: 'a',
      rest: { first: { meow: 9, chirp: 10 }, second: { meow: 11, chirp: null } },
    });
  });

  it('agrees with the whole decode wherever it has a value, at every cut of an input', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 8, maxLength: 8 }),
        fc.string({ unit: fc.constantFrom('a', 'b'), maxLength: 4 }),
        fc.uint8Array({ minLength: 4, maxLength: 4 }),
        fc.nat(),
        (head, name, tail, at) => {
          const input = Uint8Array.of(...head, ...Buffer.from(name), 0, ...tail);
          const whole = cats.decode(input);
          const cut = at % input.length;
          const e = failure(() => cats.decode(input.subarray(0, cut)));
          expect(e.partial).toBeDefined();
          expect(agrees(e.partial, whole)).toBe(true);
        },
      ),
    );
  });

  it('does not take an instance that fails for the field being read', () => {
    const format = loadKsy(`
meta:
  id: lens
seq:
  - id: body
    size: far.len
    type: far
types:
  far:
    seq:
      - id: len
        type: u1
instances:
  far:
    pos: 10
    type: far
`);
    const e = failure(() => format.decode(Uint8Array.of(1, 2)));
    expect(e.path).toBe('body.far.len');
    expect(e.partial).toHaveProperty('body', undefined);
  });
});
