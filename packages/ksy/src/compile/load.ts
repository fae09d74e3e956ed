/**
 * loadKsy: a .ksy source (and the files it imports) → a `KsyFormat` whose types decode bytes into
 * objects. The description is parsed and its names resolved (model/), every type of every file
 * loaded is generated as JavaScript once (generate.ts), with its expressions compiled in its scope
 * (scope.ts), and instantiated with `new Function`.
 */
import { DecodeError, EncodeError } from '@stride/codec';
import { KsyError } from '../errors.js';
import { compileSource, type KType, ksyRuntime, mayBeBigint } from '../expr/index.js';
import { parseKsy } from '../model/parse.js';
import { type ResolvedFormat, resolveKsy } from '../model/resolve.js';
import type { TypeRef } from '../model/type-ref.js';
import type { Expr, KsyFile, TypeSpec, ValueInstanceSpec } from '../model/types.js';
import { BUILT_IN_PROCESS, type ProcessRoutine } from '../runtime/process.js';
import { KsyStream } from '../runtime/stream.js';
import { KsyWriter } from '../runtime/writer.js';
import { type GenContext, generateModule, type Locals, paramSymbol } from './generate.js';
import { type WritingLocals, writingScope } from './generate-write.js';
import { helpers } from './helpers.js';
import { KsyRecordReader, type KsyRecordsOptions, type RecordReaders } from './records.js';
import { attrType, fixedBits, placed, scopeOf, type Types } from './scope.js';
import { verifyWritten } from './verify.js';

export interface LoadKsyOptions {
  /**
   * The files `meta/imports` names, by the name Kaitai resolves them to (`enum_0`,
   * `for_rel_imports/imported_2`, `/common/vlq_base128_le`): their .ksy source text, or a function
   * giving it (undefined: not found).
   */
  readonly imports?: Readonly<Record<string, string>> | ((name: string) => string | undefined);
  /** Custom `process` routines by the name the .ksy calls them. */
  readonly process?: Readonly<Record<string, ProcessRoutine>>;
}

/** A decoded object: its fields and instances by their .ksy ids. */
export type KsyObject = { readonly [id: string]: unknown };

type Evaluator = (...args: unknown[]) => unknown;
type StreamReader = (
  io: KsyStream,
  parent: unknown,
  root: unknown,
  le: unknown,
) => Generator<void, KsyObject>;
type SyncItemReader = (self: KsyObject, io: KsyStream, index: number) => KsyObject;
type ItemReader = (self: KsyObject, io: KsyStream, index: number) => Generator<void, KsyObject>;
type Writer = (io: KsyWriter, object: unknown, le: unknown, parent: unknown, root: unknown) => void;
type Reader = (io: KsyStream, parent: unknown, root: unknown, le: unknown, ...params: unknown[]) => KsyObject;

/** A loaded description. */
/**
 * A loaded description. `T` is the decoded top type's shape when the caller knows it (the
 * declarations `stride ksy types` writes): `loadKsy<MyFormat>(source)`.
 */
export interface KsyFormat<T extends object = KsyObject> {
  /** `meta/id` of the main file. */
  readonly id: string;
  /** The main file's top type as parsed (the model). */
  readonly top: TypeSpec;
  /** The description resolved, and the static types of its members (what typeDeclarations reads). */
  readonly types: Types;
  /** Decodes `bytes` as the top type. */
  decode(bytes: Uint8Array): T;
  /** Decodes `bytes` as the type of that name path (`['header']`, `['chunk', 'body']`). */
  decode(bytes: Uint8Array, type: readonly string[]): KsyObject;
  /**
   * Records from a chunk stream (see records.ts): the top type's objects one after another; or,
   * when its last field is a `repeat: eos`, the fields before it (the top object) and then each item.
   */
  records(options?: KsyRecordsOptions): KsyRecordReader;
  /**
   * The bytes of an object of the top type (or of the type of that name path): its seq fields
   * written in order (generate-write.ts). A decoded object writes back its own bytes wherever
   * the description can be inverted; sizes and counts another field gives may be left out. The
   * bytes are read back and compared with the object (verify.ts): what the description cannot
   * write back is an EncodeError naming the field, never bytes that read as something else.
   */
  encode(object: T | object, type?: readonly string[]): Uint8Array;
  /** An expression of the language evaluated on a decoded top-type object (as a `.kst` assert does). */
  evaluate(expression: string, object: object): unknown;
}

function* allTypes(type: TypeSpec): Generator<TypeSpec> {
  yield type;
  for (const t of type.types) yield* allTypes(t);
}

/** The types whose fields and parse instances read each type. */
function readersOf(format: ResolvedFormat, types: readonly TypeSpec[]): Map<TypeSpec, Set<TypeSpec>> {
  const readers = new Map<TypeSpec, Set<TypeSpec>>();
  const add = (from: TypeSpec, ref: TypeRef) => {
    if (ref.kind === 'switch') for (const c of ref.cases) add(from, c.type);
    if (ref.kind !== 'user') return;
    const target = format.userType(ref);
    if (!target) return;
    const set = readers.get(target) ?? new Set<TypeSpec>();
    readers.set(target, set);
    set.add(from);
  };
  for (const t of types) {
    for (const a of t.seq) add(t, a.type);
    for (const i of t.instances) if (i.kind === 'parse') add(t, i.type);
  }
  return readers;
}

/** Whether objects of `t` need their own byte order at run time (computed here or above). */
function dynamicEndian(t: TypeSpec): boolean {
  const e = t.meta.endian;
  return e !== undefined && typeof e !== 'string' ? true : e === 'inherited';
}

export function loadKsy<T extends object = KsyObject>(
  source: string,
  options: LoadKsyOptions = {},
): KsyFormat<T> {
  const main = parseKsy(source);
  const lookup = options.imports;
  const texts = [source];
  const format = resolveKsy(main, (name): KsyFile | undefined => {
    const text =
      typeof lookup === 'function' ? lookup(name) : (lookup?.[name.replace(/^\//, '')] ?? lookup?.[name]);
    if (text !== undefined) texts.push(text);
    return text === undefined ? undefined : parseKsy(text, { file: name });
  });
  const types: TypeSpec[] = [];
  for (const file of new Set(format.files.values())) types.push(...allTypes(file.top));
  // Whether any record may look at its stream (records.ts's `shared`): a conservative reading.
  const looksAtStreams =
    texts.some((text) => text.includes('_io')) ||
    types.some((t) => t.instances.some((i) => i.kind === 'parse'));
  const index = new Map(types.map((t, i) => [t, i]));
  const refs: unknown[] = [];
  const refIndex = new Map<unknown, number>();
  const instanceTypes = new Map<string, KType>();
  const compiling = new Set<string>();

  const shared: Types = {
    format,
    readers: readersOf(format, types),
    ref(value) {
      // Names in the module's second array (`X`), apart from the generator's own refs (`R`).
      let i = refIndex.get(value);
      if (i === undefined) {
        i = refs.length;
        refs.push(value);
        refIndex.set(value, i);
      }
      return `X[${i}]`;
    },
    paramSymbol,
    instanceType(t, id) {
      const key = `${index.get(t)}:${id}`;
      const known = instanceTypes.get(key);
      if (known) return known;
      if (compiling.has(key)) return { kind: 'any' };
      const inst = t.instances.find((i) => i.id === id);
      if (inst === undefined) return { kind: 'any' };
      compiling.add(key);
      try {
        const type = inst.kind === 'value' ? valueType(inst, t) : attrType(shared, t, inst);
        instanceTypes.set(key, type);
        return type;
      } finally {
        compiling.delete(key);
      }
    },
  };

  /** A value instance's type: its expression's, or its `enum`'s over that integer. */
  const valueType = (inst: ValueInstanceSpec, t: TypeSpec): KType => {
    const type = expr(inst.value, t, {}).type;
    const e = inst.enum && format.enumOf(inst);
    return e && type.kind === 'int' ? { kind: 'enum', path: e.fullName, int: type } : type;
  };

  const expr = (e: Expr, t: TypeSpec, locals: Locals) => {
    try {
      const scope = scopeOf(shared, t, locals, '$rt');
      return compileSource(e.source, (locals as WritingLocals).writing ? writingScope(scope) : scope);
    } catch (error) {
      throw placed(error, e);
    }
  };

  const ctx: GenContext = {
    types,
    indexOf: (t) => index.get(t) ?? -1,
    userType(from, name) {
      const found = format.resolveType(from, name);
      if (!found) throw new KsyError('UNKNOWN_NAME', `type \`${name.join('::')}\` not found`, from.at);
      return found;
    },
    dynamicEndian,
    // Where objects start is also kept when positional instances can read an object again (toJson's cycles).
    tracksSize:
      texts.some((text) => text.includes('_sizeof')) ||
      types.some((t) => t.instances.some((i) => i.kind === 'parse' && i.pos !== undefined)),
    fileOf: (t) => format.fileOf(t),
    expr,
    attrType: (t, a) => attrType(shared, t, a),
    enumValues: (_t, a) => format.enumOf(a)?.members.map((m) => m.value) ?? [],
    argument(arg, param) {
      const narrow = param?.type.kind === 'int' && param.type.width <= 4;
      return narrow && mayBeBigint(arg.type) ? `$rt.num(${arg.js})` : arg.js;
    },
    processRoutine(name, at) {
      const routine = options.process?.[name] ?? BUILT_IN_PROCESS[name];
      if (!routine)
        throw new KsyError(
          'UNKNOWN_NAME',
          `process routine \`${name}\` is not registered`,
          'source' in at ? at : at.at,
        );
      return routine;
    },
    helpers,
  };
  const module = generateModule(ctx);
  type Module = [
    Reader[],
    StreamReader[],
    (SyncItemReader | undefined)[],
    (ItemReader | undefined)[],
    (Reader | undefined)[],
    (StreamReader | undefined)[],
    Writer[],
  ];
  const instantiate = (): Module =>
    (new Function('$', '$rt', 'R', 'X', module.source) as (...args: unknown[]) => Module)(
      helpers,
      ksyRuntime,
      module.refs,
      refs,
    );
  const [readers, , , , , , writers] = instantiate();
  // Streamed records are read by a second instance of the module, made on the first records():
  // code of its own, so V8's allocation sites learn that its objects die young, where decode()'s
  // objects, kept in the tree it returns, make V8 allocate that code's objects in the old space.
  let streaming: Module | undefined;
  const streamingModule = (): Module => {
    streaming ??= instantiate();
    return streaming;
  };
  // The record readers, made once (records.ts says why): the top objects; or a head and its items.
  let whole: RecordReaders | undefined;
  let items: RecordReaders | null | undefined;
  /** The size in bytes of every object of `t`, when its type fixes one. */
  const fixedSize = (t: TypeSpec | undefined): number | undefined => {
    const bits = t && fixedBits(shared, t);
    return bits !== undefined && bits > 0 && bits % 8 === 0 ? bits / 8 : undefined;
  };
  const wholeRecords = (): RecordReaders => {
    if (whole === undefined) {
      const [reads, streams] = streamingModule();
      const i = index.get(main.top) as number;
      const read = reads[i] as Reader;
      const stream = streams[i] as StreamReader;
      whole = {
        read: (io) => read(io, undefined, undefined, undefined),
        stream: (io) => stream(io, undefined, undefined, undefined),
        size: fixedSize(main.top),
        shared: !looksAtStreams,
      };
    }
    return whole;
  };
  const itemRecords = (): RecordReaders | undefined => {
    if (items === undefined) {
      const [, , syncs, generators, heads, headStreams] = streamingModule();
      const i = index.get(main.top) as number;
      const sync = syncs[i];
      const generator = generators[i];
      const head = main.top.seq.length > 1 ? heads[i] : undefined;
      const headStream = headStreams[i] as StreamReader;
      const last = main.top.seq.at(-1)?.type;
      const item = last?.kind === 'user' ? format.resolveType(main.top, last.name) : undefined;
      items =
        sync === undefined || generator === undefined
          ? null
          : {
              read: (io, n, parent) => sync(parent as KsyObject, io, n),
              stream: (io, n, parent) => generator(parent as KsyObject, io, n),
              size: fixedSize(item),
              shared: !looksAtStreams,
              ...(head && {
                head: {
                  read: (io) => head(io, undefined, undefined, undefined),
                  stream: (io) => headStream(io, undefined, undefined, undefined),
                },
              }),
            };
    }
    return items ?? undefined;
  };

  const top = main.top;
  const evaluators = new Map<string, Evaluator>();
  const format_: KsyFormat = {
    id: top.name,
    types: shared,
    top,
    decode(bytes: Uint8Array, type?: readonly string[]): KsyObject {
      const t = type === undefined ? top : format.resolveType(top, type);
      if (!t) throw new KsyError('UNKNOWN_NAME', `type \`${type?.join('::')}\` not found`);
      const read = readers[index.get(t) ?? -1] as Reader;
      // A plain Uint8Array over the same memory: a Buffer's subarray is several times slower.
      const plain = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
      return read(new KsyStream(plain), undefined, undefined, undefined);
    },
    encode(object, type) {
      const t = type === undefined ? top : format.resolveType(top, type);
      if (!t) throw new KsyError('UNKNOWN_NAME', `type \`${type?.join('::')}\` not found`);
      const i = index.get(t) ?? -1;
      // A decoded object is written over the stream it was read from, of that size: `_io.size`
      // and `_io.eof` of the top stream answer as they did, and what no field covers keeps its
      // bytes (the read-back check catches a value that no longer fits).
      const read = helpers.backgroundOf(object);
      const io = new KsyWriter(read?.length, read);
      (writers[i] as Writer)(io, object, undefined, undefined, undefined);
      const bytes = io.result();
      let back: KsyObject;
      try {
        back = (readers[i] as Reader)(new KsyStream(bytes), undefined, undefined, undefined);
      } catch (e) {
        if (!(e instanceof DecodeError)) throw e;
        throw new EncodeError('NOT_INVERTIBLE', `the bytes written do not read back: ${e.message}`);
      }
      verifyWritten(object, back);
      return bytes;
    },
    records(recordOptions) {
      const items = recordOptions?.items === false ? undefined : itemRecords();
      if (items === undefined) return new KsyRecordReader(wholeRecords(), recordOptions);
      // The items' parent: the top object. Its fields before the list are the stream's first record
      // (a file's header), which the record reader keeps; with none, it is read from no bytes here.
      // Its list stays empty: the items go to the consumer.
      const parent =
        items.head === undefined
          ? (streamingModule()[0][index.get(top) as number] as Reader)(
              new KsyStream(new Uint8Array(0)),
              undefined,
              undefined,
              undefined,
            )
          : undefined;
      return new KsyRecordReader(items, recordOptions, parent);
    },
    evaluate(expression, object) {
      let f = evaluators.get(expression);
      if (f === undefined) {
        const c = expr({ source: expression, path: [] }, top, {});
        f = new Function(
          '$',
          '$rt',
          'X',
          'self',
          `const { IO, PARENT, ROOT, LE, START, END } = $; return ${c.js};`,
        ) as Evaluator;
        evaluators.set(expression, f);
      }
      return f(helpers, ksyRuntime, refs, object);
    },
  };
  // The top type's shape is the caller's word (`T`): the objects are what the description reads.
  return format_ as KsyFormat<T>;
}
