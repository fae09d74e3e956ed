/**
 * array: a sequence of one codec, bounded five ways:
 *
 *   array(Item, 4)                              exactly 4 items
 *   array(Item, { count: u16be })               a count prefix, then the items
 *   array(Item, { byteLength: 128 })            items filling exactly 128 bytes (or a length prefix codec)
 *   array(Item, { until: (item) => item.last }) items up to and including the first that matches
 *   array(Item, 'toEnd')                        items to the end of the enclosing section or input
 *
 * A count from a field before it is written as a dependent field: `.field('items', (s) => array(Item, s.n))`.
 * Counts are checked against `maxArrayLength`, and a count of fixed-size items against the bytes
 * that can be there before any item is read, so a hostile count allocates nothing.
 */
import { type AnyCodec, Codec, GEN_READ, GEN_WRITE, type Infer } from '../core/codec.js';
import { type DecodeState, NEED_MORE } from '../core/decode-state.js';
import { EncodeState } from '../core/encode-state.js';
import type { ReadGen, WriteGen } from '../core/gen.js';
import { isLength } from '../core/length.js';
import { DecodeError, EncodeError } from '../errors.js';

export type ArrayLength<T> =
  | number
  | 'toEnd'
  | { count: Codec<number> }
  | { byteLength: number | Codec<number> }
  | { until: (item: T, index: number) => boolean };

/** Arrays of at most this many fixed-size items compile to an array literal. */
const UNROLL = 16;

export class ArrayCodec<C extends AnyCodec> extends Codec<Infer<C>[]> {
  readonly kind = 'array';
  override readonly size: number | undefined;

  constructor(
    readonly item: C,
    readonly length: ArrayLength<Infer<C>>,
  ) {
    super();
    // A count is checked when read, not here: one computed from decoded fields
    // (`s => array(Item, s.n)`) must fail as a DecodeError with an offset, not a TypeError.
    this.size =
      typeof length === 'number' && isLength(length) && item.size !== undefined
        ? length * item.size
        : undefined;
    Object.freeze(this);
  }

  read(st: DecodeState): Infer<C>[] {
    const at = st.pos;
    const len = this.length;
    if (typeof len === 'number') return this.#readCount(st, at, len);
    if (len === 'toEnd') return this.#readToEnd(st, at);
    if ('count' in len) return this.#readCount(st, at, len.count.read(st));
    if ('byteLength' in len) {
      const n = typeof len.byteLength === 'number' ? len.byteLength : len.byteLength.read(st);
      if (!isLength(n)) st.invalid(at, st.pos - at, `array byte length ${n} is not a length`);
      const saved = st.enterSection(n);
      try {
        return this.#readToEnd(st, at);
      } finally {
        st.leaveSection(saved);
      }
    }
    return this.#readUntil(st, at, len.until);
  }

  #checkCount(st: DecodeState, n: number): void {
    if (n > st.limits.maxArrayLength) {
      st.overLimit(
        'maxArrayLength',
        st.pos,
        0,
        `array of ${n} items exceeds maxArrayLength (${st.limits.maxArrayLength})`,
        `at most ${st.limits.maxArrayLength} items`,
        `${n} items`,
      );
    }
  }

  /** The items decoded before the input ran out last time (see DecodeState.save), or none. */
  #resumed(st: DecodeState, at: number): Infer<C>[] {
    // Keyed by the item codec: `s => array(Item, s.n)` builds a new array codec at every try.
    const c = st.checkpoints === undefined ? undefined : st.resume(this.item, at);
    if (c === undefined) return [];
    st.pos = c.pos;
    return c.value as Infer<C>[];
  }

  /** On the way out of a loop: saves the items so far if the input ran out, names the item of an error. */
  #interrupted(st: DecodeState, e: unknown, at: number, itemAt: number, out: Infer<C>[]): void {
    if (e === NEED_MORE) st.save(this.item, at, itemAt, out.length, out);
    else if (e instanceof DecodeError) e.within(out.length);
  }

  #readCount(st: DecodeState, at: number, n: number): Infer<C>[] {
    if (!isLength(n)) st.invalid(at, st.pos - at, `array count ${n} is not a count`);
    this.#checkCount(st, n);
    const size = this.item.size;
    // All the bytes a fixed-size array needs must be there before anything is allocated.
    if (size !== undefined && st.pos + n * size > st.end) st.short(st.pos, n * size);
    const out = this.#resumed(st, at);
    let itemAt = st.pos;
    try {
      while (out.length < n) {
        itemAt = st.pos;
        out.push(this.item.read(st) as Infer<C>);
      }
    } catch (e) {
      this.#interrupted(st, e, at, itemAt, out);
      throw e;
    }
    return out;
  }

  #readToEnd(st: DecodeState, at: number): Infer<C>[] {
    const out = this.#resumed(st, at);
    let itemAt = st.pos;
    try {
      for (;;) {
        itemAt = st.pos;
        if (st.atEnd()) break;
        this.#checkCount(st, out.length + 1);
        out.push(this.item.read(st) as Infer<C>);
        if (st.pos === itemAt)
          st.invalid(itemAt, 0, 'array item consumed no bytes, so the array would never end');
      }
    } catch (e) {
      this.#interrupted(st, e, at, itemAt, out);
      throw e;
    }
    return out;
  }

  #readUntil(st: DecodeState, at: number, until: (item: Infer<C>, index: number) => boolean): Infer<C>[] {
    const out = this.#resumed(st, at);
    let itemAt = st.pos;
    try {
      for (;;) {
        this.#checkCount(st, out.length + 1);
        itemAt = st.pos;
        const item = this.item.read(st) as Infer<C>;
        out.push(item);
        if (until(item, out.length - 1)) return out;
        if (st.pos === itemAt)
          st.invalid(itemAt, 0, 'array item consumed no bytes, so the array would never end');
      }
    } catch (e) {
      this.#interrupted(st, e, at, itemAt, out);
      throw e;
    }
  }

  write(w: EncodeState, value: Infer<C>[]): void {
    if (!Array.isArray(value))
      throw new EncodeError('NOT_AN_ARRAY', `array expects an array, got ${typeof value}`);
    const len = this.length;
    if (typeof len === 'number') {
      if (value.length !== len)
        throw new EncodeError('WRONG_LENGTH', `array needs exactly ${len} items, got ${value.length}`);
    } else if (len !== 'toEnd') {
      if ('count' in len) len.count.write(w, value.length);
      else if ('byteLength' in len) {
        this.#writeSized(w, value, len.byteLength);
        return;
      } else this.#checkUntil(value, len.until);
    }
    this.#writeItems(w, value);
  }

  #writeItems(w: EncodeState, value: Infer<C>[]): void {
    for (let i = 0; i < value.length; i++) {
      try {
        this.item.write(w, value[i]);
      } catch (e) {
        if (e instanceof EncodeError) e.within(i);
        throw e;
      }
    }
  }

  #writeSized(w: EncodeState, value: Infer<C>[], byteLength: number | Codec<number>): void {
    const body = new EncodeState(64, w.context);
    this.#writeItems(body, value);
    const bytes = body.written();
    if (typeof byteLength === 'number') {
      if (bytes.length !== byteLength) {
        throw new EncodeError(
          'WRONG_LENGTH',
          `array items take ${bytes.length} bytes, the format requires ${byteLength}`,
        );
      }
    } else {
      byteLength.write(w, bytes.length);
    }
    w.bytes(bytes);
  }

  #checkUntil(value: Infer<C>[], until: (item: Infer<C>, index: number) => boolean): void {
    const last = value.length - 1;
    for (let i = 0; i <= last; i++) {
      if (until(value[i] as Infer<C>, i) !== (i === last)) {
        throw new EncodeError(
          'WRONG_LENGTH',
          i === last
            ? 'the last item must satisfy the array\'s "until" test'
            : `item ${i} satisfies the "until" test, so the array would end there`,
        );
      }
    }
    if (last < 0)
      throw new EncodeError(
        'WRONG_LENGTH',
        'an "until" array needs at least one item (the one that ends it)',
      );
  }

  override [GEN_READ](g: ReadGen): string {
    const n = this.length;
    if (typeof n === 'object' && 'count' in n) return this.#genCounted(g, n.count);
    if (typeof n !== 'number' || !isLength(n)) return g.callRead(this);
    if (this.item.size !== undefined && n <= UNROLL) {
      g.ensure(n * this.item.size);
      const items: string[] = [];
      for (let i = 0; i < n; i++) {
        const v = g.tmp();
        g.emit(`const ${v} = ${g.read(this.item)};`);
        items.push(v);
      }
      return `[${items.join(', ')}]`;
    }
    g.flush();
    g.moved();
    g.emit(`if (${n} > st.limits.maxArrayLength) return FAIL;`);
    return this.#genLoop(g, String(n));
  }

  /** Compiled read of a count prefix and its items; a bad count goes to the interpreter. */
  #genCounted(g: ReadGen, count: Codec<number>): string {
    const n = g.tmp('n');
    g.emit(`const ${n} = ${g.read(count)};`);
    g.flush();
    g.emit(
      `if (!(Number.isSafeInteger(${n}) && ${n} >= 0 && ${n} <= st.limits.maxArrayLength)) return FAIL;`,
    );
    // As the interpreter does: the bytes of fixed-size items must all be there first.
    const size = this.item.size;
    if (size !== undefined) g.emit(`if (p + ${n} * ${size} > end) return FAIL;`);
    g.moved();
    return this.#genLoop(g, n);
  }

  /** A loop reading `n` items (an expression) from a flushed position; returns the array. */
  #genLoop(g: ReadGen, n: string): string {
    const out = g.tmp('a');
    const i = g.tmp('i');
    g.emit(`const ${out} = [];`);
    g.emit(`for (let ${i} = 0; ${i} < ${n}; ${i}++) {`);
    g.emit(`${out}.push(${g.read(this.item)});`);
    g.flush();
    g.emit('}');
    g.moved();
    return out;
  }

  override [GEN_WRITE](g: WriteGen, v: string): void {
    const n = this.length;
    if (typeof n !== 'number') {
      g.callWrite(this, v);
      return;
    }
    const arr = g.tmp('a');
    g.emit(`const ${arr} = ${v};`);
    g.check(`Array.isArray(${arr}) && ${arr}.length === ${n}`);
    if (this.item.size !== undefined && n <= UNROLL) {
      g.room(n * this.item.size);
      for (let i = 0; i < n; i++) g.write(this.item, `${arr}[${i}]`);
      return;
    }
    const i = g.tmp('i');
    g.flush();
    g.moved();
    g.emit(`for (let ${i} = 0; ${i} < ${n}; ${i}++) {`);
    g.write(this.item, `${arr}[${i}]`);
    g.flush();
    g.emit('}');
    g.moved();
  }
}

export function array<C extends AnyCodec>(item: C, length: ArrayLength<Infer<C>>): ArrayCodec<C> {
  return new ArrayCodec(item, length);
}
