/**
 * The compiler: turns a codec tree into one JavaScript function for decode and one for encode, as
 * binary-parser does, but emitting what V8 runs fastest: reads through one DataView at integer
 * offsets, one bounds check per run of fixed-size fields, and each record built by one object
 * literal in schema order (so every record has the same hidden class and stays in fast mode).
 *
 * Compiled code runs only on a FlatSource and handles only the happy path: on any fault it
 * returns FAIL (or lets a DecodeError from an interpreted child escape), and the caller decodes the
 * record again with the interpreter, which raises the error with its full path. The two paths must
 * agree; the test suite runs in both modes to hold them to it.
 */
import { type AnyCodec, type Codec, GEN_READ, GEN_WRITE } from './codec.js';
import { type DecodeState, NEED_MORE } from './decode-state.js';
import type { EncodeState } from './encode-state.js';

/** Returned by compiled decoders and encoders when the interpreter must take over. */
export const FAIL: unique symbol = Symbol('stride.fail');

/**
 * Inlined records, a speed device: the record loop (`compileLoop`) holds the record's own code
 * rather than calling the compiled record function, which saves a call per record (~20 ns of a
 * ~75 ns record) wherever V8 would not inline that call itself: a record function over its
 * inlining budget (460 bytes of bytecode; the bench's 44-byte record is 403, so there V8 inlines
 * it anyway and the switch changes little). The record's code is generated for a function of its
 * own, so `inlineRecord` edits it by string replacement, the one place generated code is patched:
 * each `return FAIL` becomes leaving the loop before the record. `bench codec`'s `fixed-struct`
 * workload (contestant `stride`, `Decoder.readEach`) is the one to run: `STRIDE_NO_INLINED_RECORDS=1`
 * (read once, at load) makes the loop call the compiled record function instead.
 */
const inliningRecords = !(typeof process !== 'undefined' && process.env.STRIDE_NO_INLINED_RECORDS === '1');

/** A record's code, generated to return FAIL from its own function, made to leave the record loop instead. */
function inlineRecord(lines: readonly string[]): string[] {
  return lines.map((l) => l.replaceAll('return FAIL;', '{ p = start; break records; }'));
}

export type CompiledRead<T> = (st: DecodeState) => T | typeof FAIL;
/**
 * Decodes records one after another from `st.pos` on the state's FlatSource, passing each to
 * `emit`, and stops before the first record it cannot decode on the fast path (cut short, or
 * anything the interpreter must look at); returns how many it emitted. `st.pos` is the next
 * record's offset, also while `emit` runs.
 */
export type CompiledLoop<T> = (st: DecodeState, emit: (record: T) => void) => number;
export type CompiledWrite<T> = (w: EncodeState, value: T) => typeof FAIL | undefined;

class Gen {
  protected readonly lines: string[] = [];
  private vars = 0;

  /** `refs`: the constants, shared with the generators of the functions compiled with this one. */
  constructor(protected readonly refs: unknown[] = []) {}

  /** A constant the generated code refers to (a codec, a function, a table). */
  ref(value: unknown): string {
    let i = this.refs.indexOf(value);
    if (i < 0) i = this.refs.push(value) - 1;
    return `r${i}`;
  }

  /** A fresh local variable name. */
  tmp(prefix = 'v'): string {
    return `${prefix}${this.vars++}`;
  }

  emit(line: string): void {
    this.lines.push(line);
  }

  /**
   * The compiled function: `prologue`, the lines, `epilogue`, in a scope holding `FAIL`, the
   * constants and the `functions` it calls (see ReadGen's `callNested`).
   */
  protected build<F>(
    params: string,
    prologue: string,
    epilogue: string,
    functions: readonly string[] = [],
  ): F {
    const fail = this.ref(FAIL);
    const names = this.refs.map((_, i) => `r${i}`).join(', ');
    const body = `${prologue}\n${this.lines.join('\n')}\n${epilogue}`;
    const scope = `'use strict';\nconst FAIL = ${fail};\nlet P = 0;\n${functions.join('\n')}`;
    const factory = new Function(names, `${scope}\nreturn function compiled(${params}) {\n${body}\n};`);
    return factory(...this.refs) as F;
  }
}

/**
 * What the generators of one compiled function share besides its constants: the functions of its
 * lazily read codecs (see ReadGen's `callNested`).
 */
interface Nested {
  /** Each function's name, by the codec it reads. */
  readonly names: Map<AnyCodec, string>;
  /** Their code, in the order they were made. */
  readonly functions: string[];
  /** Those that call an interpreter, or may (those whose code is still being generated). */
  readonly interpreting: Set<string>;
  /** Whether any of the code makes views of the bytes (`view`). */
  views: boolean;
  /** Whether any of the code reads a lazily read codec (it counts levels: `left`). */
  lazy: boolean;
}

/**
 * Decode generator. Generated code keeps `p`, the position relative to the DataView `dv` (and
 * `u8`, the same bytes as a Uint8Array), and `end`, the bound relative to the same origin.
 * Fixed-size reads do not move `p`: they read at `p + off`, and `off` is added once (`flush`).
 */
export class ReadGen extends Gen {
  /** Bytes read since `p` that are not yet added to it. */
  off = 0;
  /** Bytes from `p` known to lie before `end`. */
  private checked = 0;
  /** How many sections of this function enclose the code being generated (`end` is the innermost one's end). */
  sections = 0;
  readonly #nested: Nested;
  /** The lazily read codecs whose code encloses the code being generated in this function (see `callNested`). */
  readonly #inlined = new Set<AnyCodec>();
  /** Those inlined in this function once already. */
  readonly #inlinedOnce = new Set<AnyCodec>();
  /**
   * True in the function of a lazily read codec (see `callNested`): the record's outermost
   * section is not in it, and where `end` is not one of its own sections' it may be a section's
   * of the caller or the input's.
   */
  readonly inNested: boolean;

  constructor(refs?: unknown[], nested?: Nested) {
    super(refs);
    this.inNested = nested !== undefined;
    this.#nested = nested ?? {
      names: new Map(),
      functions: [],
      interpreting: new Set(),
      views: false,
      lazy: false,
    };
  }

  /** The position expression for the next read. */
  get at(): string {
    return this.off === 0 ? 'p' : `p + ${this.off}`;
  }

  /**
   * Ensures `n` more bytes from the current position lie before `end`, else FAIL. `take`: they are
   * one read's, which the interpreter takes at once, so where `end` is the input's, running past
   * it is waiting, not a fault, and the FAIL says so (`waitFor`).
   */
  ensure(n: number, take = false): void {
    if (this.off + n <= this.checked) return;
    this.checked = this.off + n;
    const at = `p + ${this.checked}`;
    const wait = take ? this.waitFor(at) : '';
    this.emit(wait === '' ? `if (${at} > end) return FAIL;` : `if (${at} > end) { ${wait} return FAIL; }`);
  }

  /**
   * What goes before a `return FAIL` where the record stopped for lack of input and the interpreter
   * would wait there too (not a fault it would raise): `DecodeState.needAt` set to `at` (an
   * expression, relative as `p` is), so the stream waits without the interpreter's try. Only where
   * `end` is the input's end: not within a section of this function, and in a lazily read codec's
   * function only as its caller says (`open`).
   */
  waitFor(at: string): string {
    if (this.sections > 0) return '';
    const set = `st.needAt = base + ${at};`;
    return this.inNested ? `if (open) ${set}` : set;
  }

  /** Adds the pending offset to `p`. */
  flush(): void {
    if (this.off === 0) return;
    this.emit(`p += ${this.off};`);
    this.checked -= this.off;
    this.off = 0;
  }

  /** Forgets what was checked (after code that moved `p` by an unknown amount). */
  moved(): void {
    this.checked = 0;
  }

  /**
   * Runs `emitCode` and returns the lines it emitted instead of keeping them, for a caller that
   * must see them before it wraps them (see `interprets`) and then emits them itself.
   */
  capture(emitCode: () => void): string[] {
    const at = this.lines.length;
    emitCode();
    return this.lines.splice(at);
  }

  /**
   * An expression for a view of `length` bytes of the input from `at` (relative, as `p` is): a
   * plain Uint8Array on the input's memory, as `subarray` makes, but through the constructor, which
   * V8 runs in about half the time (no species lookup), on the buffer and offset the prologue reads once.
   */
  view(at: string, length: string): string {
    this.#nested.views = true;
    return `new Uint8Array(ab, ao + ${at}, ${length})`;
  }

  /** Reads `codec` inline when it can generate code, else through its interpreter. */
  read(codec: AnyCodec): string {
    return codec[GEN_READ] ? codec[GEN_READ](this) : this.callRead(codec);
  }

  /** Calls the interpreter for `codec` from generated code. */
  callRead(codec: AnyCodec): string {
    return this.interpret(this.ref(codec));
  }

  /** Calls the interpreter of the codec the expression `codec` gives; returns the local holding the value. */
  interpret(codec: string): string {
    this.flush();
    const v = this.tmp();
    // Within lazy levels (a lazily read codec's function, or its code inlined), the interpreter
    // counts its levels on from those.
    const depth = this.#nested.lazy ? `st.depth = st.limits.maxDepth - ${this.#left()}; ` : '';
    this.emit(`${depth}st.pos = base + p; const ${v} = ${codec}.read(st); p = st.pos - base;`);
    this.moved();
    return v;
  }

  /**
   * Reads `codec` by calling a function of its own, generated once per compiled function, for a
   * recursive schema (`lazy`): each level is a call of it (from itself, at the next level), given
   * the bytes, the position and the bound, and `left`, the levels maxDepth still allows; past
   * them it is not called, and the FAIL leaves the LimitError to the interpreter. It returns the
   * value or FAIL, and leaves the position after the value in `P`.
   */
  callNested(codec: AnyCodec): string {
    this.#nested.lazy = true;
    const left = this.#left();
    this.flush();
    this.emit(`if (${left} <= 0) return FAIL;`);
    const v = this.tmp();
    if (!this.#inlined.has(codec) && !this.#inlinedOnce.has(codec)) {
      // The first level is inlined (an array of values whose values are not arrays costs no call),
      // the next ones call the function; at the first place only (a union's variants each read
      // values: its code once more, not once per variant).
      this.#inlined.add(codec);
      this.#inlinedOnce.add(codec);
      this.emit(`const ${v} = ${this.read(codec)};`);
      this.#inlined.delete(codec);
      return v;
    }
    const name = this.#function(codec);
    // Whether `end` is the input's there (see `waitFor`).
    const open = this.sections > 0 ? 'false' : this.inNested ? 'open' : 'true';
    this.emit(
      `const ${v} = ${name}(st, u8, ab, ao, dv, base, p, end, ${left} - 1, ${open}); if (${v} === FAIL) return FAIL; p = P;`,
    );
    this.moved();
    return v;
  }

  /** The lazy levels maxDepth still allows here: the function's `left`, less the levels inlined in it. */
  #left(): string {
    const inlined = this.#inlined.size - (this.inNested ? 1 : 0);
    return inlined === 0 ? 'left' : `(left - ${inlined})`;
  }

  /** The name of the function that reads `codec` (see `callNested`), generated on first use. */
  #function(codec: AnyCodec): string {
    const nested = this.#nested;
    let name = nested.names.get(codec);
    if (name !== undefined) return name;
    name = `read$${nested.names.size}`;
    nested.names.set(codec, name);
    // Until its code is known, a function may interpret (`interprets`); its own calls of itself do not count.
    nested.interpreting.add(name);
    const g = new ReadGen(this.refs, nested);
    // Its lazy levels of `codec` call it again.
    g.#inlined.add(codec);
    const result = g.record(codec);
    nested.interpreting.delete(name);
    if (g.interprets(g.lines)) nested.interpreting.add(name);
    nested.functions.push(
      `function ${name}(st, u8, ab, ao, dv, base, p, end, left, open) {\n${g.lines.join('\n')}\nP = p;\nreturn ${result};\n}`,
    );
    return name;
  }

  /**
   * Whether generated lines call an interpreter (`callRead`, a struct's dependent field), here or in
   * a lazily read codec's function they call: such a call reads up to the DecodeState's bounds,
   * not the generated code's `end`, so a section around it must also be entered on the state.
   */
  interprets(lines: readonly string[]): boolean {
    const calls = [...this.#nested.interpreting].map((name) => `${name}(`);
    return lines.some((l) => l.includes('.read(st)') || calls.some((c) => l.includes(c)));
  }

  /**
   * The whole record loop as one function, so a run of records costs only their own fields: the
   * record's code is `compile`'s, inlined (see `inliningRecords`).
   *
   * `bounded`: records end by the source's `end` rather than its DataView's length, for a source
   * whose DataView spans a larger scratch buffer (the StreamDecoder's stage). The DataView's own
   * length lets V8 drop its bounds checks, so the default loop (Decoder's) keeps it.
   */
  compileLoop<T>(codec: Codec<T>, bounded = false): CompiledLoop<T> {
    if (!inliningRecords) return this.callingLoop(codec, bounded);
    const result = this.record(codec);
    const body = inlineRecord(this.lines.splice(0));
    const functions = this.#nested.functions;
    const all = [...body, ...functions];
    // Interpreted parts read through `st`: they need the record's bounds set, as `begin` does.
    // (Not what a record sets only as it fails, which ends the loop: `cutAt`, `needAt`.)
    const stateful = all.some((l) => /\bst\.(?!cutAt\b|needAt\b)/.test(l));
    this.emit('let n = 0, start = p;');
    this.emit('records: for (;;) {');
    this.emit('start = p;');
    this.emit('if (p >= stop) break;');
    // The bound is the DataView's own length (unless `bounded`), which lets V8 drop the DataView's
    // bounds checks; the record limit is checked once the record is read (a record past it goes
    // to the interpreter).
    this.emit('const end = stop;');
    if (stateful) this.emit('st.begin(base + p);');
    this.emit('let record;');
    this.emit('try {');
    for (const l of body) this.emit(l);
    this.emit(`record = ${result};`);
    // The input ran out in an interpreted part: the interpreter would stop there too.
    this.emit(`} catch (e) { ${this.#caught()} p = start; break; }`);
    this.emit('if (p === start || p - start > maxRecord) { p = start; break; }');
    this.emit('st.pos = base + p; n++;');
    this.emit('emit(record);');
    this.emit('}');
    return this.build<CompiledLoop<T>>(
      'st, emit',
      `const src = st.src, dv = ${dataViewOf(all)}, u8 = ${bytesOf(all)}, base = src.base;\nconst stop = ${bounded ? 'src.end - base' : dataViewOf(all) === 'src.dv' ? 'dv.byteLength' : 'u8.length'}, maxRecord = st.limits.maxRecordBytes;\nlet p = st.pos - base;${this.#prologueEnd()}`,
      'st.pos = base + p;\nreturn n;',
      functions,
    );
  }

  /** A record loop's `catch`: the input running out in an interpreted part (NeedMore) is a wait (`waitFor`). */
  #caught(): string {
    const need = this.ref(NEED_MORE);
    return `if (e === ${need}) st.needAt = src.end + ${need}.needed;`;
  }

  /**
   * The end of the prologue: `left` where lazily read codecs are called (see `callNested`), and the
   * input's buffer and offset where views are made or those functions are called (`view`).
   */
  #prologueEnd(): string {
    const nested = this.#nested;
    const calls = nested.functions.length > 0;
    const left = nested.lazy ? ' const left = st.limits.maxDepth;' : '';
    return `${left}${calls || nested.views ? ' const ab = u8.buffer, ao = u8.byteOffset;' : ''}`;
  }

  /**
   * The record loop without the device (`STRIDE_NO_INLINED_RECORDS=1`): a call of the compiled
   * record function per record, each started as `readRecord` starts it (its end is the record limit).
   */
  private callingLoop<T>(codec: Codec<T>, bounded: boolean): CompiledLoop<T> {
    this.emit('let n = 0;');
    this.emit('for (;;) {');
    this.emit('const start = p;');
    this.emit('if (p >= stop) break;');
    this.emit('st.begin(base + p);');
    this.emit('let record;');
    this.emit(
      `try { record = ${this.ref(new ReadGen().compile(codec))}(st); } catch (e) { ${this.#caught()} break; }`,
    );
    this.emit('if (record === FAIL) break;');
    this.emit('p = st.pos - base;');
    this.emit('if (p === start || p - start > maxRecord) { p = start; break; }');
    this.emit('n++;');
    this.emit('emit(record);');
    this.emit('}');
    return this.build<CompiledLoop<T>>(
      'st, emit',
      `const src = st.src, base = src.base;\nconst stop = ${bounded ? 'src.end - base' : 'src.dv.byteLength'}, maxRecord = st.limits.maxRecordBytes;\nlet p = st.pos - base;`,
      'st.pos = base + p;\nreturn n;',
    );
  }

  /** Emits one record's code and returns the local holding its value. */
  private record(codec: AnyCodec): string {
    // Materialise the value before the flush: its expression reads at `p + off`.
    const result = this.tmp();
    this.emit(`const ${result} = ${this.read(codec)};`);
    this.flush();
    return result;
  }

  compile<T>(codec: Codec<T>): CompiledRead<T> {
    const result = this.record(codec);
    const all = [...this.lines, ...this.#nested.functions];
    return this.build<CompiledRead<T>>(
      'st',
      `const src = st.src, dv = ${dataViewOf(all)}, u8 = ${bytesOf(all)}, base = src.base;\nlet p = st.pos - base; const end = st.end - base;${this.#prologueEnd()}`,
      `st.pos = base + p;\nreturn ${result};`,
      this.#nested.functions,
    );
  }
}

/**
 * Encode generator. Generated code keeps `p`, the write position in `u8`/`dv`; `room(n)` grows the
 * buffer once for a run of fixed-size fields. Checks on values return FAIL, and the caller
 * encodes the value again with the interpreter to raise the EncodeError with its path.
 */
export class WriteGen extends Gen {
  off = 0;
  private reserved = 0;

  get at(): string {
    return this.off === 0 ? 'p' : `p + ${this.off}`;
  }

  /** Ensures room for `n` more bytes at the current position (through `reserve`, leaving `w.pos` at `p`). */
  room(n: number): void {
    if (this.off + n <= this.reserved) return;
    this.reserved = this.off + n;
    this.emit(
      `if (p + ${this.reserved} > u8.length) { w.pos = p; w.reserve(${this.reserved}); w.pos = p; u8 = w.u8a; dv = w.dv; }`,
    );
  }

  flush(): void {
    if (this.off === 0) return;
    this.emit(`p += ${this.off};`);
    this.reserved -= this.off;
    this.off = 0;
  }

  /** Fails the compiled encode unless `cond` holds. */
  check(cond: string): void {
    this.emit(`if (!(${cond})) return FAIL;`);
  }

  /** Forgets the room reserved (after code that moved `p` by an unknown amount). */
  moved(): void {
    this.reserved = 0;
  }

  write(codec: AnyCodec, v: string): void {
    if (codec[GEN_WRITE]) codec[GEN_WRITE](this, v);
    else this.callWrite(codec, v);
  }

  callWrite(codec: AnyCodec, v: string): void {
    this.flush();
    this.emit(`w.pos = p; ${this.ref(codec)}.write(w, ${v}); p = w.pos; u8 = w.u8a; dv = w.dv;`);
    this.moved();
  }

  compile<T>(codec: Codec<T>): CompiledWrite<T> {
    this.write(codec, 'value');
    this.flush();
    return this.build<CompiledWrite<T>>(
      'w, value',
      'let u8 = w.u8a, dv = w.dv, p = w.pos;',
      'w.pos = p;\nreturn undefined;',
    );
  }
}

/**
 * What generated decode code calls `dv`: the source's DataView where it reads numbers through it,
 * else nothing (asking for it makes one, per chunk: see FlatSource.dv).
 */
function dataViewOf(lines: readonly string[]): string {
  return lines.some((l) => l.includes('dv.')) ? 'src.dv' : 'undefined';
}

/**
 * What generated decode code calls `u8`: the source's bytes as given (`src.raw`, maybe a Buffer:
 * element reads, text slicers and views, which `view` makes from the buffer, work on either),
 * unless the code searches them (`u8.indexOf`), which it does through the plain view (`src.u8a`,
 * whose indexOf is the TypedArray builtin). Asking for the plain view of a Buffer chunk allocates,
 * once per chunk (see FlatSource.raw). `lines`: the function's and those of the functions it calls,
 * which get its `u8`.
 */
function bytesOf(lines: readonly string[]): string {
  return lines.some((l) => l.includes('u8.indexOf(')) ? 'src.u8a' : 'src.raw';
}

/** JavaScript property access for a field name (`o.name` or `o["odd name"]`). */
export function prop(obj: string, name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `${obj}.${name}` : `${obj}[${JSON.stringify(name)}]`;
}

/** An object-literal key for a field name. */
export function key(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}
