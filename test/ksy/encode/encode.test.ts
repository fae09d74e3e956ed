// format.encode: every input of Kaitai's suite that decodes is written back byte for byte, or — where
// the description drops what it read (bits skipped to realign, padding) — to bytes that decode to
// the same value; the ones that cannot be written back are refused with EncodeErrors (encode reads
// its bytes back and compares). Plain objects: sizes and counts derived, _parent/_root/params/_io
// in expressions, positional instances written at their pos; wrong-typed values, lying sizes and
// cycles are EncodeErrors with the field's path, never a TypeError or RangeError.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
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

/**
 * Inputs the description cannot write back, and why: encode refuses them with an EncodeError
 * (its read-back check, or a stream's size only known once written), never returning bytes that
 * read as something else.
 */
const NOT_WRITTEN: Record<string, string> = {
  debug_array_user_current_excluded: 'a size computed from _io',
  instance_in_sized: 'positional instances read from the middle of the seq',
  process_repeat_usertype_dynarg_rotate: 'process arguments from the stream’s position',
  process_repeat_usertype_dynarg_xor: 'process arguments from the stream’s position',
  term_bytes4: 'a terminator that eos-error: false let be absent',
  term_struct4: 'a terminator that eos-error: false let be absent',
  term_strz4: 'a terminator that eos-error: false let be absent',
  term_strz_utf16_v4: 'a terminator that eos-error: false let be absent',
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
      if (Buffer.from(input).subarray(0, out.length).equals(out)) {
        exact++;
        continue;
      }
      expect(JSON.stringify(toJson(format.decode(out))), spec.id).toBe(JSON.stringify(toJson(object)));
    }
    expect(exact).toBeGreaterThanOrEqual(245);
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

describe('encode: what a plain object leaves to the description', () => {
  it('expressions on _parent, _root, params and a sized stream’s _io work on plain objects', () => {
    const format = loadKsy(`
meta: {id: nest, endian: le}
seq:
  - {id: len, type: u1}
  - {id: kid, type: kid(len + 1), size: 6}
types:
  kid:
    params: [{id: extra, type: u1}]
    seq:
      - {id: body, size: _parent.len}
      - {id: more, size: extra - _root.len}
      - {id: rest, size: _io.size - _io.pos}
`);
    const object = {
      len: 2,
      kid: { body: Uint8Array.of(1, 2), more: Uint8Array.of(3), rest: Uint8Array.of(4, 5, 6) },
    };
    const bytes = format.encode(object);
    expect([...bytes]).toEqual([2, 1, 2, 3, 4, 5, 6]);
    expect(toJson(format.decode(bytes))).toEqual({
      len: 2,
      kid: { body: '0102', more: '03', rest: '040506' },
    });
  });

  it('writes positional instances at their pos; the seq wins where they overlap', () => {
    const format = loadKsy(`
meta: {id: indexed, endian: le}
seq:
  - {id: ofs, type: u1}
  - {id: tag, size: 3}
instances:
  table:
    pos: ofs
    type: u2
    repeat: expr
    repeat-expr: 2
  first:
    pos: 1
    size: 3
`);
    const bytes = format.encode({ ofs: 6, tag: Uint8Array.of(7, 8, 9), table: [0x102, 0x304] });
    expect([...bytes]).toEqual([6, 7, 8, 9, 0, 0, 2, 1, 4, 3]);
    const back = format.decode(bytes);
    expect(format.encode(back)).toEqual(bytes); // its `first` agrees with the seq
  });

  it('refuses, naming the field, a value the description reads back as something else', () => {
    const format = loadKsy(`
meta: {id: padded}
seq:
  - {id: name, size: 4, pad-right: 0x20, type: str, encoding: ASCII}
  - {id: ofs, type: u1}
instances:
  peek: {pos: ofs, type: u1}
`);
    expect([...format.encode({ name: 'ab', ofs: 0 })]).toEqual([0x61, 0x62, 0x20, 0x20, 0]);
    const refused = (object: object, path: string, message: RegExp) =>
      expect(() => format.encode(object)).toThrow(
        expect.objectContaining({ code: 'NOT_INVERTIBLE', path, message: expect.stringMatching(message) }),
      );
    refused({ name: 'ab ', ofs: 0 }, 'name', /reads back as "ab", not "ab "/);
    // An instance at a byte the seq writes, with another value there.
    refused({ name: 'abcd', ofs: 1, peek: 0x7a }, 'peek', /reads back as 98, not 122/);
  });

  it('gives EncodeErrors, never RangeErrors or overflows, on lying sizes, far positions and cycles', () => {
    const format = loadKsy(`
meta: {id: lies, endian: le}
seq:
  - {id: len, type: u4}
  - {id: body, size: len}
  - {id: kid, type: lies, if: len == 1}
instances:
  far: {pos: len, type: u1}
`);
    const code = (object: object) => {
      try {
        format.encode(object);
        return 'none';
      } catch (e) {
        expect(e).toBeInstanceOf(EncodeError);
        return (e as EncodeError).code;
      }
    };
    expect(code({ len: 0xffffffff, body: new Uint8Array(1) })).toBe('BAD_LENGTH');
    expect(code({ len: 0xfffffff0, body: new Uint8Array(0), far: 1 })).toBe('BAD_LENGTH');
    const loop: Record<string, unknown> = { len: 1, body: Uint8Array.of(0) };
    loop.kid = loop;
    expect(code(loop)).toBe('TOO_DEEP');
    expect(code({ len: 1, body: Uint8Array.of(0) })).toBe('BAD_VALUE'); // kid left out
  });

  it('an expression that needs a value the object leaves out is an EncodeError with its field', () => {
    const format = loadKsy(`
meta: {id: deep}
seq:
  - {id: hdr, type: h}
  - {id: pre, size: hdr.sub.n}
types:
  h:
    seq:
      - {id: has, type: u1}
      - {id: sub, type: s, if: has == 1}
  s:
    seq: [{id: n, type: u1}]
`);
    const pre = Uint8Array.of(9);
    expect([...format.encode({ hdr: { has: 1, sub: { n: 1 } }, pre })]).toEqual([1, 1, 9]);
    expect(() => format.encode({ hdr: { has: 0 }, pre })).toThrow(
      expect.objectContaining({ code: 'CANNOT_WRITE', path: 'pre' }),
    );
  });
});

describe('encode: a decoded object writes back its own bytes', () => {
  const format = loadKsy(`
meta: {id: kept, endian: le}
seq:
  - {id: len, type: u1}
  - {id: packed, size: len, process: zlib}
  - {id: box, size: 6, type: box}
types:
  box:
    seq: [{id: a, type: u2}]
`);
  // Compressed at level 1, which encode (default level) would not reproduce.
  const packed = deflateSync(Buffer.from('stride '.repeat(20)), { level: 1 });
  const input = Buffer.concat([Buffer.of(packed.length), packed, Buffer.from('0100aabbccdd', 'hex')]);

  it('the bytes a process routine was given, and those no field reads, are kept', () => {
    expect(Buffer.from(deflateSync(Buffer.from('stride '.repeat(20))))).not.toEqual(packed);
    expect(Buffer.from(format.encode(format.decode(input)))).toEqual(input);
  });

  it('a changed value is written anew, and reads back as changed', () => {
    const object = format.decode(input) as KsyObject & { packed: Uint8Array; box: { a: number } };
    const changed = { ...object, len: undefined, packed: new TextEncoder().encode('new'), box: { a: 2 } };
    const back = format.decode(format.encode(changed)) as typeof object;
    expect(new TextDecoder().decode(back.packed)).toBe('new');
    expect(back.box.a).toBe(2);
    // Changed in place: the bytes read are not taken for its compressed form.
    const inPlace = format.decode(input) as typeof object;
    inPlace.packed.fill(0x41);
    inPlace.box.a = 3;
    const again = format.decode(format.encode(inPlace)) as typeof object;
    expect(again.packed).toEqual(new Uint8Array(140).fill(0x41));
    expect(Buffer.from(format.encode(inPlace)).subarray(-4)).toEqual(Buffer.from('aabbccdd', 'hex'));
    expect(again.box.a).toBe(3);
  });
});
