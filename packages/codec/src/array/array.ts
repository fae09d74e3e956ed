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
import { type AnyCodec, Codec, type Infer } from '../core/codec.js';
import type { DecodeState } from '../core/decode-state.js';
import { EncodeState } from '../core/encode-state.js';
import type { ReadGen, WriteGen } from '../core/gen.js';
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
    if (typeof length === 'number' && !(Number.isInteger(length) && length >= 0)) {
      throw new TypeError(`array: count must be a non-negative integer, got ${length}`);
    }
    this.size = typeof length === 'number' && item.size !== undefined ? length * item.size : undefined;
  }

  read(st: DecodeState): Infer<C>[] {
    const len = this.length;
    if (typeof len === 'number') return this.readCount(st, len);
    if (len === 'toEnd') return this.readToEnd(st);
    if ('count' in len) {
      const at = st.pos;
      const n = len.count.read(st);
      if (!(Number.isSafeInteger(n) && n >= 0))
        st.invalid(at, st.pos - at, `array count ${n} is not a count`);
      return this.readCount(st, n);
    }
    if ('byteLength' in len) {
      const at = st.pos;
      const n = typeof len.byteLength === 'number' ? len.byteLength : len.byteLength.read(st);
      if (!(Number.isSafeInteger(n) && n >= 0))
        st.invalid(at, st.pos - at, `array byte length ${n} is not a length`);
      const saved = st.enterSection(n);
      try {
        return this.readToEnd(st);
      } finally {
        st.leaveSection(saved);
      }
    }
    return this.readUntil(st, len.until);
  }

  private checkCount(st: DecodeState, n: number): void {
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

  private readCount(st: DecodeState, n: number): Infer<C>[] {
    this.checkCount(st, n);
    const size = this.item.size;
    // All the bytes a fixed-size array needs must be there before anything is allocated.
    if (size !== undefined && st.pos + n * size > st.end) st.short(st.pos, n * size);
    const out: Infer<C>[] = [];
    for (let i = 0; i < n; i++) out.push(this.readItem(st, i));
    return out;
  }

  private readToEnd(st: DecodeState): Infer<C>[] {
    const out: Infer<C>[] = [];
    while (!st.atEnd()) {
      this.checkCount(st, out.length + 1);
      const before = st.pos;
      out.push(this.readItem(st, out.length));
      if (st.pos === before)
        st.invalid(before, 0, 'array item consumed no bytes, so the array would never end');
    }
    return out;
  }

  private readUntil(st: DecodeState, until: (item: Infer<C>, index: number) => boolean): Infer<C>[] {
    const out: Infer<C>[] = [];
    for (;;) {
      this.checkCount(st, out.length + 1);
      const before = st.pos;
      const item = this.readItem(st, out.length);
      out.push(item);
      if (until(item, out.length - 1)) return out;
      if (st.pos === before)
        st.invalid(before, 0, 'array item consumed no bytes, so the array would never end');
    }
  }

  private readItem(st: DecodeState, i: number): Infer<C> {
    try {
      return this.item.read(st) as Infer<C>;
    } catch (e) {
      if (e instanceof DecodeError) e.within(i);
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
        this.writeSized(w, value, len.byteLength);
        return;
      } else this.checkUntil(value, len.until);
    }
    this.writeItems(w, value);
  }

  private writeItems(w: EncodeState, value: Infer<C>[]): void {
    for (let i = 0; i < value.length; i++) {
      try {
        this.item.write(w, value[i]);
      } catch (e) {
        if (e instanceof EncodeError) e.within(i);
        throw e;
      }
    }
  }

  private writeSized(w: EncodeState, value: Infer<C>[], byteLength: number | Codec<number>): void {
    const body = new EncodeState(64);
    this.writeItems(body, value);
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

  private checkUntil(value: Infer<C>[], until: (item: Infer<C>, index: number) => boolean): void {
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

  override genRead(g: ReadGen): string {
    const n = this.length;
    if (typeof n !== 'number') return g.callRead(this);
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
    const out = g.tmp('a');
    const i = g.tmp('i');
    g.flush();
    g.moved();
    g.emit(`if (${n} > st.limits.maxArrayLength) return FAIL;`);
    g.emit(`const ${out} = [];`);
    g.emit(`for (let ${i} = 0; ${i} < ${n}; ${i}++) {`);
    g.emit(`${out}.push(${g.read(this.item)});`);
    g.flush();
    g.emit('}');
    g.moved();
    return out;
  }

  override genWrite(g: WriteGen, v: string): void {
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
