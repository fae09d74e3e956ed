/**
 * Tagged unions: a tag, then the variant it selects.
 *
 *   const Shape = taggedUnion(u8, { 1: Circle, 2: Rect });
 *   // Infer: { type: 1; r: number } | { type: 2; w: number; h: number }
 *
 * The value is one object with the tag first, under `tagKey` (default `type`). A struct variant's
 * fields follow the tag; any other variant's value goes under `value` (`{ type: 3, value: 513 }`).
 * A variant that is a `sized` struct or union (a message body within its length) is merged as a
 * struct is, the body's fields (or the inner union's tag and fields) next to the tag:
 *
 *   const Message = taggedUnion(typeTag, {
 *     DataRow: sized(len4, struct({ columns: … })),                      { type: 'DataRow', columns }
 *     Auth: sized(len4, taggedUnion(i32be, { 0: Ok, 5: Md5 }, { tagKey: 'kind' })),   { type: 'Auth', kind: 5, salt }
 *   });
 *
 * Tags are numbers or strings, whatever the tag codec decodes. Encoding picks the variant by the
 * value's tag key.
 *
 * A tag that takes no bytes (`peekTag`, `peek`) is part of the variant's own bytes: the variant
 * writes it, and encoding then reads the tag back from the bytes the variant wrote and refuses a
 * value whose variant's bytes carry another tag (EncodeError `TAG_MISMATCH` at the tag key), so the
 * tag and the variant's own copy of it cannot disagree on the wire.
 *
 * Error paths follow the value's shape: a merged variant's fields are the record's own fields, so a
 * fault inside one gets no segment for the variant (`shape.r`, not `shape[1].r`); a fault inside any
 * other variant is under `value`; a fault reading the tag, or an unknown tag, under the tag key. A
 * variant whose value could hold the tag key (a field of that name, an inner union's tag key) is
 * refused when the union is built.
 */
import { type AnyCodec, Codec, GEN_READ, GEN_WRITE, type Infer } from '../core/codec.js';
import { DecodeState } from '../core/decode-state.js';
import { describeValue } from '../core/describe.js';
import type { EncodeState } from '../core/encode-state.js';
import { key, prop, type ReadGen, type WriteGen } from '../core/gen.js';
import { defaultLimits } from '../core/limits.js';
import { FlatSource } from '../core/source.js';
import { DecodeError, EncodeError, type PathSegment } from '../errors.js';
import { genSection, SizedCodec } from '../section/sized.js';
import { fieldsOf, genFields, type Simplify, StructCodec } from '../struct/struct.js';

export type UnionTag = number | string;

/** One variant's value: the tag, then a struct's (or sized struct's or union's) fields, or `{ value }`. */
export type VariantValue<K, C, TK extends string> = Simplify<
  { [P in TK]: K } & (C extends StructCodec<infer S> ? S : MergedSized<C>)
>;

/** A variant other than a struct: a sized struct or union merged, anything else under `value`. */
type MergedSized<C> =
  C extends SizedCodec<infer S, infer B>
    ? B extends StructCodec<object> | TaggedUnionCodec<object>
      ? S
      : { value: Infer<C> }
    : { value: Infer<C> };

/** The discriminated union a table of variants decodes to (plus the default variant's value, if any). */
export type UnionValue<T extends UnionTag, V, TK extends string, D> =
  | { [K in keyof V]: VariantValue<K, V[K], TK> }[keyof V]
  | ([D] extends [never] ? never : VariantValue<T, D, TK>);

/** A variant table whose keys are all tags the tag codec can decode. */
export type VariantTable<T extends UnionTag, V> = { [K in keyof V]: K extends T ? AnyCodec : never };

export interface UnionOptions<TK extends string, D extends AnyCodec> {
  /** Key of the tag in the value (default `type`). */
  tagKey?: TK;
  /** Read for tags that are not in the table; the value keeps the tag as decoded. */
  default?: D;
}

interface Variant {
  readonly codec: AnyCodec;
  /** A struct variant, or a sized struct or union: its fields are merged into the value next to the tag. */
  readonly merged: boolean;
}

/** The keys a merged variant's body (a struct, or a union) may give its value. */
let keysOf: (body: AnyCodec) => Set<string>;

/** A union's compiled read whose literals start with `prefix` (see `#genSwitch`). */
let genUnion: (codec: TaggedUnionCodec<unknown>, g: ReadGen, prefix: readonly string[]) => string;

/**
 * Emits the compiled read of a merged variant (a struct, or a sized struct or union) and returns
 * an expression for its value: one literal of `entries` (the tags) and its fields.
 */
function genMerged(g: ReadGen, codec: AnyCodec, entries: readonly string[]): string {
  if (codec instanceof SizedCodec) return genSection(codec, g, () => genMerged(g, codec.body, entries));
  if (codec instanceof TaggedUnionCodec) return genUnion(codec, g, entries);
  return `{${[...entries, ...genFields(codec as StructCodec<object>, g)].join(', ')}}`;
}

/** Adds `segment` to a DecodeError's or EncodeError's path and rethrows it. */
function rethrowWithin(e: unknown, segment: PathSegment): never {
  if (e instanceof DecodeError || e instanceof EncodeError) e.within(segment);
  throw e;
}

/** The tags of a table as a message lists them, formatted like `tag` (quoted for string tags). */
export function expectedTags(keys: readonly string[], tag: unknown): string {
  return keys.map((k) => (typeof tag === 'string' ? JSON.stringify(k) : k)).join(', ');
}

export class TaggedUnionCodec<U> extends Codec<U> {
  readonly kind = 'union';
  /** Variants by tag: by the key string, and for numeric keys also by the number. */
  readonly #table = new Map<unknown, Variant>();
  readonly #keys: string[];
  readonly #fallback: Variant | undefined;

  constructor(
    readonly tag: Codec<UnionTag>,
    variants: Readonly<Record<string, AnyCodec>>,
    readonly tagKey: string,
    fallback: AnyCodec | undefined,
  ) {
    super();
    this.#keys = Object.keys(variants);
    for (const k of this.#keys) {
      const variant = this.#variant(variants[k] as AnyCodec, k);
      this.#table.set(k, variant);
      // Object keys are strings; a numeric key must also match the number a tag codec decodes.
      if (String(Number(k)) === k) this.#table.set(Number(k), variant);
    }
    this.#fallback = fallback && this.#variant(fallback, 'default');
    Object.freeze(this);
  }

  #variant(codec: AnyCodec, name: string): Variant {
    const body = codec instanceof SizedCodec ? codec.body : codec;
    const merged = body instanceof StructCodec || (body !== codec && body instanceof TaggedUnionCodec);
    const clash = merged ? keysOf(body).has(this.tagKey) : this.tagKey === 'value';
    if (clash) {
      const where = merged ? 'has a field' : 'keeps its value under';
      throw new TypeError(
        `taggedUnion: variant ${name} ${where} "${this.tagKey}", the tag key; pass another tagKey`,
      );
    }
    return { codec, merged };
  }

  static {
    genUnion = (codec, g, prefix) => codec.#genSwitch(g, prefix);
    keysOf = (codec) => {
      if (codec instanceof StructCodec) return new Set(fieldsOf(codec).map((f) => f.name));
      if (!(codec instanceof TaggedUnionCodec)) return new Set();
      const keys = new Set([codec.tagKey]);
      const variants = [...codec.#table.values(), ...(codec.#fallback ? [codec.#fallback] : [])];
      for (const v of variants) {
        if (!v.merged) keys.add('value');
        else for (const k of keysOf(v.codec instanceof SizedCodec ? v.codec.body : v.codec)) keys.add(k);
      }
      return keys;
    };
  }

  read(st: DecodeState): U {
    const at = st.pos;
    let tag: UnionTag;
    try {
      tag = this.tag.read(st);
    } catch (e) {
      rethrowWithin(e, this.tagKey);
    }
    const variant = this.#table.get(tag) ?? this.#fallback;
    if (variant === undefined) {
      try {
        st.badTag(at, st.pos - at, expectedTags(this.#keys, tag), describeValue(tag));
      } catch (e) {
        rethrowWithin(e, this.tagKey);
      }
    }
    if (variant.merged) return { [this.tagKey]: tag, ...(variant.codec.read(st) as object) } as U;
    try {
      return { [this.tagKey]: tag, value: variant.codec.read(st) } as U;
    } catch (e) {
      rethrowWithin(e, 'value');
    }
  }

  /**
   * Compiled read: the tag, then a `switch` on it with each variant's code inlined; each branch
   * builds its value as one object literal (so every value of a variant has one hidden class),
   * a merged variant's fields next to the tag. An unknown tag goes to the interpreter.
   */
  override [GEN_READ](g: ReadGen): string {
    return this.#genSwitch(g, []);
  }

  /**
   * The switch, each branch's literal starting with `prefix` (the entries of the unions this one is
   * merged into: `{ type: t0, kind: t1, …fields }`); returns the local holding the value.
   */
  #genSwitch(g: ReadGen, prefix: readonly string[]): string {
    const tag = g.tmp('t');
    g.emit(`const ${tag} = ${g.read(this.tag)};`);
    g.flush();
    // Each branch starts from what holds at the switch, and ends flushed.
    g.moved();
    const v = g.tmp('u');
    g.emit(`let ${v};`);
    g.emit(`switch (${tag}) {`);
    const entries = [...prefix, `${key(this.tagKey)}: ${tag}`];
    for (const k of this.#keys) {
      // As `#table` matches: the key string, and for a numeric key the number too (tested first:
      // a numeric tag codec decodes numbers).
      const numeric = String(Number(k)) === k && !Number.isNaN(Number(k));
      g.emit(`${numeric ? `case ${k}: ` : ''}case ${JSON.stringify(k)}: {`);
      this.#genBranch(g, this.#table.get(k) as Variant, entries, v);
      g.emit('break; }');
    }
    if (this.#fallback) {
      g.emit('default: {');
      this.#genBranch(g, this.#fallback, entries, v);
      g.emit('}');
    } else g.emit('default: return FAIL;');
    g.emit('}');
    return v;
  }

  #genBranch(g: ReadGen, variant: Variant, entries: readonly string[], v: string): void {
    let value: string;
    if (variant.merged) value = genMerged(g, variant.codec, entries);
    else {
      const inner = g.tmp();
      g.emit(`const ${inner} = ${g.read(variant.codec)};`);
      value = `{${[...entries, `value: ${inner}`].join(', ')}}`;
    }
    g.emit(`${v} = ${value};`);
    g.flush();
    g.moved();
  }

  write(w: EncodeState, value: U): void {
    if (typeof value !== 'object' || value === null) {
      throw new EncodeError(
        'NOT_AN_OBJECT',
        `union expects an object, got ${value === null ? 'null' : typeof value}`,
      );
    }
    const record = value as Record<string, unknown>;
    const tag = record[this.tagKey];
    const variant = this.#table.get(tag) ?? this.#fallback;
    try {
      if (variant === undefined) {
        throw new EncodeError(
          'BAD_TAG',
          `no variant for tag ${describeValue(tag)}; expected one of ${expectedTags(this.#keys, tag)}`,
        );
      }
      this.tag.write(w, tag as UnionTag);
    } catch (e) {
      rethrowWithin(e, this.tagKey);
    }
    const at = w.pos;
    if (variant.merged) variant.codec.write(w, record);
    else {
      try {
        variant.codec.write(w, record.value);
      } catch (e) {
        rethrowWithin(e, 'value');
      }
    }
    if (this.tag.size === 0) this.#checkCarried(w, at, tag);
  }

  /**
   * Compiled write: a `switch` on the value's tag, each branch the tag's code and its variant's.
   * A tag that takes no bytes (checked against the variant's bytes), a value that is no object or
   * has no variant, go to the interpreter.
   */
  override [GEN_WRITE](g: WriteGen, v: string): void {
    if (this.tag.size === 0) {
      g.callWrite(this, v);
      return;
    }
    const o = g.tmp('o');
    const t = g.tmp('t');
    g.emit(`const ${o} = ${v};`);
    g.check(`typeof ${o} === 'object' && ${o} !== null`);
    g.emit(`const ${t} = ${prop(o, this.tagKey)};`);
    g.flush();
    g.moved();
    g.emit(`switch (${t}) {`);
    const branch = (variant: Variant) => {
      g.write(this.tag, t);
      g.write(variant.codec, variant.merged ? o : prop(o, 'value'));
      g.flush();
      g.moved();
    };
    for (const k of this.#keys) {
      const numeric = String(Number(k)) === k && !Number.isNaN(Number(k));
      g.emit(`${numeric ? `case ${k}: ` : ''}case ${JSON.stringify(k)}: {`);
      branch(this.#table.get(k) as Variant);
      g.emit('break; }');
    }
    if (this.#fallback) {
      g.emit('default: {');
      branch(this.#fallback);
      g.emit('}');
    } else g.emit('default: return FAIL;');
    g.emit('}');
  }

  /** Reads a tag that takes no bytes from the variant's bytes [at, w.pos): it must be `tag`. */
  #checkCarried(w: EncodeState, at: number, tag: unknown): void {
    const bytes = w.u8a.subarray(at, w.pos);
    const st = new DecodeState(new FlatSource().reset(bytes, 0, true), defaultLimits, w.context);
    st.begin(0);
    let carried: UnionTag;
    try {
      carried = this.tag.read(st);
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      throw new EncodeError(
        'TAG_MISMATCH',
        `the variant's bytes carry no tag (${e.detail}); the value's tag is ${describeValue(tag)}`,
      ).within(this.tagKey);
    }
    if (carried !== tag) {
      throw new EncodeError(
        'TAG_MISMATCH',
        `the variant's bytes carry tag ${describeValue(carried)}, but the value's tag is ${describeValue(tag)}`,
      ).within(this.tagKey);
    }
  }
}

/** A tag, then the variant the table gives for it; see the module comment. */
export function taggedUnion<
  T extends UnionTag,
  const V extends VariantTable<T, V>,
  TK extends string = 'type',
  D extends AnyCodec = never,
>(tag: Codec<T>, variants: V, options: UnionOptions<TK, D> = {}): TaggedUnionCodec<UnionValue<T, V, TK, D>> {
  return new TaggedUnionCodec(
    tag as Codec<UnionTag>,
    variants as Record<string, AnyCodec>,
    options.tagKey ?? 'type',
    options.default,
  );
}
