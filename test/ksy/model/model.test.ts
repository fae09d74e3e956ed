// What the model says of some formats of Kaitai's test suite: types with their defaults filled in,
// switches, enums exact to 64 bits, contents as bytes, process and valid, computed endianness and
// its inheritance, and user types and enums resolved across nested types and imports.
import { describe, expect, test } from 'vitest';
import {
  type AttrSpec,
  type ImportLookup,
  type InstanceSpec,
  type ParamSpec,
  parseKsy,
  type ResolvedFormat,
  resolveKsy,
  type TypeSpec,
} from '../../../packages/ksy/src/model/index.js';
import { corpusImports, parseFormat } from './corpus.js';

/** The corpus lookup for `main`, recording each name it is asked for in `names`. */
function recording(main: string, names: string[]): ImportLookup {
  const lookup = corpusImports(main);
  return (name, from) => {
    names.push(name);
    return lookup(name, from);
  };
}

function load(name: string): ResolvedFormat {
  return resolveKsy(parseFormat(name), corpusImports(name));
}

function attr(type: TypeSpec, id: string): AttrSpec {
  const found = type.seq.find((a) => a.id === id);
  if (!found) throw new Error(`no field ${id} in ${type.name}`);
  return found;
}

function instance(type: TypeSpec, id: string): InstanceSpec {
  const found = type.instances.find((i) => i.id === id);
  if (!found) throw new Error(`no instance ${id} in ${type.name}`);
  return found;
}

/** The type a user-typed field reads. */
function userOf(format: ResolvedFormat, field: AttrSpec): TypeSpec | undefined {
  if (field.type.kind !== 'user') throw new Error(`${field.id} is not of a user type`);
  return format.userType(field.type);
}

function nested(type: TypeSpec, ...names: string[]): TypeSpec {
  return names.reduce((t, name) => {
    const found = t.types.find((x) => x.name === name);
    if (!found) throw new Error(`no type ${name} in ${t.name}`);
    return found;
  }, type);
}

describe('types', () => {
  test('bits_simple: bit widths in the default bit order, ints with their suffix', () => {
    const { top } = load('bits_simple');
    expect(top.seq.map((a) => a.type)).toEqual([
      ...[8, 8, 1, 3, 4, 10, 3, 11].map((width) => ({ kind: 'bits', width, bitEndian: 'be' })),
      { kind: 'int', width: 2, signed: true, endian: 'be' },
      ...[24, 32, 40, 64].map((width) => ({ kind: 'bits', width, bitEndian: 'be' })),
    ]);
    expect(instance(top, 'test_if_b1')).toMatchObject({
      kind: 'value',
      value: { source: '123' },
      if: { source: 'bits_a == false' },
    });
  });

  test('switch_manual_int: cases as expressions, strz with its encoding and null terminator', () => {
    const format = load('switch_manual_int');
    const opcode = nested(format.top, 'opcode');
    const body = attr(opcode, 'body');
    expect(body.type).toMatchObject({
      kind: 'switch',
      on: { source: 'code', path: ['types', 'opcode', 'seq', 1, 'type', 'switch-on'], line: 14 },
      cases: [
        { match: { source: '73', line: 16, column: 13 }, type: { kind: 'user', name: ['intval'], args: [] } },
        { match: { source: '83' }, type: { kind: 'user', name: ['strval'], args: [] } },
      ],
    });
    expect(attr(nested(opcode, 'strval'), 'value')).toMatchObject({
      type: { kind: 'strz', encoding: 'ASCII' },
      terminator: 0,
    });
    if (body.type.kind !== 'switch') throw new Error('not a switch');
    const [intval, strval] = body.type.cases.map((c) =>
      c.type.kind === 'user' ? format.userType(c.type) : undefined,
    );
    expect(intval).toBe(nested(opcode, 'intval'));
    expect(strval?.fullName).toEqual(['switch_manual_int', 'opcode', 'strval']);
  });

  test('switch_manual_int_size: a sized switch gets the implicit bytes case; hex cases keep their text', () => {
    const chunk = nested(load('switch_manual_int_size').top, 'chunk');
    const body = attr(chunk, 'body');
    expect(body.size?.source).toBe('size');
    expect(body.type).toMatchObject({
      cases: [
        { match: { source: '0x11' } },
        { match: { source: '0x22' } },
        { match: '_', type: { kind: 'bytes' } },
      ],
    });
  });

  test('term_strz_utf16_v1: strz in UTF-16 ends at two zero bytes', () => {
    const { top } = load('term_strz_utf16_v1');
    expect(attr(top, 's1')).toMatchObject({
      type: { kind: 'strz', encoding: 'UTF-16LE' },
      terminator: new Uint8Array(2),
    });
    expect(attr(top, 's2')).toMatchObject({ consume: false, include: false, eosError: true });
    expect(attr(top, 's3').include).toBe(true);
  });

  test('nav_parent: expressions keep their text and place; fixed meta endian reaches nested types', () => {
    const { top } = load('nav_parent');
    const entry = nested(top, 'entry');
    expect(entry.meta.endian).toBe('le');
    expect(attr(nested(top, 'header_obj'), 'qty_entries').type).toEqual({
      kind: 'int',
      width: 4,
      signed: false,
      endian: 'le',
    });
    expect(attr(nested(top, 'index_obj'), 'entries')).toMatchObject({
      repeat: { kind: 'expr', expr: { source: '_parent.header.qty_entries', line: 23, column: 22 } },
    });
    expect(attr(entry, 'filename')).toMatchObject({
      size: { source: '_parent._parent.header.filename_len' },
      type: { kind: 'str', encoding: 'UTF-8' },
    });
  });

  test('optional_id: seq fields without id get Kaitai names', () => {
    const { top } = load('optional_id');
    expect(top.seq.map((a) => [a.id, a.unnamed])).toEqual([
      ['_unnamed0', true],
      ['_unnamed1', true],
      ['_unnamed2', true],
    ]);
  });

  test('params_pass_array_usertype: user type arguments and array parameter types', () => {
    const format = load('params_pass_array_usertype');
    expect(attr(format.top, 'pass_blocks').type).toMatchObject({
      kind: 'user',
      name: ['param_type'],
      args: [{ source: 'blocks' }],
    });
    const [bar] = nested(format.top, 'param_type').params;
    expect(bar?.type).toEqual({ kind: 'array', element: { kind: 'user', name: ['block'] } });
    if (bar?.type.kind !== 'array' || bar.type.element.kind !== 'user')
      throw new Error('not an array of a user type');
    expect(format.userType(bar.type.element)).toBe(nested(format.top, 'block'));
  });
});

describe('endianness', () => {
  test('default_endian_expr_is_be: computed in a type, inherited below it, suffixes kept', () => {
    const mainObj = nested(load('default_endian_expr_is_be').top, 'doc', 'main_obj');
    expect(mainObj.meta.endian).toMatchObject({
      switchOn: { source: '_parent.indicator' },
      cases: [
        [{ source: '[0x4d, 0x4d]', line: 20, column: 15 }, 'be'],
        ['_', 'le'],
      ],
    });
    expect(attr(mainObj, 'some_int').type).toEqual({ kind: 'int', width: 4, signed: false });
    expect(attr(mainObj, 'some_int_be').type).toMatchObject({ endian: 'be' });
    expect(attr(mainObj, 'some_int_le').type).toMatchObject({ endian: 'le' });
    expect(nested(mainObj, 'sub_main_obj').meta.endian).toBe('inherited');
    expect(instance(mainObj, 'inst_int')).toMatchObject({
      kind: 'parse',
      pos: { source: '2' },
      type: { kind: 'int', width: 4 },
    });
  });

  test('default_endian_expr_inherited: inherited through several levels', () => {
    const main = nested(load('default_endian_expr_inherited').top, 'doc', 'main_obj');
    expect(nested(main, 'sub_obj').meta.endian).toBe('inherited');
    expect(nested(main, 'sub_obj', 'subsub_obj').meta.endian).toBe('inherited');
  });

  test('default_bit_endian_mod / bits_seq_endian_combo: bit-endian inherited and overridden', () => {
    for (const name of ['default_bit_endian_mod', 'bits_seq_endian_combo', 'bits_simple_le']) {
      const types: TypeSpec[] = [];
      const walk = (t: TypeSpec) => [types.push(t), t.types.forEach(walk)];
      walk(load(name).top);
      for (const t of types)
        for (const a of t.seq)
          if (a.type.kind === 'bits')
            expect([name, a.id, a.type.bitEndian]).toEqual([name, a.id, expect.stringMatching(/^(le|be)$/)]);
    }
    const { top } = load('bits_simple_le');
    expect(top.meta.bitEndian).toBe('le');
    expect(top.seq.every((a) => a.type.kind !== 'bits' || a.type.bitEndian === 'le')).toBe(true);
  });
});

describe('enums', () => {
  test('enum_long_range_u: members past 2^53 are exact bigints', () => {
    const format = load('enum_long_range_u');
    const [constants] = format.top.enums;
    expect(constants?.members.map((m) => [m.id, m.value])).toEqual([
      ['zero', 0],
      ['int_max', 4294967295],
      ['int_over_max', 4294967296],
      ['long_max', 18446744073709551615n],
    ]);
    expect(format.enumOf(attr(format.top, 'f1'))).toBe(constants);
  });

  test('enum_negative and enum_fancy: negative keys, members with doc', () => {
    expect(load('enum_negative').top.enums[0]?.members.map((m) => m.value)).toEqual([-1, 1]);
    const fancy = load('enum_fancy').top.enums[0];
    expect(fancy?.members[0]).toMatchObject({
      value: 4,
      id: 'dog',
      doc: { doc: 'A member of genus Canis.' },
    });
    expect(fancy?.members[2]).toMatchObject({ value: 12, id: 'chicken', doc: { docRef: [] } });
  });

  test('enum_deep: enum paths through nested types', () => {
    const format = load('enum_deep');
    const c1 = nested(format.top, 'container1');
    expect(format.enumOf(attr(format.top, 'pet_1'))).toBe(c1.enums[0]);
    expect(format.enumOf(attr(format.top, 'pet_2'))?.fullName).toEqual([
      'enum_deep',
      'container1',
      'container2',
      'animal',
    ]);
    expect(format.resolveEnum(nested(c1, 'container2'), ['animal'])?.members[0]?.id).toBe('canary');
    expect(format.resolveEnum(c1, ['animal'])?.members[0]?.id).toBe('dog');
    expect(format.resolveEnum(format.top, ['animal'])).toBeUndefined();
  });

  test('enum_import_seq: enums of imported files, by their top type name', () => {
    const format = load('enum_import_seq');
    expect(format.enumOf(attr(format.top, 'pet_1'))?.fullName).toEqual(['enum_0', 'animal']);
    expect(format.enumOf(attr(format.top, 'pet_2'))?.fullName).toEqual([
      'enum_deep',
      'container1',
      'container2',
      'animal',
    ]);
    expect(format.fileOf(format.resolveType(format.top, ['enum_0']) as TypeSpec).file).toBe('enum_0');
  });

  test('params_enum / params_def_enum_imported: enums of parameters', () => {
    const format = load('params_enum');
    const [param] = nested(format.top, 'with_param').params;
    expect(param).toMatchObject({ id: 'enumerated_one', type: { kind: 'int', width: 1 }, enum: ['animal'] });
    expect(format.enumOf(param as ParamSpec)).toBe(format.top.enums[0]);
    const imported = resolveKsy(
      parseFormat('params_def_enum_imported'),
      corpusImports('params_def_enum_imported'),
    );
    expect(imported.top.params.map((p) => imported.enumOf(p)?.fullName.join('::'))).toEqual([
      'enum_0::animal',
      'enum_deep::container1::container2::animal',
    ]);
  });

  test('expr_bits: enums on bit fields and value instances', () => {
    const format = load('expr_bits');
    const items = format.top.enums[0];
    expect(attr(format.top, 'enum_seq')).toMatchObject({ type: { kind: 'bits', width: 2 }, enum: ['items'] });
    expect(format.enumOf(instance(format.top, 'enum_inst'))).toBe(items);
    expect(nested(format.top, 'endian_switch').meta.endian).toMatchObject({
      cases: [
        [{ source: '1' }, 'le'],
        [{ source: '2' }, 'be'],
      ],
    });
  });
});

describe('expressions', () => {
  test('expr_0: a number keeps its source text, a quoted string its value', () => {
    const { top } = load('expr_0');
    expect(instance(top, 'must_be_f7')).toMatchObject({ value: { source: '7 + 0xf0' } });
    expect(instance(top, 'must_be_abc123')).toMatchObject({ value: { source: '"abc" + "123"' } });
  });

  test('yaml_ints: integers past 2^53 stay exact text', () => {
    const { top } = load('yaml_ints');
    expect(top.instances.map((i) => (i.kind === 'value' ? i.value.source : undefined))).toEqual([
      '4294967295',
      '0xffffffff',
      '18446744073709551615',
      '0xffffffffffffffff',
    ]);
  });
});

describe('contents, process, valid', () => {
  test('fixed_contents / valid_fail_contents: contents as bytes', () => {
    const { top } = load('fixed_contents');
    expect(attr(top, 'normal')).toMatchObject({
      type: { kind: 'bytes' },
      contents: new TextEncoder().encode('PACK-1'),
    });
    expect(attr(top, 'high_bit_8').contents).toEqual(new Uint8Array([0xff, 0xff]));
    expect(attr(load('valid_fail_contents').top, 'foo').contents).toEqual(new Uint8Array([0x51, 0x41]));
  });

  test('contents mixes bytes and strings as Kaitai reads them', () => {
    const file = parseKsy(
      'meta:\n  id: t\nseq:\n  - id: a\n    contents: ["0x12", "ab", 18, -1, "-2", 0x7f]\n',
    );
    expect(file.top.seq[0]?.contents).toEqual(new Uint8Array([0x12, 0x61, 0x62, 18, 0xff, 0xfe, 0x7f]));
  });

  test('process_xor4_const, process_rotate, process_custom: names and arguments', () => {
    expect(attr(load('process_xor4_const').top, 'buf')).toMatchObject({
      sizeEos: true,
      process: { name: 'xor', args: [{ source: '[0xec, 0xbb, 0xa3, 0x14]' }] },
    });
    const rotate = load('process_rotate').top;
    expect(rotate.seq.map((a) => [a.process?.name, a.process?.args.map((x) => x.source)])).toEqual([
      ['rol', ['3']],
      ['ror', ['3']],
      [undefined, undefined],
      ['rol', ['key']],
    ]);
    const custom = load('process_custom').top;
    expect(attr(custom, 'buf1').process?.args.map((a) => a.source)).toEqual([
      '7',
      'true',
      '[0x20, 0x30, 0x40]',
    ]);
    expect(attr(custom, 'buf2').process).toMatchObject({
      name: 'nested.deeply.custom_fx',
      args: [{ source: '7' }],
    });
  });

  test('valid_*: each form', () => {
    const field = (name: string, id = 'foo') => attr(load(name).top, id).valid;
    expect(field('valid_fail_eq_int')).toMatchObject({
      kind: 'eq',
      eq: { source: '123', line: 6, column: 12 },
    });
    expect(field('valid_fail_range_int')).toMatchObject({
      kind: 'range',
      min: { source: '5' },
      max: { source: '10' },
    });
    expect(field('valid_fail_min_int')).toMatchObject({ kind: 'range', min: { source: '123' } });
    expect(field('valid_fail_min_int')).not.toHaveProperty('max');
    expect(field('valid_fail_anyof_int')).toMatchObject({ kind: 'anyOf' });
    expect(field('valid_fail_in_enum')).toEqual({ kind: 'inEnum' });
    expect(field('valid_fail_expr', 'bar')).toMatchObject({
      kind: 'expr',
      expr: { source: '_ < -190 or _ > -190' },
    });
    expect(field('valid_switch', 'b')).toMatchObject({ kind: 'eq', eq: { source: '0x4341' } });
  });
});

describe('imports', () => {
  test('imports_rel_1: relative imports from the importing file’s directory', () => {
    const names: string[] = [];
    const format = resolveKsy(parseFormat('imports_rel_1'), recording('imports_rel_1', names));
    expect(names).toEqual(['for_rel_imports/imported_1', 'for_rel_imports/imported_2']);
    expect(userOf(format, attr(format.top, 'two'))?.name).toBe('imported_1');
    expect([...format.files.keys()]).toEqual([
      '',
      'for_rel_imports/imported_1',
      'for_rel_imports/imported_2',
    ]);
  });

  test('imports_abs_rel / imports_abs_abs: absolute imports, and relative ones inside them stay absolute', () => {
    for (const name of ['imports_abs_rel', 'imports_abs_abs']) {
      const names: string[] = [];
      resolveKsy(parseFormat(name), recording(name, names));
      expect(names[1]).toBe('/imported_root');
    }
  });

  test('imports_circular_a: a cycle loads each file once', () => {
    const format = load('imports_circular_a');
    const b = userOf(format, attr(format.top, 'two'));
    expect(b?.name).toBe('imports_circular_b');
    expect(userOf(format, attr(b as TypeSpec, 'back_ref'))).toBe(format.top);
    expect(format.files.size).toBe(2);
  });

  test('nested_types_import: paths into an imported file’s nested types', () => {
    const format = load('nested_types_import');
    expect(userOf(format, attr(format.top, 'a_c_d'))?.fullName).toEqual([
      'nested_types3',
      'subtype_a',
      'subtype_c',
      'subtype_d',
    ]);
  });

  test('nested_same_name2: a name is looked up in the current type first, then outward', () => {
    const format = load('nested_same_name2');
    const main = nested(format.top, 'main');
    const dummy = nested(format.top, 'dummy_obj');
    expect(userOf(format, attr(main, 'foo'))).toBe(nested(main, 'foo_obj'));
    expect(userOf(format, attr(dummy, 'foo'))).toBe(nested(dummy, 'foo_obj'));
    expect(format.resolveType(nested(main, 'foo_obj'), ['main'])).toBe(main);
    expect(format.resolveType(nested(main, 'foo_obj'), ['nested_same_name2', 'dummy_obj', 'foo_obj'])).toBe(
      nested(dummy, 'foo_obj'),
    );
    expect(format.resolveType(format.top, ['foo_obj'])).toBeUndefined();
  });
});
