// format.encode: every input of Kaitai's suite that decodes is written back byte for byte, or — where
// the description drops what it read (bits skipped to realign, padding of an end-of-stream field,
// values an instance or _io gives) — to bytes that decode to the same value; the ones that cannot
// be written say why, as EncodeErrors. A size or count another field gives is derived when left out,
// and wrong-typed values are EncodeErrors with the field's path, never a TypeError.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EncodeError } from '@stride/codec';
import { type KsyFormat, type KsyObject, loadKsy, toJson } from '@stride/ksy';
import { parseKst } from '@stride/ksy/kst';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORMATS, KAITAI_TESTS } from '../model/corpus.js';

const imports = (name: string): string | undefined => {
  const path = name.startsWith('/')
    ? join(FORMATS, 'ks_path', `${name.slice(1)}.ksy`)
    : join(FORMATS, `${name}.ksy`);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
};

/** Formats whose values do not say all their bytes, or that a write cannot invert (and why). */
const NOT_WRITTEN: Record<string, string> = {
  debug_array_user_current_excluded: 'a size computed from _io',
  expr_io_pos: 'a size computed from _io.pos',
  term_bytes4: 'a terminator that eos-error: false let be absent',
  term_struct4: 'a terminator that eos-error: false let be absent',
  term_strz4: 'a terminator that eos-error: false let be absent',
  term_strz_utf16_v4: 'a terminator that eos-error: false let be absent',
};
const NOT_SAME: Record<string, string> = {
  bytes_eos_pad_term: 'pad-right of a size-eos field: the size is its parent’s',
  str_eos_pad_term: 'pad-right of a size-eos field',
  str_eos_pad_term_empty: 'pad-right of a size-eos field',
  str_eos_pad_term_equal: 'pad-right of a size-eos field',
  expr_io_eof: 'fields whose presence _io.eof decides',
  expr_io_eof_bits: 'fields whose presence _io.eof decides',
  expr_io_pos_bits: 'fields whose presence _io.pos decides',
  instance_in_sized: 'values positional instances read',
  instance_io_user_earlier: 'values positional instances read',
  process_repeat_usertype_dynarg_rotate: 'process arguments from fields written later',
  process_repeat_usertype_dynarg_xor: 'process arguments from fields written later',
};

describe('encode on Kaitai’s suite', () => {
  it('writes every decoded input back, byte for byte or to the same value', () => {
    let exact = 0;
    const specs = join(KAITAI_TESTS, 'spec/ks');
    for (const name of readdirSync(specs).sort()) {
      const spec = parseKst(readFileSync(join(specs, name), 'utf8'), name);
      let format: KsyFormat;
      let input: Uint8Array;
      let object: KsyObject;
      try {
        format = loadKsy(readFileSync(join(FORMATS, `${spec.id}.ksy`), 'utf8'), { imports });
        input = new Uint8Array(readFileSync(join(KAITAI_TESTS, 'src', spec.data)));
        object = format.decode(input);
      } catch {
        continue;
      }
      if (spec.id in NOT_WRITTEN) {
        expect(() => format.encode(object), spec.id).toThrow(EncodeError);
        continue;
      }
      const out = format.encode(object);
      if (format.top.seq.length === 0) continue; // only instances: nothing is written
      if (Buffer.from(input).subarray(0, out.length).equals(out)) {
        exact++;
        continue;
      }
      if (spec.id in NOT_SAME) continue;
      expect(JSON.stringify(toJson(format.decode(out))), spec.id).toBe(JSON.stringify(toJson(object)));
    }
    expect(exact).toBeGreaterThanOrEqual(215);
  });
});

const RECORD = `
meta:
  id: record
  endian: le
seq:
  - id: magic
    contents: 'RC'
  - id: len
    type: u2
  - id: name
    type: str
    size: len
    encoding: UTF-8
  - id: count
    type: u1
  - id: points
    type: point
    repeat: expr
    repeat-expr: count
  - id: flags
    type: b3
  - id: level
    type: b5
  - id: big
    type: u8be
  - id: tail
    type: strz
    encoding: ASCII
types:
  point:
    seq:
      - id: x
        type: s2
      - id: y
        type: s2
`;

describe('encode', () => {
  const format = loadKsy(RECORD);
  const value = fc.record({
    name: fc.string({ maxLength: 30 }),
    points: fc.array(
      fc.record({ x: fc.integer({ min: -32768, max: 32767 }), y: fc.integer({ min: -32768, max: 32767 }) }),
      {
        maxLength: 5,
      },
    ),
    flags: fc.nat(7),
    level: fc.nat(31),
    big: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
    tail: fc.string({ unit: fc.constantFrom('a', 'b', '1'), maxLength: 6 }),
  });

  it('round-trips, deriving the sizes and counts left out', () => {
    fc.assert(
      fc.property(value, (v) => {
        const bytes = format.encode(v);
        const back = format.decode(bytes);
        expect(toJson(back)).toMatchObject({
          len: new TextEncoder().encode(v.name).length,
          count: v.points.length,
          name: v.name,
          flags: v.flags,
          level: v.level,
          tail: v.tail,
        });
        expect(back.big).toBe(v.big);
        expect(format.encode(back)).toEqual(bytes);
      }),
    );
  });

  it('refuses wrong-typed values with EncodeErrors naming the field', () => {
    const good = { name: 'n', points: [{ x: 1, y: 2 }], flags: 1, level: 1, big: 1n, tail: 'x' };
    const cases: [object, string, string][] = [
      [{ ...good, flags: 8 }, 'OUT_OF_RANGE', 'flags'],
      [{ ...good, big: 'x' }, 'BAD_VALUE', 'big'],
      [{ ...good, points: [{ x: 1.5, y: 2 }] }, 'BAD_VALUE', 'points[0].x'],
      [{ ...good, points: {} }, 'BAD_VALUE', 'points'],
      [{ ...good, name: 7 }, 'BAD_VALUE', 'name'],
      [{ ...good, len: 0 }, 'BAD_LENGTH', 'name'],
      [{ ...good, count: 2 }, 'BAD_LENGTH', 'points'],
    ];
    for (const [object, code, path] of cases)
      expect(() => format.encode(object), path).toThrow(expect.objectContaining({ code, path }));
    fc.assert(
      fc.property(fc.anything(), (junk) => {
        try {
          format.encode({ ...good, points: [junk] });
        } catch (e) {
          expect(e).toBeInstanceOf(EncodeError);
        }
      }),
    );
  });
});
