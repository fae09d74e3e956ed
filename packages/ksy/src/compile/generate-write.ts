/**
 * Each type's writer `wN(io, obj, le)`: its seq fields written in order into a KsyWriter, the
 * inverse of generate.ts's readers. A sized field is serialized first (a string encoded, a user
 * type written into a writer of its own), run backwards through its `process`, then given its
 * terminator and padded to its size; `contents` are written as they are; `if` and `switch-on` are
 * evaluated on the object being written. Instances are not written.
 *
 * A size or count that is another field's value (`size: len`, `repeat-expr: count`) is derived from
 * the value when the object leaves that field out. What cannot be written (a size no field gives,
 * a process routine without `encode`, a value of the wrong kind) is an EncodeError with the
 * field's path.
 */
import type { Scope } from '../expr/scope.js';
import { IO as IO_TYPE, type KType } from '../expr/types.js';
import type { SwitchCase, TypeRef } from '../model/type-ref.js';
import type { AttrSpec, Expr, ParseInstanceSpec, TypeSpec } from '../model/types.js';
import type { Emit } from './emit.js';
import { quote } from './emit.js';
import { type GenContext, type Locals, paramSymbol, sized } from './generate.js';

const S = '$';
const NAME = /^[a-z_][a-z0-9_]*$/;

/** A field whose value another field's size or count gives, and how it is derived. */
interface Derived {
  readonly field: string;
  readonly from: AttrSpec;
  readonly how: 'size' | 'count';
}

/** The locals of a writer's expressions: compiled in a writingScope. */
export type WritingLocals = Locals & { readonly writing?: true };

/**
 * The Scope of a writer's expressions: an object's `_io` is the stream it is being written to
 * (`_io.pos`, `_io.size` of a sized field's substream, `_io.eof`), or, for an object not being
 * written (a value read by a positional instance), the stream it was read from.
 */
export function writingScope(scope: Scope): Scope {
  const io = (js: string) => ({ js: `${S}.ioOf(${js})`, type: IO_TYPE });
  return {
    ...scope,
    identifier: (name) => (name === '_io' ? io('self') : scope.identifier(name)),
    member: (object, js, name) => (name === '_io' ? io(js) : scope.member(object, js, name)),
  };
}

export class WriteGen {
  readonly #ctx: GenContext;
  readonly #e: Emit;
  readonly #t: TypeSpec;
  readonly #i: number;
  /** Payloads serialized ahead (for a derived size), by field id: the local holding them. */
  readonly #payloads = new Map<string, string>();

  constructor(ctx: GenContext, e: Emit, t: TypeSpec) {
    this.#ctx = ctx;
    this.#e = e;
    this.#t = t;
    this.#i = ctx.indexOf(t);
  }

  generate(): void {
    const e = this.#e;
    const params = this.#t.params.map((_, k) => `, a${k}`).join('');
    e.line(`function w${this.#i}(io, obj, le, parent, root${params}) {`);
    e.line(`${S}.enter();`);
    e.line(`let self = ${S}.writing(io, obj, parent, root);`);
    this.#t.params.forEach((p, k) => {
      e.line(`self[${e.ref(paramSymbol(this.#t, p.id))}] = a${k};`);
    });
    e.line(`let at = '', ix = -1;`);
    e.line('try {');
    this.#endian();
    for (const d of this.#derived()) this.#derive(d);
    for (const inst of this.#t.instances)
      if (inst.kind === 'parse' && inst.pos !== undefined) this.#positional(inst, inst.pos);
    for (const a of this.#t.seq) {
      e.line(`at = ${quote(a.id)};`);
      this.#attribute(a);
    }
    e.line(`} catch (error) { throw ${S}.writeFault(error, at, ix); } finally { ${S}.leave(); }`);
    e.line('}');
  }

  /** An expression on the objects being written (see writingScope). */
  #expr(x: Expr, locals: Locals = {}): { js: string; type: KType } {
    const writing: WritingLocals = { ...locals, writing: true };
    return this.#ctx.expr(x, this.#t, writing);
  }

  #endian(): void {
    const t = this.#t;
    const e = this.#e;
    if (!this.#ctx.dynamicEndian(t)) return;
    const endian = t.meta.endian;
    if (endian === undefined || typeof endian === 'string') {
      e.line('self[LE] = le;');
      return;
    }
    const v = e.tmp('e');
    e.line(`const ${v} = ${this.#expr(endian.switchOn).js};`);
    const tests = endian.cases.map(([match, order]) => {
      const cond = match === '_' ? 'true' : `${S}.eq(${v}, ${this.#expr(match).js})`;
      return `if (${cond}) self = ${S}.derive(self, LE, ${order === 'le'});`;
    });
    e.line(`${tests.join(' else ')} else throw ${S}.cannot('no case of the computed endianness matched');`);
  }

  /** The fields a later field's size or count names, which the object may leave out. */
  #derived(): Derived[] {
    const seq = this.#t.seq;
    const out: Derived[] = [];
    seq.forEach((a, k) => {
      const source =
        a.size?.source.trim() ?? (a.repeat?.kind === 'expr' ? a.repeat.expr.source.trim() : undefined);
      if (source === undefined || !NAME.test(source)) return;
      const field = seq.slice(0, k).find((f) => f.id === source);
      if (field === undefined || field.if || field.repeat || !['int', 'bits'].includes(field.type.kind))
        return;
      out.push({ field: source, from: a, how: a.size ? 'size' : 'count' });
    });
    return out;
  }

  #derive(d: Derived): void {
    const e = this.#e;
    const value = `self.${d.from.id}`;
    const local = e.tmp('p');
    if (d.how === 'size') e.line(`let ${local};`);
    e.line(`if (self.${d.field} === undefined) {`);
    e.line(`at = ${quote(d.from.id)};`);
    if (d.how === 'count')
      e.line(`self = ${S}.derive(self, ${quote(d.field)}, ${S}.listOf(${value}).length);`);
    else {
      const p = this.#payload(d.from, d.from.type, value, {});
      e.line(`${local} = ${p};`);
      e.line(`self = ${S}.derive(self, ${quote(d.field)}, ${local}.length);`);
      this.#payloads.set(d.from.id, local);
    }
    e.line('}');
  }

  /**
   * A positional instance the object holds, written at its `pos` in its stream (`io`, or the one
   * its `io` names if that one is being written) before the seq, as if invoked first; the position
   * is kept. The seq's bytes then win where they overlap (an instance's padding never covers a
   * field). What disagrees, or lands where no write reaches, the read-back check (verify.ts) finds.
   */
  #positional(inst: ParseInstanceSpec, pos: Expr): void {
    const e = this.#e;
    const [v, w, end] = [e.tmp('h'), e.tmp('o'), e.tmp('e')];
    e.line(`at = ${quote(inst.id)};`);
    e.line(`const ${v} = ${S}.held(self, ${quote(inst.id)});`);
    e.line(`const ${w} = ${v} === undefined ? undefined : ${inst.io ? this.#expr(inst.io).js : 'io'};`);
    e.line(`if (${w} instanceof ${S}.Writer) {`);
    e.line(`const ${end} = ${w}.pos;`);
    e.line(`${w}.seek(${S}.count(${this.#expr(pos).js}));`);
    e.line(`{ const io = ${w};`);
    this.#attribute({ ...inst, if: undefined }, v);
    e.line(`}`);
    e.line(`${w}.seek(${end});`);
    e.line('}');
  }

  #attribute(a: AttrSpec, value = `self.${a.id}`): void {
    const e = this.#e;
    if (a.if) e.line(`if (${this.#expr(a.if).js}) {`);
    if (a.repeat === undefined) this.#one(a, value, {});
    else {
      const count = a.repeat.kind === 'expr' ? `${S}.count(${this.#expr(a.repeat.expr).js})` : 'undefined';
      const list = e.tmp('l');
      const i = e.tmp('i');
      e.line(`const ${list} = ${S}.listOf(${value}, ${count});`);
      e.line(`for (let ${i} = 0; ${i} < ${list}.length; ${i}++) {`);
      e.line(`ix = ${i};`);
      this.#one(a, `${list}[${i}]`, { index: i });
      e.line('}');
      e.line('ix = -1;');
    }
    if (a.if) e.line('}');
  }

  /** Writes one value (JS text `v`) of `a`. */
  #one(a: AttrSpec, v: string, locals: Locals): void {
    const e = this.#e;
    const type = a.type;
    if (a.contents !== undefined) {
      e.line(`io.bytes(${e.ref(a.contents)});`);
      return;
    }
    if (!sized(a)) {
      if (type.kind === 'switch') this.#switch(a, type.on, type.cases, v, locals, false);
      else this.#plain(a, type, v, 'io', locals);
      return;
    }
    const ahead = locals.index === undefined ? this.#payloads.get(a.id) : undefined;
    if (ahead === undefined) {
      // Unless processed, stripped or terminated, the value's stream is the field's size.
      const whole = a.process === undefined && a.padRight === undefined && a.terminator === undefined;
      let limit: string | undefined;
      if (a.size !== undefined && whole) {
        limit = e.tmp('n');
        e.line(`const ${limit} = ${S}.count(${this.#expr(a.size, locals).js});`);
      }
      this.#sized(a, this.#payload(a, type, v, locals, limit), locals, limit);
      return;
    }
    // Serialized ahead when its size was derived; else now.
    const b = e.tmp('b');
    e.line(`let ${b} = ${ahead};`);
    e.line(`if (${b} === undefined) {`);
    e.line(`${b} = ${this.#payload(a, type, v, locals)};`);
    e.line('}');
    this.#sized(a, b, locals);
  }

  /** An unsized value: a number, bits, or a user type written in place (into writer `io`). */
  #plain(
    a: AttrSpec,
    type: Exclude<TypeRef, { kind: 'switch' }>,
    v: string,
    io = 'io',
    locals: Locals = {},
  ): void {
    const e = this.#e;
    switch (type.kind) {
      case 'int': {
        const le =
          type.width === 1 ? 'true' : type.endian === undefined ? 'self[LE]' : String(type.endian === 'le');
        e.line(`${io}.int(${v}, ${type.width}, ${type.signed}, ${le});`);
        return;
      }
      case 'float': {
        const le = type.endian === undefined ? 'self[LE]' : String(type.endian === 'le');
        e.line(`${io}.float(${v}, ${type.width}, ${le});`);
        return;
      }
      case 'bits':
        e.line(`${io}.bits(${v}, ${type.width}, ${type.bitEndian === 'le'});`);
        return;
      case 'user': {
        e.line(`${this.#call(a, type, io, v, locals)};`);
        return;
      }
      default:
        // bytes and strings are always read sized, terminated or to the end
        e.line(`${S}.bytesOf(${v}, ${quote(a.id)});`);
    }
  }

  /**
   * JS text of a call of user type `type`'s writer on value `v` into `io`, with the `_parent`
   * (this object, or the field's `parent`), `_root` and params the reader gives it.
   */
  #call(
    a: AttrSpec,
    type: Extract<TypeRef, { kind: 'user' }>,
    io: string,
    v: string,
    locals: Locals = {},
  ): string {
    const target = this.#ctx.userType(this.#t, type.name, this.#t);
    const args = type.args
      .map((x, k) => `, ${this.#ctx.argument(this.#expr(x, locals), target.params[k])}`)
      .join('');
    const sameFile = this.#ctx.fileOf(target) === this.#ctx.fileOf(this.#t);
    const parent = !sameFile ? 'null' : a.parent === undefined ? 'self' : this.#expr(a.parent, locals).js;
    const root = sameFile ? 'self[ROOT]' : 'null';
    return `w${this.#ctx.indexOf(target)}(${io}, ${v}, self[LE], ${parent}, ${root}${args})`;
  }

  /**
   * JS text of the bytes a sized field's value makes, after its process routine is undone. `limit`
   * is JS text of the size its stream will have, when known before the value is written (a
   * size-eos field inside pads to it; `_io.size` and `_io.eof` answer from it).
   */
  #payload(a: AttrSpec, type: TypeRef, v: string, locals: Locals, limit = 'undefined'): string {
    const e = this.#e;
    const b = e.tmp('b');
    if (type.kind === 'switch') {
      e.line(`let ${b};`);
      this.#switch(a, type.on, type.cases, v, locals, true, b, limit);
    } else if (type.kind === 'str' || type.kind === 'strz')
      e.line(`let ${b} = ${S}.encodeString(${v}, ${quote(type.encoding)});`);
    else if (type.kind === 'user') {
      const sub = e.tmp('w');
      e.line(`const ${sub} = new ${S}.Writer(${limit}, ${S}.backgroundOf(${v}));`);
      e.line(`${this.#call(a, type, sub, v, locals)};`);
      e.line(`let ${b} = ${sub}.result();`);
    } else if (type.kind === 'bytes') e.line(`let ${b} = ${S}.bytesOf(${v}, ${quote(a.id)});`);
    else {
      const sub = e.tmp('w');
      e.line(`const ${sub} = new ${S}.Writer();`);
      this.#plain(a, type, v, sub, locals);
      e.line(`let ${b} = ${sub}.result();`);
    }
    if (a.process !== undefined) {
      const routine = e.ref(this.#ctx.processRoutine(a.process.name, this.#t));
      const args = a.process.args.map((x) => this.#expr(x, locals).js);
      // The bytes the routine made of the field as read: the value's own, or its stream's.
      const original = type.kind === 'bytes' ? v : `${S}.backgroundOf(${v})`;
      e.line(
        `${b} = ${S}.unprocess(${routine}, ${quote(a.process.name)}, ${b}, [${args.join(', ')}], ${original});`,
      );
    }
    return b;
  }

  /** Writes a sized field's payload `b`: fitted to its size (`size`: a local holding it, when counted already), or with its terminator, or as it is. */
  #sized(a: AttrSpec, b: string, locals: Locals, size?: string): void {
    const e = this.#e;
    const term = a.terminator === undefined ? 'undefined' : e.ref(a.terminator);
    if (a.size !== undefined) {
      const n = size ?? `${S}.count(${this.#expr(a.size, locals).js})`;
      e.line(`io.bytes(${S}.fit(${b}, ${n}, ${term}, ${a.include}, ${a.padRight ?? 0}));`);
    } else if (a.terminator !== undefined && !a.sizeEos) {
      e.line(`io.bytes(${b});`);
      // Unconsumed, the terminator is the next field's first byte; after the last field, no one's.
      const last = this.#t.seq.at(-1) === a;
      if (!a.include && (a.consume || last)) e.line(`io.bytes(${S}.termBytes(${term}));`);
    } else {
      e.line(`io.bytes(${b});`);
      // To the end of the stream: the terminator, then the padding up to the stream's size.
      if (a.terminator !== undefined && !a.include) e.line(`io.bytesIfRoom(${S}.termBytes(${term}));`);
      e.line(`io.padToEnd(${a.padRight ?? 'undefined'});`);
    }
  }

  /**
   * A switch: the case `on` selects, written in place (unsized) or into `into` (a payload). No
   * case: bytes, for a sized field.
   */
  #switch(
    a: AttrSpec,
    on: Expr,
    cases: readonly SwitchCase[],
    v: string,
    locals: Locals,
    payload: boolean,
    into?: string,
    limit?: string,
  ): void {
    const e = this.#e;
    const key = e.tmp('k');
    e.line(`const ${key} = ${this.#expr(on, locals).js};`);
    let defaulted = false;
    cases.forEach((c, k) => {
      const head = c.match === '_' ? '{' : `if (${S}.eq(${key}, ${this.#expr(c.match, locals).js})) {`;
      if (c.match === '_') defaulted = true;
      e.line(`${k === 0 ? '' : 'else '}${head}`);
      if (payload)
        e.line(`${into} = ${this.#payload({ ...a, process: undefined }, c.type, v, locals, limit)};`);
      else this.#plain(a, c.type as Exclude<TypeRef, { kind: 'switch' }>, v, 'io', locals);
      e.line('}');
    });
    // No case: a sized field's bytes; an unsized one read nothing, so its value is absent.
    const fallback = payload
      ? `${into} = ${S}.bytesOf(${v}, ${quote(a.id)});`
      : `if (${v} !== undefined) throw ${S}.cannot('no case matches the switch, and the value is not absent');`;
    e.line(defaulted ? '' : `${cases.length === 0 ? '' : 'else '}{ ${fallback} }`);
  }
}
