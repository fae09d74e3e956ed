/**
 * struct: named fields in order, decoded into one object with the fields in schema order.
 *
 * Static fields come from an object literal: `struct({ tag: u8, len: u16le })`. Fields that
 * depend on earlier ones are added with `.field(name, (prev) => codec)`, where `prev` is typed as
 * the fields before it, so a count or a tag is used with its real type, never as a string path:
 *
 *   struct({ count: u16be }).field('items', (s) => array(Item, s.count))
 *
 * The function's second argument is the `context` option of the decode or encode (see DecodeState's
 * `context`), typed by annotating it: `.field('data', (s, image: ImageContext) => …)`.
 *
 * Fields whose codec decodes to `void` (magic, padding, align) are checked and written but are not
 * part of the value. (A field added with a function is always part of it.)
 */
import { type AnyCodec, Codec, GEN_READ, GEN_WRITE, type Infer, READER } from '../core/codec.js';
import { type DecodeState, NEED_MORE } from '../core/decode-state.js';
import type { EncodeState } from '../core/encode-state.js';
import { key, prop, type ReadGen, type WriteGen } from '../core/gen.js';
import { DecodeError, EncodeError } from '../errors.js';
import { fieldStore } from './field-stores.js';

/** Flattens an intersection for readable hover types. */
export type Simplify<T> = { [K in keyof T]: T[K] } & {};

// biome-ignore lint/suspicious/noConfusingVoidType: void is the type of codecs that yield no value (magic, padding).
type IsVoid<T> = [T] extends [void] ? ([void] extends [T] ? true : false) : false;

/** The object type of a field table: every field's decoded type, void fields left out. */
export type StructValue<F extends Record<string, AnyCodec>> = Simplify<{
  -readonly [K in keyof F as IsVoid<Infer<F[K]>> extends true ? never : K]: Infer<F[K]>;
}>;

/** A dependent field's function: the fields before it and the decode's or encode's context. */
type Dynamic = (prev: Record<string, unknown>, context: unknown) => AnyCodec;

interface Field {
  readonly name: string;
  /** The field's codec, or a function of the fields before it that returns one. */
  readonly codec: AnyCodec | undefined;
  readonly dynamic: Dynamic | undefined;
  /** True for void codecs: read and written, not part of the value. */
  readonly hidden: boolean;
  /** The codec's interpreter read as a plain function (see Codec[READER]), for static fields. */
  readonly reader: ((st: DecodeState) => unknown) | undefined;
}

/** Marks codecs whose value is not part of a struct (magic, padding, align). */
export function isHidden(codec: AnyCodec): boolean {
  return (codec as { hidden?: boolean }).hidden === true;
}

/** A struct's fields, for the combinators that look inside one (a union merging a variant, plain.ts). */
export let fieldsOf: (codec: StructCodec<object>) => readonly Field[];

/**
 * Emits a struct's compiled read and returns its fields as object-literal entries (`a: v0`) rather
 * than a finished literal: a union puts its tag before them in one literal of its own.
 */
export let genFields: (codec: StructCodec<object>, g: ReadGen) => string[];

export class StructCodec<T extends object> extends Codec<T> {
  readonly kind = 'struct';
  override readonly size: number | undefined;
  /**
   * A copy: nothing a caller holds can change what a built struct decodes. Not frozen: the
   * interpreter's loop over a frozen array of fields ran 1.3x slower (fixed-struct, stride:interpreted).
   */
  readonly #fields: readonly Field[];

  static {
    fieldsOf = (codec) => codec.#fields;
    genFields = (codec, g) => codec.#genFields(g);
  }

  constructor(fields: readonly Field[]) {
    super();
    this.#fields = fields.slice();
    let size: number | undefined = 0;
    for (const f of fields)
      size = f.codec?.size === undefined || size === undefined ? undefined : size + f.codec.size;
    this.size = size;
    Object.freeze(this);
  }

  /**
   * Adds a field after the others; `codec` may be a function of the fields decoded so far and of
   * the `context` option (`unknown` unless its parameter is annotated).
   */
  field<K extends string, C extends AnyCodec, Context = unknown>(
    name: K,
    codec: C | ((prev: T, context: Context) => C),
  ): StructCodec<Simplify<T & (IsVoid<Infer<C>> extends true ? unknown : { [P in K]: Infer<C> })>> {
    if (this.#fields.some((f) => f.name === name))
      throw new TypeError(`struct: field "${name}" is defined twice`);
    const field: Field =
      codec instanceof Codec
        ? { name, codec, dynamic: undefined, hidden: isHidden(codec), reader: codec[READER]() }
        : {
            name,
            codec: undefined,
            dynamic: codec as Dynamic,
            hidden: false,
            reader: undefined,
          };
    return new StructCodec([...this.#fields, field]);
  }

  read(st: DecodeState): T {
    const at = st.pos;
    const fields = this.#fields;
    let out: Record<string, unknown> = {};
    let i = 0;
    const resumed = st.checkpoints === undefined ? undefined : st.resume(this, at);
    if (resumed !== undefined) {
      out = resumed.value as Record<string, unknown>;
      i = resumed.index;
      st.pos = resumed.pos;
    }
    let fieldAt = st.pos;
    try {
      for (; i < fields.length; i++) {
        const f = fields[i] as Field;
        fieldAt = st.pos;
        const v = f.reader !== undefined ? f.reader(st) : this.readDynamic(st, f, out);
        if (!f.hidden) fieldStore(i)(out, f.name, v);
      }
    } catch (e) {
      if (e === NEED_MORE) st.save(this, at, fieldAt, i, out);
      else if (e instanceof DecodeError) e.within((fields[i] as Field).name);
      throw e;
    }
    return out as T;
  }

  /** A field whose codec depends on the fields before it: a level of nesting, since it may recurse (`maxDepth`). */
  private readDynamic(st: DecodeState, f: Field, out: Record<string, unknown>): unknown {
    const codec = (f.dynamic as Dynamic)(out, st.context);
    st.descendField();
    try {
      return codec.read(st);
    } finally {
      st.fieldDepth--;
    }
  }

  write(w: EncodeState, value: T): void {
    if (typeof value !== 'object' || value === null) {
      throw new EncodeError(
        'NOT_AN_OBJECT',
        `struct expects an object, got ${value === null ? 'null' : typeof value}`,
      );
    }
    const record = value as Record<string, unknown>;
    for (const f of this.#fields) {
      try {
        const codec = f.codec ?? (f.dynamic as Dynamic)(record, w.context);
        codec.write(w, f.hidden ? undefined : record[f.name]);
      } catch (e) {
        if (e instanceof EncodeError) e.within(f.name);
        throw e;
      }
    }
  }

  /** Size of the run of fixed-size fields starting at field i. */
  private runFrom(i: number): number {
    let n = 0;
    for (let j = i; j < this.#fields.length; j++) {
      const s = this.#fields[j]?.codec?.size;
      if (s === undefined) break;
      n += s;
    }
    return n;
  }

  override [GEN_READ](g: ReadGen): string {
    return `{${this.#genFields(g).join(', ')}}`;
  }

  #genFields(g: ReadGen): string[] {
    const entries: string[] = [];
    let runLeft = 0;
    this.#fields.forEach((f, i) => {
      if (runLeft === 0) {
        runLeft = this.runFrom(i);
        // A run of one field is left to it: a read it makes at once can say it waits (ensure's `take`).
        if (runLeft > 0 && runLeft !== f.codec?.size) g.ensure(runLeft);
      }
      let v: string;
      if (f.codec) {
        runLeft -= f.codec.size ?? 0;
        v = g.read(f.codec);
      } else {
        g.flush();
        const scope = g.tmp('s');
        const c = g.tmp('c');
        g.emit(`const ${scope} = {${entries.join(', ')}};`);
        g.emit(`const ${c} = ${g.ref(f.dynamic)}(${scope}, st.context);`);
        v = g.interpret(c);
      }
      if (f.hidden) return;
      // Materialise now: a later flush moves p, which the read expression depends on.
      const local = g.tmp();
      g.emit(`const ${local} = ${v};`);
      entries.push(`${key(f.name)}: ${local}`);
    });
    return entries;
  }

  override [GEN_WRITE](g: WriteGen, v: string): void {
    const obj = g.tmp('o');
    g.emit(`const ${obj} = ${v};`);
    g.check(`typeof ${obj} === 'object' && ${obj} !== null`);
    let runLeft = 0;
    this.#fields.forEach((f, i) => {
      if (runLeft === 0) {
        runLeft = this.runFrom(i);
        if (runLeft > 0) g.room(runLeft);
      }
      const value = f.hidden ? 'undefined' : prop(obj, f.name);
      if (f.codec) {
        runLeft -= f.codec.size ?? 0;
        g.write(f.codec, value);
      } else {
        g.flush();
        g.emit(
          `w.pos = p; ${g.ref(f.dynamic)}(${obj}, w.context).write(w, ${value}); p = w.pos; u8 = w.u8a; dv = w.dv;`,
        );
        g.moved();
      }
    });
  }
}

/** A struct from a table of field codecs, in the table's order. */
export function struct<F extends Record<string, AnyCodec>>(fields: F): StructCodec<StructValue<F>> {
  return new StructCodec(
    Object.entries(fields).map(([name, codec]) => ({
      name,
      codec,
      dynamic: undefined,
      hidden: isHidden(codec),
      reader: codec[READER](),
    })),
  );
}
