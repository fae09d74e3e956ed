// typeDeclarations on the corpus formats and fixtures/typed.ksy: every declaration type-checks
// (TypeScript's compiler over in-memory files, each also imported by its default export); every
// object a format decodes from its input has exactly the fields and instances its interface lists,
// in order, each value of a kind the declared type allows (number, bigint, boolean, string,
// Uint8Array, array, object); and the fixtures the type tests read are what typeDeclarations writes.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { instanceNames } from '../../../packages/ksy/src/compile/slots.js';
import { typeDeclarations } from '../../../packages/ksy/src/types/declarations.js';
import { FIXTURES, FORMAT_IDS, formatSource, load, specInput, TYPED_INPUT } from './support.js';

const DIR = '/virtual';
const OPTIONS: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2023.d.ts'],
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  types: [],
};

/** A program over in-memory files (by absolute path) and TypeScript's own libs. */
function program(files: ReadonlyMap<string, string>): ts.Program {
  const host = ts.createCompilerHost(OPTIONS);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, language, ...rest) => {
    const text = files.get(name);
    return text === undefined
      ? getSourceFile(name, language, ...rest)
      : ts.createSourceFile(name, text, language);
  };
  const { directoryExists } = host;
  host.directoryExists = (name) => name === DIR || (directoryExists?.(name) ?? false);
  host.fileExists = (name) => files.has(name) || fileExists(name);
  host.readFile = (name) => files.get(name) ?? readFile(name);
  return ts.createProgram([...files.keys()], OPTIONS, host);
}

/** The formats by id: loaded, and the input they decode when there is one. */
const formats = new Map([
  ...FORMAT_IDS.map((id) => [id, { format: load(formatSource(id)), input: specInput(id) }] as const),
  ['typed', { format: load(readFileSync(join(FIXTURES, 'typed.ksy'), 'utf8')), input: TYPED_INPUT }],
]);
const declarations = new Map(
  [...formats].map(([id, { format }]) => [id, typeDeclarations(format, { name: 'Decoded' })]),
);
/** The declarations the type tests read (decode.test-d.ts). */
const FIXTURE_IDS = ['typed', 'bits_simple', 'enum_0', 'if_struct', 'switch_manual_int', 'repeat_eos_struct'];

const files = new Map<string, string>();
for (const [id, text] of declarations) {
  files.set(`${DIR}/${id}.d.ts`, text);
  files.set(
    `${DIR}/${id}.use.ts`,
    `import type Top from './${id}.js';\nexport const top = (t: Top): Top => t;\n`,
  );
}
const checked = program(files);

describe('typeDeclarations of the corpus formats', () => {
  it('type-check', () => {
    expect(FORMAT_IDS.length).toBeGreaterThanOrEqual(70);
    const errors = ts
      .getPreEmitDiagnostics(checked)
      .map((d) => `${d.file?.fileName}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(errors).toEqual([]);
  });

  it('list exactly what decoded objects have', () => {
    const checker = checked.getTypeChecker();
    const count = { n: 0 };
    const wrong: string[] = [];
    const decoded = [...formats].filter(([, f]) => f.input !== undefined);
    for (const [id, { format, input }] of decoded) {
      const file = checked.getSourceFile(`${DIR}/${id}.d.ts`) as ts.SourceFile;
      const module = checker.getSymbolAtLocation(file) as ts.Symbol;
      const exported = checker.getExportsOfModule(module).find((s) => s.name === 'default') as ts.Symbol;
      const top = checker.getDeclaredTypeOfSymbol(checker.getAliasedSymbol(exported));
      wrong.push(...mismatches(checker, format.decode(input as Uint8Array), top, id, count));
    }
    expect(wrong).toEqual([]);
    expect(decoded.length).toBeGreaterThanOrEqual(40);
    expect(count.n).toBeGreaterThan(350);
  });
});

describe('typeDeclarations', () => {
  it.each(FIXTURE_IDS)('wrote fixtures/%s.d.ts as it is (STRIDE_UPDATE_FIXTURES=1 rewrites it)', (id) => {
    const path = join(FIXTURES, `${id}.d.ts`);
    const text = declarations.get(id) as string;
    if (process.env.STRIDE_UPDATE_FIXTURES) writeFileSync(path, text);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('keeps the docs and names the top type as asked', () => {
    const text = declarations.get('typed') as string;
    expect(text).toContain('/** A point (x, y). */\nexport interface Typed_Point {');
    expect(text).toContain('  /** A good dog. */\n  readonly dog: 4;');
    expect(text).toContain('export type { Typed as default };\nexport type Decoded = Typed;');
    const { format } = formats.get('typed') as { format: Parameters<typeof typeDeclarations>[0] };
    expect(typeDeclarations(format)).not.toContain('Decoded');
    expect(() => typeDeclarations(format, { name: 'Typed_Point' })).toThrow(RangeError);
    expect(() => typeDeclarations(format, { name: 'not a name' })).toThrow(RangeError);
  });
});

/** The names a decoded object answers to: its fields (own properties), then its instances (getters). */
function names(object: object): string[] {
  return [...Object.keys(object), ...instanceNames(object)];
}

/** What is wrong with `value` as a value of the declared `type` (nothing when it conforms), counting the values seen. */
function mismatches(
  checker: ts.TypeChecker,
  value: unknown,
  type: ts.Type,
  path: string,
  count: { n: number },
  within: Set<unknown> = new Set(),
): string[] {
  const parts = type.isUnion() ? type.types : [type];
  const has = (flags: ts.TypeFlags) => parts.some((p) => (p.flags & flags) !== 0);
  const objects = parts.filter((p) => (p.flags & ts.TypeFlags.Object) !== 0);
  const expected = (ok: boolean) =>
    ok ? [] : [`${path}: ${show(value)} is no ${checker.typeToString(type)}`];
  count.n++;
  if (has(ts.TypeFlags.Unknown | ts.TypeFlags.Any)) return [];
  switch (typeof value) {
    case 'undefined':
      return expected(has(ts.TypeFlags.Undefined));
    case 'number':
      return expected(has(ts.TypeFlags.NumberLike));
    case 'bigint':
      return expected(has(ts.TypeFlags.BigIntLike));
    case 'boolean':
      return expected(has(ts.TypeFlags.BooleanLike));
    case 'string':
      return expected(has(ts.TypeFlags.StringLike));
  }
  if (value instanceof Uint8Array) return expected(objects.some((p) => p.getSymbol()?.name === 'Uint8Array'));
  // A value instance may give an object again (`_root`, `_parent`): checked where it was first met.
  if (typeof value !== 'object' || value === null || within.has(value))
    return expected(typeof value === 'object');
  if (has(ts.TypeFlags.NonPrimitive)) return []; // `object`: some user type not known statically
  within.add(value);
  try {
    if (Array.isArray(value)) {
      const array = objects.find((p) => checker.isArrayType(p));
      if (array === undefined) return expected(false);
      const item = checker.getTypeArguments(array as ts.TypeReference)[0] as ts.Type;
      return value.flatMap((v, i) => mismatches(checker, v, item, `${path}[${i}]`, count, within));
    }
    const keys = names(value);
    // A switch's cases may have the same names: the first whose types fit too.
    let first: string[] | undefined;
    for (const candidate of objects) {
      const props = checker.getPropertiesOfType(candidate);
      if (props.length !== keys.length || props.some((s, i) => s.name !== keys[i])) continue;
      const wrong = props.flatMap((prop) => {
        let v: unknown;
        try {
          v = (value as Record<string, unknown>)[prop.name];
        } catch {
          return []; // an instance this input cannot give (its spec does not read it either)
        }
        return mismatches(checker, v, checker.getTypeOfSymbol(prop), `${path}.${prop.name}`, count, within);
      });
      if (wrong.length === 0) return [];
      first ??= wrong;
    }
    return first ?? [`${path}: members ${keys.join(', ')} are not those of ${checker.typeToString(type)}`];
  } finally {
    within.delete(value);
  }
}

function show(value: unknown): string {
  return value instanceof Uint8Array ? 'Uint8Array' : typeof value === 'bigint' ? `${value}n` : String(value);
}
