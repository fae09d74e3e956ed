// `stride ksy decode`: formats of Kaitai's suite decoded into the readable tree and the --json
// document (checked field by field against the values their .kst specs expect), imports from the
// .ksy's directory, instances (a failing one shown inline, a cycle cut), and the exit statuses: a
// truncated input 1, a bad .ksy 2, bad usage 2.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { piped, root, scratchFiles, stride } from './helpers.js';

const FORMATS = join(root, 'test/ksy/kaitai-tests/formats');
const SRC = join(root, 'test/ksy/kaitai-tests/src');
const format = (id: string) => join(FORMATS, `${id}.ksy`);
const input = (name: string) => join(SRC, name);

const scratch = scratchFiles('stride-ksy-');
const text = (s: string) => new TextEncoder().encode(s);

/** `stride ksy decode ...args` as JSON: exit 0, one document on one line, nothing on stderr. */
async function decodeJson(...args: string[]): Promise<unknown> {
  const out = await stride(['ksy', 'decode', '--json', ...args]);
  expect(out.stderr).toBe('');
  expect(out.code).toBe(0);
  expect(out.stdout.endsWith('\n')).toBe(true);
  expect(out.stdout.trimEnd().includes('\n')).toBe(false);
  return JSON.parse(out.stdout);
}

/** `stride ksy decode ...args` as the tree: exit 0, its lines. */
async function decodeTree(...args: string[]): Promise<string[]> {
  const out = await stride(['ksy', 'decode', ...args]);
  expect(out.stderr).toBe('');
  expect(out.code).toBe(0);
  expect(out.stdout.endsWith('\n')).toBe(true);
  return out.stdout.slice(0, -1).split('\n');
}

describe('stride ksy decode on formats of the suite', () => {
  it('bits_simple: bit fields, a u8 past 2^53 as a decimal string, a value instance after the fields', async () => {
    const doc = (await decodeJson(format('bits_simple'), input('fixed_struct.bin'))) as Record<
      string,
      unknown
    >;
    expect(Object.keys(doc)).toEqual([
      'byte_1',
      'byte_2',
      'bits_a',
      'bits_b',
      'bits_c',
      'large_bits_1',
      'spacer',
      'large_bits_2',
      'normal_s2',
      'byte_8_9_10',
      'byte_11_to_14',
      'byte_15_to_19',
      'byte_20_to_27',
      'test_if_b1',
    ]);
    expect(doc.byte_1).toBe(0x50);
    expect(doc.byte_2).toBe(0x41);
    expect(doc.bits_a).toBe(false);
    expect(doc.bits_b).toBe(0b100);
    expect(doc.bits_c).toBe(0b0011);
    expect(doc.large_bits_1).toBe(0b0100101100);
    expect(doc.spacer).toBe(0b101);
    expect(doc.large_bits_2).toBe(0b10100110001);
    expect(doc.normal_s2).toBe(-1);
    expect(doc.byte_8_9_10).toBe(0x504143);
    expect(doc.byte_11_to_14).toBe(0x4b2d552d);
    expect(doc.byte_15_to_19).toBe(0x444546ffff); // a bigint read, within 2^53: a number
    expect(doc.byte_20_to_27).toBe('18446744073709551615');
    expect(doc.test_if_b1).toBe(123);

    const tree = await decodeTree(format('bits_simple'), input('fixed_struct.bin'));
    expect(tree).toHaveLength(14);
    expect(tree).toContain('bits_a: false');
    expect(tree).toContain('byte_20_to_27: 18446744073709551615');
    expect(tree.at(-1)).toBe('test_if_b1: 123');
  });

  it('nav_parent: nested types indented, arrays item by item, bytes as hex', async () => {
    expect(await decodeJson(format('nav_parent'), input('nav.bin'))).toEqual({
      header: { qty_entries: 2, filename_len: 8 },
      index: { magic: 'ffffffff', entries: [{ filename: 'FIRST___' }, { filename: 'SECOND__' }] },
    });
    expect(await decodeTree(format('nav_parent'), input('nav.bin'))).toEqual([
      'header:',
      '  qty_entries: 2',
      '  filename_len: 8',
      'index:',
      '  magic: ff ff ff ff',
      '  entries:',
      '    [0]:',
      '      filename: "FIRST___"',
      '    [1]:',
      '      filename: "SECOND__"',
    ]);
  });

  it('str_encodings: ASCII, UTF-8, Shift_JIS and IBM437 strings', async () => {
    expect(await decodeJson(format('str_encodings'), input('str_encodings.bin'))).toEqual({
      len_of_1: 10,
      str1: 'Some ASCII',
      len_of_2: 15,
      str2: 'こんにちは',
      len_of_3: 10,
      str3: 'こんにちは',
      len_of_4: 3,
      str4: '░▒▓',
    });
    expect(await decodeTree(format('str_encodings'), input('str_encodings.bin'))).toContain(
      'str3: "こんにちは"',
    );
  });

  it('enum_import_seq: enums of imported files (from the .ksy directory) as their integers; standard input', async () => {
    const bytes = readFileSync(input('enum_0.bin'));
    const out = await stride(['ksy', 'decode', '--json', format('enum_import_seq'), '-'], piped(bytes, 3));
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({ pet_1: 7, pet_2: 12 }); // cat, hare
    expect(await decodeTree(format('enum_0'), input('enum_0.bin'))).toEqual(['pet_1: 7', 'pet_2: 12']);
  });

  it('an absolute import is looked for under the .ksy directory; an import not found is a bad .ksy', async () => {
    const dir = join(scratch.dir, 'abs');
    mkdirSync(join(dir, 'common'), { recursive: true });
    scratch.file(
      'abs/common/pair.ksy',
      text('meta: {id: pair}\nseq:\n  - {id: a, type: u1}\n  - {id: b, type: u1}\n'),
    );
    scratch.file(
      'abs/main.ksy',
      text('meta: {id: main, imports: [/common/pair]}\nseq:\n  - {id: p, type: pair}\n'),
    );
    const data = scratch.file('abs/data.bin', Uint8Array.of(1, 2));
    expect(await decodeJson(join(dir, 'main.ksy'), data)).toEqual({ p: { a: 1, b: 2 } });
    // The suite's imports_abs expects Kaitai's import path (formats/ks_path): not where we look.
    const out = await stride(['ksy', 'decode', format('imports_abs'), data]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^stride: .*imports_abs\.ksy: not a valid description: UNKNOWN_NAME: /);
  });
});

describe('stride ksy decode: instances and values', () => {
  it('an instance that fails on the data is shown inline; a cycle through _parent is cut', async () => {
    const ksy = scratch.file(
      'inst.ksy',
      text(
        [
          'meta: {id: inst, endian: le}',
          'seq:',
          '  - {id: n, type: u1}',
          '  - {id: child, type: kid}',
          '  - {id: blob, size: 40}',
          '  - {id: empty, size: 0}',
          '  - {id: maybe, type: u1, if: n > 100}',
          'instances:',
          '  far: {pos: 1000, type: u4}',
          '  twice: {value: n * 2}',
          'types:',
          '  kid:',
          '    seq:',
          '      - {id: v, type: u2}',
          '    instances:',
          '      up: {value: _parent}',
        ].join('\n'),
      ),
    );
    const bytes = Uint8Array.from({ length: 43 }, (_, i) => i + 5);
    const data = scratch.file('inst.bin', bytes);
    const doc = (await decodeJson(ksy, data)) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['n', 'child', 'blob', 'empty', 'maybe', 'far', 'twice']);
    expect(doc.n).toBe(5);
    expect(doc.child).toEqual({ v: 6 + 7 * 256, up: '<cycle>' });
    expect(doc.blob).toBe(Buffer.from(bytes.subarray(3)).toString('hex'));
    expect(doc.empty).toBe('');
    expect(doc.maybe).toBeNull();
    expect(doc.far).toBe(
      'error: END_OF_STREAM: far: requested 4 bytes, but only 0 bytes available at byte 43',
    );
    expect(doc.twice).toBe(10);

    const tree = await decodeTree(ksy, data);
    expect(tree).toContain('  up: <cycle>');
    const blob = tree.find((l) => l.startsWith('blob: ')) as string;
    expect(blob).toBe(
      `blob: ${Array.from(bytes.subarray(3, 35), (b) => b.toString(16).padStart(2, '0')).join(' ')} … (40 bytes)`,
    );
    expect(tree).toContain('empty: (0 bytes)');
    expect(tree).toContain('maybe: null');
    expect(tree.find((l) => l.startsWith('far: '))).toMatch(/^far: error: END_OF_STREAM: /);
    expect(tree.at(-1)).toBe('twice: 10');
  });
});

describe('stride ksy decode: an instance that reads its own object again', () => {
  it('cast_to_top: the header read at its own position is a cycle, in both forms', async () => {
    const data = scratch.file('top.bin', Uint8Array.of(0x50, 0x41, 0x42));
    const header = { code: 0x41, header: '<cycle>', header_casted: '<cycle>' };
    expect(await decodeJson(format('cast_to_top'), data)).toEqual({
      code: 0x50,
      header,
      header_casted: header,
    });
    const tree = await decodeTree(format('cast_to_top'), data);
    expect(tree).toEqual([
      'code: 80',
      'header:',
      '  code: 65',
      '  header: <cycle>',
      '  header_casted: <cycle>',
      'header_casted:',
      '  code: 65',
      '  header: <cycle>',
      '  header_casted: <cycle>',
    ]);
  });
});

describe('stride ksy decode --json: 64-bit integers and bytes', () => {
  const ksy = scratch.file(
    'wide.ksy',
    text(
      'meta: {id: wide, endian: le}\nseq:\n  - {id: u, type: u8}\n  - {id: s, type: s8}\n  - {id: b, size: 3}\n',
    ),
  );
  const json = (v: bigint) =>
    v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();

  it('an integer within ±(2^53 − 1) is a number, beyond it a decimal string; bytes are hex', async () => {
    const near = (edge: bigint) => fc.bigInt({ min: edge - 3n, max: edge + 3n });
    const safe = BigInt(Number.MAX_SAFE_INTEGER);
    const u = fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), near(safe), fc.constant(2n ** 64n - 1n));
    const s = fc.oneof(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), near(safe), near(-safe));
    await fc.assert(
      fc.asyncProperty(u, s, fc.uint8Array({ minLength: 3, maxLength: 3 }), async (uv, sv, b) => {
        const bytes = new Uint8Array(19);
        const view = new DataView(bytes.buffer);
        view.setBigUint64(0, uv, true);
        view.setBigInt64(8, sv, true);
        bytes.set(b, 16);
        const out = await stride(['ksy', 'decode', '--json', ksy, '-'], piped(bytes));
        expect(out.code).toBe(0);
        expect(JSON.parse(out.stdout)).toEqual({
          u: json(uv),
          s: json(sv),
          b: Buffer.from(b).toString('hex'),
        });
      }),
      { numRuns: 60 },
    );
  });
});

describe('stride ksy decode: faults and usage', () => {
  it('a truncated input: exit 1, the code, offset, Kaitai kind and path on stderr, nothing on stdout', async () => {
    const bytes = readFileSync(input('nav.bin')).subarray(0, 15);
    for (const json of [[], ['--json']]) {
      const out = await stride(['ksy', 'decode', ...json, format('nav_parent'), '-'], piped(bytes));
      expect(out.code).toBe(1);
      expect(out.stdout).toBe('');
      expect(out.stderr).toBe(
        'stride: invalid: END_OF_STREAM at byte 12 (EndOfStreamError): index.entries[0].filename: requested 8 bytes, but only 3 bytes available\n',
      );
    }
  });

  it('a bad .ksy: exit 2 with its code and line', async () => {
    const bad = scratch.file('bad.ksy', text('meta:\n  id: bad\nseq:\n  - id: x\n    type: u9\n'));
    const out = await stride(['ksy', 'decode', bad, input('nav.bin')]);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe(
      `stride: ${bad}: not a valid description: UNKNOWN_NAME: type \`u9\` not found (line 4:5, seq/0/type)\n`,
    );
    const yaml = await stride(['ksy', 'decode', scratch.file('yaml.ksy', text('meta: [')), input('nav.bin')]);
    expect(yaml.code).toBe(2);
    expect(yaml.stderr).toMatch(/^stride: .*yaml\.ksy: not a valid description: BAD_YAML: [^\n]*\n$/);
  });

  it('usage: missing operands, one too many, unknown option or subcommand, unreadable files; --help', async () => {
    for (const args of [
      [],
      [format('nav_parent')],
      [format('nav_parent'), input('nav.bin'), 'extra'],
      ['--frobnicate', format('nav_parent'), input('nav.bin')],
      ['--json=yes', format('nav_parent'), input('nav.bin')],
      [join(scratch.dir, 'none.ksy'), input('nav.bin')],
      [format('nav_parent'), join(scratch.dir, 'none.bin')],
    ]) {
      const out = await stride(['ksy', 'decode', ...args]);
      expect(out.code, args.join(' ')).toBe(2);
      expect(out.stderr).toContain('usage: stride ksy decode');
      expect(out.stdout).toBe('');
    }
    expect((await stride(['ksy', 'decode'])).stderr).toContain('missing FORMAT.ksy');
    expect((await stride(['ksy', 'decode', format('nav_parent')])).stderr).toContain('missing FILE');
    expect((await stride(['ksy', 'decode', join(scratch.dir, 'none.ksy'), '-'])).stderr).toContain(
      'no such file',
    );
    const unknown = await stride(['ksy', 'frob']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown subcommand frob');
    const help = await stride(['ksy', 'decode', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('usage: stride ksy decode [--json] FORMAT.ksy FILE');
    expect((await stride(['ksy', '--help'])).stdout).toContain('kst SPEC_DIR FORMATS_DIR SRC_DIR');
    expect((await stride(['--help'])).stdout).toContain('stride ksy decode');
  });
});
