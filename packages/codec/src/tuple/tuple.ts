/**
 * tuple: codecs in order, decoded into an array with one typed element each.
 *
 *   const Point = tuple([f32le, f32le]);   // Codec<[number, number]>
 */
import { type AnyCodec, Codec, GEN_READ, GEN_WRITE, type Infer } from '../core/codec.js';
import { type DecodeState, NEED_MORE } from '../core/decode-state.js';
import type { EncodeState } from '../core/encode-state.js';
import type { ReadGen, WriteGen } from '../core/gen.js';
import { DecodeError, EncodeError } from '../errors.js';

export type TupleValue<C extends readonly AnyCodec[]> = { -readonly [K in keyof C]: Infer<C[K]> };

export class TupleCodec<C extends readonly AnyCodec[]> extends Codec<TupleValue<C>> {
  readonly kind = 'tuple';
  override readonly size: number | undefined;

  /** The items as given, copied: the interpreter loops over this one (a frozen array reads slower). */
  readonly #items: C;
  /** What `items` hands out: a frozen copy, so no caller can change what the tuple decodes. */
  readonly #shown: C;

  get items(): C {
    return this.#shown;
  }

  constructor(items: C) {
    super();
    this.#items = items.slice() as unknown as C;
    this.#shown = Object.freeze(items.slice()) as unknown as C;
    let size: number | undefined = 0;
    for (const c of this.#items)
      size = size === undefined || c.size === undefined ? undefined : size + c.size;
    this.size = size;
    Object.freeze(this);
  }

  read(st: DecodeState): TupleValue<C> {
    const at = st.pos;
    const resumed = st.checkpoints === undefined ? undefined : st.resume(this, at);
    const out = resumed === undefined ? [] : (resumed.value as unknown[]);
    if (resumed !== undefined) st.pos = resumed.pos;
    let itemAt = st.pos;
    try {
      while (out.length < this.#items.length) {
        itemAt = st.pos;
        out.push((this.#items[out.length] as AnyCodec).read(st));
      }
    } catch (e) {
      // Saved like a struct's fields (see DecodeState.save).
      if (e === NEED_MORE) st.save(this, at, itemAt, out.length, out);
      else if (e instanceof DecodeError) e.within(out.length);
      throw e;
    }
    return out as TupleValue<C>;
  }

  write(w: EncodeState, value: TupleValue<C>): void {
    const values = value as unknown[];
    if (!Array.isArray(values) || values.length !== this.#items.length) {
      throw new EncodeError('WRONG_LENGTH', `tuple needs an array of ${this.#items.length} values`);
    }
    for (let i = 0; i < this.#items.length; i++) {
      try {
        (this.#items[i] as AnyCodec).write(w, values[i]);
      } catch (e) {
        if (e instanceof EncodeError) e.within(i);
        throw e;
      }
    }
  }

  override [GEN_READ](g: ReadGen): string {
    if (this.size !== undefined) g.ensure(this.size);
    const vs = this.#items.map((c) => {
      const v = g.tmp();
      g.emit(`const ${v} = ${g.read(c)};`);
      return v;
    });
    return `[${vs.join(', ')}]`;
  }

  override [GEN_WRITE](g: WriteGen, v: string): void {
    const arr = g.tmp('a');
    g.emit(`const ${arr} = ${v};`);
    g.check(`Array.isArray(${arr}) && ${arr}.length === ${this.#items.length}`);
    if (this.size !== undefined) g.room(this.size);
    this.#items.forEach((c, i) => {
      g.write(c, `${arr}[${i}]`);
    });
  }
}

export function tuple<const C extends readonly AnyCodec[]>(items: C): TupleCodec<C> {
  return new TupleCodec(items);
}
