/**
 * A description's types as JavaScript: per type, a class (its seq fields as own properties in
 * order, one shape per type; its instances as cached getters; its hidden parts behind the symbols
 * of slots.ts) and a read function `rN(io, parent, root, le, ...params)` over a KsyStream, in the
 * order and with the rules of Kaitai's own generated parsers (bit fields then a byte-aligned read
 * realign; sized fields read their bytes, strip `pad-right`, cut at `terminator`, run `process`,
 * then parse a user type in a substream of them; `valid` checked after the read). Expressions are
 * compiled by the expression language (scope.ts gives them the type's names).
 *
 * A fault unwinds through each read function, which adds its field's name (and the array index)
 * to the error's path and leaves the object as far as it was read with it (errors.ts keepPartial).
 */

import { keepPartial } from '../errors.js';
import { type KType, mayBeBigint } from '../expr/types.js';
import type { SwitchCase, TypeRef } from '../model/type-ref.js';
import type {
  AttrSpec,
  Expr,
  ParamSpec,
  ParseInstanceSpec,
  TypeSpec,
  ValueInstanceSpec,
} from '../model/types.js';
import { Emit, quote } from './emit.js';
import { WriteGen } from './generate-write.js';

/** What an expression sees besides the object's names: the repeat index and `_` (the item or value). */
export interface Locals {
  readonly index?: string;
  readonly item?: { readonly js: string; readonly type: KType };
  /** The field being checked by `valid`, which its own expressions name before it is stored. */
  readonly checking?: { readonly id: string; readonly js: string; readonly type: KType };
}

/** Compiles an expression of type `t`'s scope (`self` names the object being read). */
export type CompileExpr = (e: Expr, t: TypeSpec, locals: Locals) => { js: string; type: KType };

/** What the generator needs of the loaded description. */
export interface GenContext {
  readonly types: readonly TypeSpec[];
  indexOf(t: TypeSpec): number;
  /** The type a user type reference names, seen from `from`. */
  userType(from: TypeSpec, name: readonly string[], at: Expr | TypeSpec): TypeSpec;
  /** The file a type is written in (parent and root pass only within one). */
  fileOf(t: TypeSpec): unknown;
  /** Whether objects keep where their bytes start and end (the description uses `_sizeof`). */
  readonly tracksSize: boolean;
  /** Whether objects of `t` carry a byte order of their own (a computed or inherited `endian`). */
  dynamicEndian(t: TypeSpec): boolean;
  expr: CompileExpr;
  /** The static type of one value of an attribute of `t` (for `_` in `repeat-until` and `valid`). */
  attrType(t: TypeSpec, a: AttrSpec): KType;
  /** The values of the enum an attribute of `t` names (for `valid: in-enum`). */
  enumValues(t: TypeSpec, a: AttrSpec): readonly (number | bigint)[];
  /** JS text of an argument passed to a param: an integer narrowed to a number for a param of 4 bytes or less. */
  argument(arg: { js: string; type: KType }, param: ParamSpec | undefined): string;
  /** The process routine of a name (built-in or registered). */
  processRoutine(name: string, at: Expr | TypeSpec): unknown;
  /** The helpers generated code calls (the `$` of the module). */
  readonly helpers: unknown;
}

/** The module's source, with the values its `R` array must hold. */
export interface GeneratedModule {
  readonly source: string;
  readonly refs: readonly unknown[];
}

const S = '$'; // the helpers object in generated code

/**
 * The source of every type's class and read functions. The module returns `[readers, streaming
 * readers, item readers, streaming item readers, head readers, streaming head readers, writers]`,
 * each by type index: `rN` reads from a stream holding all its bytes;
 * `gN`, a generator, from an open stream (a record arriving in chunks: it yields where it waits
 * for more bytes, so a record is read once however it was cut); `mN(self, io, index)` (and `nN`, its
 * generator) reads one item of a type whose last field is a `repeat: eos` (its items are a
 * stream's records), and `hN` (`kN`) the fields before it; else undefined;
 * `wN(io, object, le)` writes an object of the type (generate-write.ts).
 */
export function generateModule(ctx: GenContext): GeneratedModule {
  const e = new Emit();
  e.line(`'use strict';`);
  e.line(`const { IO, PARENT, ROOT, LE, START, END, UNSET, INSTANCES } = ${S};`);
  for (const t of ctx.types) new TypeGen(ctx, e, t, false).generate();
  for (const t of ctx.types) new TypeGen(ctx, e, t, true).generate();
  for (const t of ctx.types) new WriteGen(ctx, e, t).generate();
  const n = ctx.types.length;
  const list = (prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(', ');
  e.line(
    `return [[${list('r')}], [${list('g')}], [${list('m')}], [${list('n')}], [${list('h')}], [${list('k')}], [${list('w')}]];`,
  );
  return { source: e.lines.join('\n'), refs: e.refs };
}

class TypeGen {
  readonly #ctx: GenContext;
  readonly #e: Emit;
  readonly #t: TypeSpec;
  readonly #i: number;
  /** True after a bit field, until a byte-aligned read realigns. */
  #inBits = false;
  /** Generating the streaming (generator) reader, which waits before each read. */
  readonly #stream: boolean;

  constructor(ctx: GenContext, e: Emit, t: TypeSpec, stream: boolean) {
    this.#ctx = ctx;
    this.#e = e;
    this.#t = t;
    this.#i = ctx.indexOf(t);
    this.#stream = stream;
  }

  generate(): void {
    if (this.#stream) {
      this.#reader();
      this.#reader(true);
      this.#itemReader();
      return;
    }
    this.#class();
    this.#reader();
    this.#reader(true);
    this.#itemReader();
    for (const inst of this.#t.instances) this.#instance(inst);
  }

  /** In the streaming reader, waits (yields) until `n` more bytes (JS text) are there or the input ends. */
  #need(io: string, n: string): void {
    // Checked inline: a generator is made only where the record must wait.
    if (this.#stream)
      this.#e.line(`if (${io}.open && ${io}.pos + ${n} > ${io}.length) yield* ${S}.need(${io}, ${n});`);
  }

  /** The type's last field when it is a `repeat: eos` (its items can be a stream's records), else undefined. */
  #items(): AttrSpec | undefined {
    const last = this.#t.seq[this.#t.seq.length - 1];
    return last?.repeat?.kind === 'eos' && last.if === undefined ? last : undefined;
  }

  /** `mN` / `nN`: one item of the last field, a `repeat: eos`, of this type (see generateModule). */
  #itemReader(): void {
    const e = this.#e;
    const name = `${this.#stream ? 'n' : 'm'}${this.#i}`;
    const only = this.#items();
    if (only === undefined) {
      e.line(`const ${name} = undefined;`);
      return;
    }
    e.line(`function${this.#stream ? '*' : ''} ${name}(self, io, ix) {`);
    e.line(`const at = ${quote(only.id)};`);
    e.line('try {');
    e.line(`return ${this.#one(only, 'io', { index: 'ix' })};`);
    e.line(`} catch (error) { throw ${S}.within(error, at, ix, io); }`);
    e.line('}');
  }

  #class(): void {
    const t = this.#t;
    const e = this.#e;
    e.line(`class K${this.#i} {`);
    e.line('constructor(io, parent, root) {');
    // A file's top type is its own root when nothing passed one; a nested type read from
    // another file's type gets none (Kaitai passes _parent and _root only within one file).
    const own = t.parent === undefined ? 'this' : 'null';
    e.line(`this[IO] = io; this[PARENT] = parent; this[ROOT] = root == null ? ${own} : root;`);
    // Only the hidden parts this description uses: each slot is memory on every object.
    if (this.#ctx.dynamicEndian(t)) e.line('this[LE] = undefined;');
    if (this.#ctx.tracksSize) e.line('this[START] = 0; this[END] = 0;');
    for (const p of t.params) e.line(`this[${this.#param(p.id)}] = undefined;`);
    for (const a of t.seq) e.line(`this[${quote(a.id)}] = undefined;`);
    for (const inst of t.instances) e.line(`this[${this.#cache(inst.id)}] = UNSET;`);
    e.line('}');
    // Params read as properties (not own, so not fields: JSON and equality leave them out).
    const names = new Set([...t.seq.map((a) => a.id), ...t.instances.map((i) => i.id)]);
    for (const p of t.params)
      if (!names.has(p.id)) e.line(`get [${quote(p.id)}]() { return this[${this.#param(p.id)}]; }`);
    for (const inst of t.instances)
      e.line(
        `get [${quote(inst.id)}]() { let v = this[${this.#cache(inst.id)}]; if (v === UNSET) v = this[${this.#cache(inst.id)}] = i${this.#i}_${safe(inst.id)}(this); return v; }`,
      );
    e.line('}');
    e.line(`K${this.#i}.prototype[INSTANCES] = ${JSON.stringify(t.instances.map((i) => i.id))};`);
  }

  /** The symbol holding param `id` (a reference into R). */
  #param(id: string): string {
    return this.#e.ref(paramSymbol(this.#t, id));
  }

  #cache(id: string): string {
    return this.#e.ref(cacheSymbol(this.#t, id));
  }

  /**
   * `rN` / `gN`: the type's reader. `head`: `hN` / `kN`, the fields before its last, a `repeat: eos`
   * whose items a stream gives one by one (the list left empty); undefined for other types.
   */
  #reader(head = false): void {
    const t = this.#t;
    const e = this.#e;
    const params = t.params.map((_, k) => `a${k}`);
    const items = head ? this.#items() : undefined;
    if (head && items === undefined) {
      e.line(`const ${this.#stream ? 'k' : 'h'}${this.#i} = undefined;`);
      return;
    }
    const name = head ? (this.#stream ? 'k' : 'h') : this.#stream ? 'g' : 'r';
    const fn = `function${this.#stream ? '*' : ''} ${name}${this.#i}`;
    e.line(`${fn}(io, parent, root, le${params.map((p) => `, ${p}`).join('')}) {`);
    e.line(`const self = new K${this.#i}(io, parent, root);`);
    t.params.forEach((p, k) => {
      e.line(`self[${this.#param(p.id)}] = a${k};`);
    });
    this.#endian();
    if (this.#ctx.tracksSize) e.line('self[START] = io.pos;');
    e.line(`let at = '', ix = -1;`);
    e.line('try {');
    const seq = items === undefined ? t.seq : t.seq.slice(0, -1);
    if (items !== undefined) e.line(`self[${quote(items.id)}] = [];`);
    for (let k = 0; k < seq.length; ) {
      const run = this.#fixedRun(seq, k);
      if (run > 1) {
        this.#fixed(seq.slice(k, k + run));
        k += run;
        continue;
      }
      const a = seq[k++] as AttrSpec;
      e.line(`at = ${quote(a.id)};`);
      this.#attribute(a, 'io', `self[${quote(a.id)}]`);
    }
    e.line(`} catch (error) { throw ${S}.within(${e.ref(keepPartial)}(error, at, ix, self), at, ix, io); }`);
    if (this.#ctx.tracksSize) e.line('self[END] = io.pos;');
    e.line('return self;');
    e.line('}');
  }

  /** The object's byte order: its parent's, or computed by `meta/endian`'s switch. */
  #endian(): void {
    const t = this.#t;
    const e = this.#e;
    if (!this.#ctx.dynamicEndian(t)) return;
    const endian = t.meta.endian;
    if (endian === undefined || endian === 'inherited' || typeof endian === 'string') {
      e.line('self[LE] = le;');
      return;
    }
    const on = this.#ctx.expr(endian.switchOn, t, {});
    const v = e.tmp('e');
    e.line(`const ${v} = ${on.js};`);
    const tests = endian.cases.map(([match, order]) => {
      const cond = match === '_' ? 'true' : equals({ js: v, type: on.type }, this.#ctx.expr(match, t, {}));
      return `if (${cond}) self[LE] = ${order === 'le'};`;
    });
    e.line(`${tests.join(' else ')} else throw ${S}.undecided(io);`);
  }

  /** Reads attribute `a` (with its `if` and `repeat`) from stream `io` into `target`. */
  #attribute(a: AttrSpec, io: string, target: string): void {
    const e = this.#e;
    const t = this.#t;
    if (a.if) e.line(`if (${this.#ctx.expr(a.if, t, {}).js}) {`);
    const repeat = a.repeat;
    if (repeat === undefined) {
      e.line(`${target} = ${this.#one(a, io, {})};`);
    } else {
      const list = e.tmp('l');
      const i = e.tmp('i');
      e.line(`const ${list} = []; ${target} = ${list};`);
      const locals: Locals = { index: i };
      if (repeat.kind === 'expr') {
        const n = e.tmp('n');
        e.line(`const ${n} = ${S}.count(${this.#ctx.expr(repeat.expr, t, locals).js});`);
        e.line(`for (let ${i} = 0; ${i} < ${n}; ${i}++) {`);
        e.line(`ix = ${i}; ${list}.push(${this.#one(a, io, locals)});`);
        e.line('}');
      } else if (repeat.kind === 'eos') {
        const eof = this.#stream ? `(yield* ${S}.eof(${io}))` : `${io}.eof`;
        e.line(`for (let ${i} = 0; !${eof}; ${i}++) {`);
        e.line(`ix = ${i}; ${list}.push(${this.#one(a, io, locals)});`);
        e.line('}');
      } else {
        const item = e.tmp('u');
        e.line(`for (let ${i} = 0; ; ${i}++) {`);
        e.line(`ix = ${i}; const ${item} = ${this.#one(a, io, locals)}; ${list}.push(${item});`);
        const type = this.#valueType(a);
        const until = this.#ctx.expr(repeat.until, t, { index: i, item: { js: item, type } });
        e.line(`if (${until.js}) break;`);
        e.line('}');
      }
      e.line('ix = -1;');
    }
    if (a.if) e.line('}');
  }

  /**
   * One value of attribute `a` from `io`: emits the statements it needs and returns the local
   * holding it (or a plain read expression).
   */
  #one(a: AttrSpec, io: string, locals: Locals): string {
    const e = this.#e;
    const type = a.type;
    let v: string;
    if (type.kind === 'switch') v = this.#switch(a, type.on, type.cases, io, locals);
    else v = this.#typed(a, type, io, locals);
    if (a.valid === undefined) return v;
    // The value is checked, then stored: read it once.
    const checked = e.tmp('c');
    e.line(`const ${checked} = ${v};`);
    this.#valid(a, checked, io, locals);
    return checked;
  }

  #typed(a: AttrSpec, type: Exclude<TypeRef, { kind: 'switch' }>, io: string, locals: Locals): string {
    const e = this.#e;
    if (type.kind === 'bits') {
      this.#need(io, `${S}.bitBytes(${io}, ${type.width})`);
      this.#inBits = true;
      const read = `${io}.bits${type.bitEndian === 'le' ? 'Le' : 'Be'}(${type.width})`;
      return type.width === 1 && a.enum === undefined ? `(${read} !== 0)` : read;
    }
    this.#align(io);
    if (type.kind === 'int' || type.kind === 'float') {
      this.#need(io, String(type.width));
      const letter = type.kind === 'float' ? 'f' : type.signed ? 's' : 'u';
      const name = `${letter}${type.width}`;
      if (type.kind === 'int' && type.width === 1) return `${io}.${name}()`;
      if (type.endian !== undefined) return `${io}.${name}${type.endian}()`;
      return `(self[LE] ? ${io}.${name}le() : ${io}.${name}be())`;
    }
    if (type.kind === 'user' && !sized(a)) return this.#user(a, type, io, locals, this.#stream);
    if (type.kind === 'user' && a.terminator === undefined && a.padRight === undefined && !a.process) {
      // Its bytes as they are: a window of the stream, no array of them made.
      const sub = e.tmp('s');
      if (a.size !== undefined) {
        const n = this.#size(a.size, io, locals);
        e.line(`const ${sub} = ${io}.substream(${n});`);
      } else {
        if (this.#stream) e.line(`yield* ${S}.needEnd(${io});`);
        e.line(`const ${sub} = ${io}.substreamRest();`);
      }
      return this.#user(a, type, sub, locals, false);
    }
    const bytes = this.#bytes(a, io, locals);
    if (type.kind === 'bytes') return bytes;
    if (type.kind !== 'user') return `${S}.decodeString(${bytes}, ${quote(type.encoding)})`;
    const sub = e.tmp('s');
    e.line(`const ${sub} = ${S}.substream(${bytes}, ${io});`);
    // Its bytes are all there: the substream is read by the plain reader.
    return this.#user(a, type, sub, locals, false);
  }

  /**
   * The bytes of a field that is a plain number read at a fixed size (an integer or float without
   * `if`, `valid` or `contents`, alone or repeated a literal number of times), else 0.
   */
  #fixedSize(a: AttrSpec): number {
    const type = a.type;
    if (a.if || a.valid || a.contents || sized(a) || (type.kind !== 'int' && type.kind !== 'float')) return 0;
    if (a.repeat === undefined) return type.width;
    const count = a.repeat.kind === 'expr' ? a.repeat.expr.source.trim() : '';
    return /^[1-9][0-9]?$/.test(count) ? type.width * Number(count) : 0;
  }

  /** How many fields from `k` on are fixed-size numbers (see #fixed). */
  #fixedRun(seq: readonly AttrSpec[], k: number): number {
    let n = 0;
    while (k + n < seq.length && this.#fixedSize(seq[k + n] as AttrSpec) > 0) n++;
    return n;
  }

  /**
   * A run of fixed-size numbers read as codec's compiled records read them: the run's bytes
   * reserved (and waited for) once, then each field from the DataView at its offset.
   */
  #fixed(run: readonly AttrSpec[]): void {
    const e = this.#e;
    const total = run.reduce((n, a) => n + this.#fixedSize(a), 0);
    this.#align('io');
    e.line(`at = ${quote((run[0] as AttrSpec).id)};`);
    this.#need('io', String(total));
    const v = e.tmp('v');
    const q = e.tmp('q');
    // Where the run is cut short, field by field: each fault as that field's own.
    e.line(`if (io.pos + ${total} > io.length) {`);
    for (const a of run) {
      e.line(`at = ${quote(a.id)};`);
      this.#attribute(a, 'io', `self[${quote(a.id)}]`);
    }
    e.line('} else {');
    e.line(`const ${q} = io.take(${total}) + io.viewOffset; const ${v} = io.view;`);
    let offset = 0;
    for (const a of run) {
      const type = a.type as Extract<TypeRef, { kind: 'int' | 'float' }>;
      const read = (at: number) => {
        const le =
          type.width === 1 ? '' : `, ${type.endian === undefined ? 'self[LE]' : type.endian === 'le'}`;
        return `${v}.${getter(type)}(${q} + ${at}${le})`;
      };
      const count = a.repeat?.kind === 'expr' ? Number(a.repeat.expr.source.trim()) : 0;
      const value =
        a.repeat === undefined
          ? read(offset)
          : `[${Array.from({ length: count }, (_, i) => read(offset + i * type.width)).join(', ')}]`;
      e.line(`self[${quote(a.id)}] = ${value};`);
      offset += this.#fixedSize(a);
    }
    e.line('}');
  }

  /** After bit fields, a byte-aligned read starts at the next whole byte. */
  #align(io: string): void {
    if (!this.#inBits) return;
    this.#e.line(`${io}.alignToByte();`);
    this.#inBits = false;
  }

  /** The bytes of a sized, terminated or `contents` field, after pad-right, terminator and process. */
  #bytes(a: AttrSpec, io: string, locals: Locals): string {
    const e = this.#e;
    const t = this.#t;
    const v = e.tmp('b');
    const term = a.terminator === undefined ? undefined : e.ref(a.terminator);
    if (a.contents !== undefined) {
      this.#need(io, String(a.contents.length));
      e.line(`const ${v} = ${S}.contents(${io}, ${e.ref(a.contents)});`);
      return v;
    }
    if (a.size !== undefined) {
      e.line(`let ${v} = ${io}.read(${this.#size(a.size, io, locals)});`);
    } else if (term !== undefined && !a.sizeEos) {
      if (this.#stream) e.line(`yield* ${S}.needTerm(${io}, ${term});`);
      e.line(`let ${v} = ${io}.readTerm(${term}, ${a.include}, ${a.consume}, ${a.eosError});`);
    } else {
      if (this.#stream) e.line(`yield* ${S}.needEnd(${io});`);
      e.line(`let ${v} = ${io}.readFull();`);
    }
    // In sized bytes the terminator ends the value; pad-right is stripped only where none is found.
    if (a.size !== undefined || a.sizeEos)
      if (term !== undefined)
        e.line(`${v} = ${S}.terminate(${v}, ${term}, ${a.include}, ${a.padRight ?? -1});`);
      else if (a.padRight !== undefined) e.line(`${v} = ${S}.stripRight(${v}, ${a.padRight});`);
    if (a.process !== undefined) {
      const routine = e.ref(this.#ctx.processRoutine(a.process.name, t));
      const args = a.process.args.map((x) => this.#ctx.expr(x, t, locals).js);
      e.line(`${v} = ${S}.process(${routine}, ${v}, [${args.join(', ')}], ${io});`);
    }
    return v;
  }

  /** A field's `size` as a count of bytes (JS text: a literal as it is), waited for in the streaming reader. */
  #size(size: Expr, io: string, locals: Locals): string {
    const js = this.#ctx.expr(size, this.#t, locals).js;
    let n = js;
    if (!/^\d+$/.test(js)) {
      n = this.#e.tmp('n');
      this.#e.line(`const ${n} = ${S}.count(${js});`);
    }
    this.#need(io, n);
    return n;
  }

  #user(
    a: AttrSpec,
    type: Extract<TypeRef, { kind: 'user' }>,
    io: string,
    locals: Locals,
    stream: boolean,
  ): string {
    const target = this.#ctx.userType(this.#t, type.name, this.#t);
    const args = type.args
      .map((x, k) => `, ${this.#ctx.argument(this.#ctx.expr(x, this.#t, locals), target.params[k])}`)
      .join('');
    const sameFile = this.#ctx.fileOf(target) === this.#ctx.fileOf(this.#t);
    const parent = !sameFile
      ? 'null'
      : a.parent === undefined
        ? 'self'
        : this.#ctx.expr(a.parent, this.#t, locals).js;
    const le = this.#ctx.dynamicEndian(this.#t) ? 'self[LE]' : 'undefined';
    const call = `${stream ? 'g' : 'r'}${this.#ctx.indexOf(target)}(${io}, ${parent}, ${sameFile ? 'self[ROOT]' : 'null'}, ${le}${args})`;
    return stream ? `(yield* ${call})` : call;
  }

  #switch(a: AttrSpec, on: Expr, cases: readonly SwitchCase[], io: string, locals: Locals): string {
    const e = this.#e;
    const t = this.#t;
    const v = e.tmp('w');
    const key = e.tmp('k');
    const onValue = this.#ctx.expr(on, t, locals);
    e.line(`const ${key} = ${onValue.js}; let ${v};`);
    const bits = this.#inBits;
    let defaulted = false;
    cases.forEach((c, k) => {
      this.#inBits = bits;
      const head =
        c.match === '_'
          ? '{'
          : `if (${equals({ js: key, type: onValue.type }, this.#ctx.expr(c.match, t, locals))}) {`;
      if (c.match === '_') defaulted = true;
      e.line(`${k === 0 ? '' : 'else '}${head}`);
      e.line(`${v} = ${this.#typed(a, c.type, io, locals)};`);
      e.line('}');
    });
    if (!defaulted && sized(a)) {
      e.line('else {');
      e.line(`${v} = ${this.#bytes(a, io, locals)};`);
      e.line('}');
    }
    return v;
  }

  #valid(a: AttrSpec, v: string, io: string, locals: Locals): void {
    const e = this.#e;
    const t = this.#t;
    const valid = a.valid;
    if (valid === undefined) return;
    const type = this.#valueType(a);
    // `_` and the field's own name are the value being checked (Kaitai stores it first).
    const inner: Locals = { ...locals, item: { js: v, type }, checking: { id: a.id, js: v, type } };
    const x = (ex: Expr) => this.#ctx.expr(ex, t, inner).js;
    const is = (ex: Expr) => equals({ js: v, type }, this.#ctx.expr(ex, t, inner));
    const fail = (code: string, expected: string) =>
      `throw ${S}.invalid(${quote(code)}, ${v}, ${expected}, ${quote(typeLabel(a))}, ${io});`;
    switch (valid.kind) {
      case 'eq':
        e.line(`if (!${is(valid.eq)}) ${fail('NOT_EQUAL', x(valid.eq))}`);
        break;
      case 'range':
        if (valid.min) e.line(`if (${S}.lt(${v}, ${x(valid.min)})) ${fail('LESS_THAN', x(valid.min))}`);
        if (valid.max) e.line(`if (${S}.lt(${x(valid.max)}, ${v})) ${fail('GREATER_THAN', x(valid.max))}`);
        break;
      case 'anyOf': {
        const all = valid.anyOf.map(is).join(' || ');
        e.line(`if (!(${all})) ${fail('NOT_ANY_OF', 'undefined')}`);
        break;
      }
      case 'inEnum': {
        const members = e.ref(this.#enumValues(a));
        e.line(`if (!${members}.has(${S}.key(${v}))) ${fail('NOT_IN_ENUM', 'undefined')}`);
        break;
      }
      case 'expr':
        e.line(`if (!(${x(valid.expr)})) ${fail('EXPR_FAILED', 'undefined')}`);
        break;
    }
  }

  /** The enum's values of an `in-enum` field, as Set keys (`key` makes bigints and numbers agree). */
  #enumValues(a: AttrSpec): Set<string> {
    return new Set(this.#ctx.enumValues(this.#t, a).map((m) => String(m)));
  }

  /** The static type of one value of `a` (an item, when it repeats). */
  #valueType(a: AttrSpec): KType {
    const type = this.#ctx.attrType(this.#t, a);
    return a.repeat && type.kind === 'array' ? type.of : type;
  }

  #instance(inst: ParseInstanceSpec | ValueInstanceSpec): void {
    const e = this.#e;
    const t = this.#t;
    e.line(`function i${this.#i}_${safe(inst.id)}(self) {`);
    e.line(`let at = ${quote(inst.id)}, ix = -1;`);
    e.line('try {');
    if (inst.kind === 'value') {
      if (inst.if) e.line(`if (!(${this.#ctx.expr(inst.if, t, {}).js})) return undefined;`);
      e.line(`return ${this.#ctx.expr(inst.value, t, {}).js};`);
    } else {
      this.#inBits = false;
      const io = e.tmp('io');
      const saved = e.tmp('p');
      if (inst.if) e.line(`if (!(${this.#ctx.expr(inst.if, t, {}).js})) return undefined;`);
      e.line(`const ${io} = ${inst.io === undefined ? 'self[IO]' : this.#ctx.expr(inst.io, t, {}).js};`);
      e.line(`const ${saved} = ${io}.pos;`);
      if (inst.pos !== undefined) e.line(`${io}.seek(${S}.count(${this.#ctx.expr(inst.pos, t, {}).js}));`);
      const result = e.tmp('v');
      e.line(`let ${result};`);
      this.#attribute({ ...inst, if: undefined }, io, result);
      e.line(`${io}.seek(${saved});`);
      e.line(`return ${result};`);
    }
    e.line(`} catch (error) { throw ${S}.within(${e.ref(keepPartial)}(error, at, ix), at, ix, self[IO]); }`);
    e.line('}');
  }
}

/**
 * Kaitai's `==` of two compiled values: `===` where both are values it decides alike (numbers that
 * are never bigints, strings, booleans), else the helper (bigints, byte arrays, values of any type).
 */
function equals(a: { js: string; type: KType }, b: { js: string; type: KType }): string {
  return plain(a.type) && plain(b.type) ? `(${a.js} === ${b.js})` : `${S}.eq(${a.js}, ${b.js})`;
}

function plain(t: KType): boolean {
  if (t.kind === 'int' || t.kind === 'enum') return !mayBeBigint(t);
  return t.kind === 'float' || t.kind === 'bool' || t.kind === 'str';
}

/** The DataView method that reads a fixed-size number of this type. */
function getter(type: Extract<TypeRef, { kind: 'int' | 'float' }>): string {
  if (type.kind === 'float') return type.width === 4 ? 'getFloat32' : 'getFloat64';
  if (type.width === 8) return type.signed ? 'getBigInt64' : 'getBigUint64';
  return `get${type.signed ? 'Int' : 'Uint'}${type.width * 8}`;
}

/** Whether a field reads its bytes first (a size, the end, a terminator, a process) and parses them after. */
export function sized(a: AttrSpec): boolean {
  return a.size !== undefined || a.sizeEos || a.terminator !== undefined || a.process !== undefined;
}

/** An identifier as part of a JS function name. */
function safe(id: string): string {
  return id.replace(/[^A-Za-z0-9_]/g, '_');
}

/** How Kaitai's validation errors name the field's type (`ValidationNotEqualError<u1>`). */
function typeLabel(a: AttrSpec): string {
  const t = a.type;
  switch (t.kind) {
    case 'int':
      return `${t.signed ? 's' : 'u'}${t.width}`;
    case 'float':
      return `f${t.width}`;
    case 'bits':
      return `b${t.width}`;
    case 'str':
    case 'strz':
      return 'str';
    case 'bytes':
      return 'bytes';
    default:
      return 'struct';
  }
}

const paramSymbols = new WeakMap<TypeSpec, Map<string, symbol>>();
const cacheSymbols = new WeakMap<TypeSpec, Map<string, symbol>>();

function symbolOf(table: WeakMap<TypeSpec, Map<string, symbol>>, t: TypeSpec, id: string): symbol {
  let m = table.get(t);
  if (m === undefined) {
    m = new Map();
    table.set(t, m);
  }
  let s = m.get(id);
  if (s === undefined) {
    s = Symbol(id);
    m.set(id, s);
  }
  return s;
}

/** The symbol under which objects of `t` keep param `id`. */
export function paramSymbol(t: TypeSpec, id: string): symbol {
  return symbolOf(paramSymbols, t, id);
}

/** The symbol under which objects of `t` cache instance `id`. */
export function cacheSymbol(t: TypeSpec, id: string): symbol {
  return symbolOf(cacheSymbols, t, id);
}
