/**
 * MemoryView: Python 3.14's memoryview for JavaScript. Same checks in the same order, same error
 * classes and messages; beyond Python: byte-order prefixes, N-D slicing, transpose, asStrided and
 * N-D assignment. A view never copies unless a method says it returns new bytes.
 */

import {
  BufferError,
  IndexError,
  NotImplementedError,
  OverflowError,
  UnicodeEncodeError,
  ValueError,
} from '../errors.js';
import { keepShapes } from '../shapes.js';
import { BufferExport } from './export.js';
import {
  bytesLikeRequired,
  checkedItemFormat,
  coerceItem,
  type InputOf,
  type Item,
  type ItemFormat,
  type ItemOf,
  itemFormat,
  readItem,
  stripAt,
  writeItem,
} from './format.js';
import { formatHex } from './hex.js';
import { cStrides, equivShape, extent, forEachOffset, isContiguous, type Layout, product } from './layout.js';
import { pyEquals, pyTypeName } from './python.js';
import { adjustSlice, asIndex, type Bound, parseSlice, type Slice, sliceIndex, wrapIndex } from './slice.js';
import { type ByteStore, ContiguousStore } from './store.js';
import { structLayout, unpackStruct } from './struct.js';

/** How to read bytes as a view: `memoryview(bytes, { format: '<I', shape: [4, 2] })`. */
export interface MemoryViewOptions<F extends string = string> {
  /** A struct format: `'B'` (default for bytes), `'<i'`, `'>d'`, `'3B'` … */
  format?: F;
  /** Dimensions; by default one dimension over all the bytes from `offset`. */
  shape?: readonly number[];
  /** Byte strides, negative allowed; C-contiguous by default. */
  strides?: readonly number[];
  /** Byte offset of the first item. */
  offset?: number;
  /**
   * Bytes per item, for a format `struct` cannot size (such as ctypes' `'T{<B:a:3x<L:b:}'`, which
   * then supports only tobytes, hex, cast to bytes and equals). Checked against the format otherwise.
   */
  itemsize?: number;
  readonly?: boolean;
}

/** Anything a view can be made over. */
export type BytesLike = ArrayBufferView | ArrayBufferLike | MemoryView<string>;

/** A key of `view(...)`: an index (drops the dimension), a slice, `'...'` or null (a new axis of size 1). */
export type ViewKey = number | bigint | string | Slice | null;

/** Nested lists as `tolist()` returns them. */
export type NestedList<T> = T | NestedList<T>[];

interface State {
  store: ByteStore;
  base: number;
  format: string;
  itemsize: number;
  shape: readonly number[];
  strides: readonly number[];
  readonly: boolean;
  obj: unknown;
}

const INTERNAL = Symbol('MemoryView.internal');
/** Module-private access to a view's state and constructor (set in the class's static block). */
let stateOf: (v: MemoryView<string>) => State;
let create: (s: State) => MemoryView<string>;
const RELEASED = 'operation forbidden on released memoryview object';

export class MemoryView<F extends string = string> implements Iterable<ItemOf<F>>, Disposable {
  #store: ByteStore;
  #base: number;
  #format: F;
  #itemsize: number;
  #shape: readonly number[];
  #strides: readonly number[];
  #readonly: boolean;
  #obj: unknown;
  #c: boolean;
  #f: boolean;
  #released = false;
  #exports = 0;
  /** The single-item format, or null for a struct string (items then raise as CPython's do). */
  #item: ItemFormat | null;

  /** Views are made with `memoryview(obj)`; the constructor is not public API. */
  constructor(token: typeof INTERNAL, s: State) {
    if (token !== INTERNAL) throw new TypeError("cannot create 'memoryview' instances; use memoryview(obj)");
    this.#store = s.store;
    this.#base = s.base;
    this.#format = s.format as F;
    this.#itemsize = s.itemsize;
    this.#shape = Object.freeze(s.shape.slice());
    this.#strides = Object.freeze(s.strides.slice());
    this.#readonly = s.readonly;
    this.#obj = s.obj;
    this.#c = isContiguous(this, 'C');
    this.#f = isContiguous(this, 'F');
    this.#item = itemFormat(s.format);
  }

  #check(): void {
    if (this.#released || this.#store.isDetached()) throw new ValueError(RELEASED);
  }

  #state(): State {
    return {
      store: this.#store,
      base: this.#base,
      format: this.#format,
      itemsize: this.#itemsize,
      shape: this.#shape,
      strides: this.#strides,
      readonly: this.#readonly,
      obj: this.#obj,
    };
  }

  #derive(changes: Partial<State>): MemoryView<F> {
    return new MemoryView<F>(INTERNAL, { ...this.#state(), ...changes });
  }

  #recast<G extends string>(changes: Partial<State>): MemoryView<G> {
    return new MemoryView<G>(INTERNAL, { ...this.#state(), ...changes });
  }

  // --- attributes -------------------------------------------------------------------------

  get format(): F {
    this.#check();
    return this.#format;
  }
  get itemsize(): number {
    this.#check();
    return this.#itemsize;
  }
  get ndim(): number {
    this.#check();
    return this.#shape.length;
  }
  /** Dimensions (a frozen array; `[]` for a 0-d view). */
  get shape(): readonly number[] {
    this.#check();
    return this.#shape;
  }
  /** Bytes to step in each dimension (negative allowed). */
  get strides(): readonly number[] {
    this.#check();
    return this.#strides;
  }
  /** Always empty: Stride has no PIL-style indirect buffers. */
  get suboffsets(): readonly number[] {
    this.#check();
    return [];
  }
  /** `product(shape) * itemsize`: the size of `tobytes()`, not of the underlying memory. */
  get nbytes(): number {
    this.#check();
    return product(this.#shape) * this.#itemsize;
  }
  get readonly(): boolean {
    this.#check();
    return this.#readonly;
  }
  /** The object the memory came from (survives slices and casts). */
  get obj(): unknown {
    this.#check();
    return this.#obj;
  }
  get cContiguous(): boolean {
    this.#check();
    return this.#c;
  }
  get fContiguous(): boolean {
    this.#check();
    return this.#f;
  }
  get contiguous(): boolean {
    this.#check();
    return this.#c || this.#f;
  }
  get released(): boolean {
    return this.#released;
  }
  /** `len(m)`: items in the first dimension. */
  get length(): number {
    this.#check();
    if (this.#shape.length === 0) throw new TypeError('0-dim memory has no length');
    return this.#shape[0] as number;
  }

  // --- items ------------------------------------------------------------------------------

  #read(f: ItemFormat, off: number): Item {
    const s = this.#store;
    const dv = s.window(off, f.itemsize);
    return readItem(f, dv, s.at);
  }

  #write(f: ItemFormat, off: number, value: unknown): void {
    const v = coerceItem(f, stripAt(this.#format), value);
    this.#check(); // coercion first, then re-check, then write (CPython gh-92888)
    const s = this.#store;
    const dv = s.window(off, f.itemsize);
    writeItem(f, dv, s.at, v);
    s.commit(off, f.itemsize);
  }

  /** Byte offset of the item a full tuple of indexes names (CPython's `ptr_from_tuple`). */
  #offsetOf(index: readonly unknown[]): number {
    const ndim = this.#shape.length;
    if (index.length > ndim) {
      throw new TypeError(`cannot index ${ndim}-dimension view with ${index.length}-element tuple`);
    }
    let off = this.#base;
    for (let d = 0; d < ndim; d++) {
      const i = asIndex(index[d]) as number;
      off += wrapIndex(i, this.#shape[d] as number, d) * (this.#strides[d] as number);
    }
    return off;
  }

  /**
   * `m[i]`, `m[i, j, …]`, or `m[()]` for a 0-d view: the item at that index.
   * Like Python, a view with more dimensions than indexes is an error (no sub-views).
   */
  get(...index: (number | bigint)[]): ItemOf<F> {
    this.#check();
    const ndim = this.#shape.length;
    const item = this.#item;
    const i0 = index[0];
    // Fast path: one in-range integer into a 1-D view of a readable format.
    if (index.length === 1 && ndim === 1 && item !== null && typeof i0 === 'number') {
      const n = this.#shape[0] as number;
      const i = i0 < 0 ? i0 + n : i0;
      if (i >= 0 && i < n && Number.isInteger(i))
        return this.#read(item, this.#base + i * (this.#strides[0] as number)) as ItemOf<F>;
    }
    if (index.length === 1) {
      if (ndim === 0) throw new TypeError('invalid indexing of 0-dim memory');
      const i = asIndex(index[0]);
      if (i === undefined) throw new TypeError('memoryview: invalid slice key');
      const f = checkedItemFormat(this.#format);
      if (ndim !== 1) throw new NotImplementedError('multi-dimensional sub-views are not implemented');
      const off = this.#base + wrapIndex(i, this.#shape[0] as number, 0) * (this.#strides[0] as number);
      return this.#read(f, off) as ItemOf<F>;
    }
    if (ndim === 0) {
      if (index.length !== 0) throw new TypeError('invalid indexing of 0-dim memory');
      return this.#read(checkedItemFormat(this.#format), this.#base) as ItemOf<F>;
    }
    if (!index.every(isIndexLike)) throw new TypeError('memoryview: invalid slice key');
    const f = checkedItemFormat(this.#format);
    if (index.length < ndim) throw new NotImplementedError('sub-views are not implemented');
    return this.#read(f, this.#offsetOf(index)) as ItemOf<F>;
  }

  /** `m[i, …] = value`: the indexes, then the value (`m.set(2, 255)`; `m.set(value)` for 0-d). */
  set(...args: [...index: (number | bigint)[], value: InputOf<F>]): void {
    this.#check();
    const f = checkedItemFormat(this.#format);
    if (this.#readonly) throw new TypeError('cannot modify read-only memory');
    if (args.length === 0) throw new TypeError('cannot delete memory');
    const value = args[args.length - 1];
    const index = args.slice(0, -1);
    const ndim = this.#shape.length;
    if (ndim === 0) {
      if (index.length !== 0) throw new TypeError('invalid indexing of 0-dim memory');
      this.#write(f, this.#base, value);
      return;
    }
    if (index.length === 1 && isIndexLike(index[0])) {
      if (ndim > 1) throw new NotImplementedError('sub-views are not implemented');
      const i = asIndex(index[0]) as number;
      this.#write(
        f,
        this.#base + wrapIndex(i, this.#shape[0] as number, 0) * (this.#strides[0] as number),
        value,
      );
      return;
    }
    if (!index.every(isIndexLike)) throw new TypeError('memoryview: invalid slice key');
    if (index.length < ndim) throw new NotImplementedError('sub-views are not implemented');
    this.#write(f, this.#offsetOf(index), value);
  }

  // --- slicing and layout -----------------------------------------------------------------

  /** `m[start:stop:step]` on the first dimension. Never copies. */
  slice(start?: Bound, stop?: Bound, step?: Bound): MemoryView<F> {
    this.#check();
    if (this.#shape.length === 0) throw new TypeError('invalid indexing of 0-dim memory');
    const r = adjustSlice(this.#shape[0] as number, start, stop, step);
    const stride = this.#strides[0] as number;
    return this.#derive({
      base: this.#base + r.start * stride,
      shape: [r.length, ...this.#shape.slice(1)],
      strides: [stride * r.step + 0, ...this.#strides.slice(1)], // + 0: a zero stride stays 0, not -0
    });
  }

  /**
   * N-D indexing beyond Python: one key per dimension, where an integer picks an index and drops
   * the dimension, a slice (`'1:3'`, `'::-1'`, `':'` or `{ start, stop, step }`) keeps it,
   * `'...'` stands for all remaining dimensions and `null` inserts a new axis of size 1.
   * `img.view(':', ':', '0:3')` is every pixel's first three channels. Never copies.
   */
  view(...keys: ViewKey[]): MemoryView<F> {
    this.#check();
    const ndim = this.#shape.length;
    const ellipses = keys.filter((k) => k === '...').length;
    if (ellipses > 1) throw new IndexError("an index can only have a single ellipsis ('...')");
    const consuming = keys.filter((k) => k !== null && k !== '...').length;
    if (consuming > ndim) {
      throw new IndexError(
        `too many indices for view: view is ${ndim}-dimensional, but ${consuming} were indexed`,
      );
    }
    const expanded: ViewKey[] = [];
    for (const k of keys) {
      if (k === '...') for (let j = 0; j < ndim - consuming; j++) expanded.push(':');
      else expanded.push(k);
    }
    while (expanded.filter((k) => k !== null).length < ndim) expanded.push(':');
    let base = this.#base;
    const shape: number[] = [];
    const strides: number[] = [];
    let d = 0;
    for (const k of expanded) {
      if (k === null) {
        shape.push(1);
        strides.push(0);
        continue;
      }
      const n = this.#shape[d] as number;
      const stride = this.#strides[d] as number;
      if (isIndexLike(k)) {
        base += wrapIndex(asIndex(k) as number, n, d) * stride;
      } else {
        const s = typeof k === 'string' ? parseSlice(k) : typeof k === 'object' ? k : null;
        if (s === null) {
          throw new TypeError(
            `memoryview.view(): invalid key ${String(k)} for dimension ${d + 1}: use an integer, a slice such as '1:3' or { start, stop, step }, '...' or null`,
          );
        }
        const r = adjustSlice(n, s.start, s.stop, s.step);
        base += r.start * stride;
        shape.push(r.length);
        strides.push(stride * r.step + 0);
      }
      d++;
    }
    return this.#derive({ base, shape, strides });
  }

  /** Permutes the dimensions (reverses them by default). Never copies. */
  transpose(...axes: number[]): MemoryView<F> {
    this.#check();
    const ndim = this.#shape.length;
    const order = axes.length === 0 ? Array.from({ length: ndim }, (_, i) => ndim - 1 - i) : axes;
    const seen = new Set(order);
    if (
      order.length !== ndim ||
      seen.size !== ndim ||
      order.some((a) => !Number.isInteger(a) || a < 0 || a >= ndim)
    ) {
      throw new ValueError("axes don't match view");
    }
    return this.#derive({
      shape: order.map((a) => this.#shape[a] as number),
      strides: order.map((a) => this.#strides[a] as number),
    });
  }

  /** The transpose. */
  get T(): MemoryView<F> {
    return this.transpose();
  }

  /**
   * A view with any shape and byte strides, starting `offset` bytes after this view's first item
   * (NumPy's `as_strided`), checked to stay inside the underlying memory. Never copies.
   */
  asStrided(shape: readonly number[], strides: readonly number[], offset = 0): MemoryView<F> {
    this.#check();
    if (!Array.isArray(shape) || !Array.isArray(strides) || shape.length !== strides.length) {
      throw new ValueError('asStrided: shape and strides must be arrays of the same length');
    }
    if (
      shape.some((n) => !Number.isSafeInteger(n) || n < 0) ||
      strides.some((s) => !Number.isSafeInteger(s))
    ) {
      throw new ValueError('asStrided: shape must hold integers >= 0 and strides integers');
    }
    if (!Number.isSafeInteger(offset)) throw new ValueError('asStrided: offset must be an integer');
    const base = this.#base + offset;
    checkBounds({ itemsize: this.#itemsize, shape, strides }, base, 0, this.#store.byteLength);
    return this.#derive({ base, shape, strides });
  }

  /**
   * Slice assignment: copies `source` into this view (`m.slice(7, 9).assign(bytes)` is Python's
   * `m[7:9] = bytes`). Format, itemsize and shape must match; overlapping copies behave like memmove.
   */
  assign(source: BytesLike): void {
    this.#check();
    checkedItemFormat(this.#format);
    if (this.#readonly) throw new TypeError('cannot modify read-only memory');
    const src = source instanceof MemoryView ? source : asView(source);
    if (src === null) throw bytesLikeRequired(source);
    const sameFormat = stripAt(src.format) === stripAt(this.#format) && src.itemsize === this.#itemsize;
    if (!sameFormat || !equivShape(this.#shape, src.shape)) {
      throw new ValueError('memoryview assignment: lvalue and rvalue have different structures');
    }
    const bytes = src.tobytes(); // a copy first: memmove semantics when both share memory
    if (this.#c) {
      this.#store.copyIn(bytes, this.#base);
      return;
    }
    let p = 0;
    const size = this.#itemsize;
    forEachOffset(this, this.#base, 'C', (off) => {
      this.#store.copyIn(bytes.subarray(p, p + size), off);
      p += size;
    });
  }

  /**
   * Reinterprets the bytes with a native single-character format and optionally a shape
   * (1-D → N-D or N-D → 1-D), exactly as CPython's `cast`. Never copies.
   */
  cast<G extends string>(format: G, shape?: readonly number[]): MemoryView<G> {
    if (typeof format !== 'string') {
      throw new TypeError(`cast() argument 'format' must be str, not ${pyTypeName(format)}`);
    }
    this.#check();
    if (!this.#c) throw new TypeError('memoryview: casts are restricted to C-contiguous views');
    const ndim = this.#shape.length;
    if ((shape !== undefined || ndim !== 1) && this.#shape.includes(0)) {
      throw new TypeError('memoryview: cannot cast view with zeros in shape or strides');
    }
    if (shape !== undefined) {
      if (!Array.isArray(shape)) throw new TypeError('shape must be a list or a tuple');
      if (shape.length > 64) throw new ValueError('memoryview: number of dimensions must not exceed 64');
      if (ndim !== 1 && shape.length !== 1)
        throw new TypeError('memoryview: cast must be 1D -> ND or ND -> 1D');
    }
    checkAscii(format);
    const dest = itemFormat(format);
    if (dest === null || !dest.native) {
      throw new ValueError(
        "memoryview: destination format must be a native single character format prefixed with an optional '@'",
      );
    }
    const src = itemFormat(this.#format);
    if ((src === null || !src.native || !isByteFormat(src.code)) && !isByteFormat(dest.code)) {
      throw new TypeError('memoryview: cannot cast between two non-byte formats');
    }
    const nbytes = product(this.#shape) * this.#itemsize;
    if (nbytes % dest.itemsize !== 0) throw new TypeError('memoryview: length is not a multiple of itemsize');
    let dims = [nbytes / dest.itemsize];
    if (shape !== undefined) {
      dims = [];
      let len = dest.itemsize;
      for (const x of shape) {
        if (typeof x !== 'number' && typeof x !== 'bigint' && typeof x !== 'boolean') {
          throw new TypeError('memoryview.cast(): elements of shape must be integers');
        }
        if (typeof x === 'number' && !Number.isInteger(x)) {
          throw new TypeError('memoryview.cast(): elements of shape must be integers');
        }
        const n = Number(x);
        if (n >= 2 ** 63 || n < -(2 ** 63))
          throw new OverflowError('Python int too large to convert to C ssize_t');
        if (n <= 0) throw new ValueError('memoryview.cast(): elements of shape must be integers > 0');
        dims.push(n);
        len *= n;
      }
      if (len !== nbytes) throw new TypeError('memoryview: product(shape) * itemsize != buffer size');
    }
    return this.#recast<G>({
      format,
      itemsize: dest.itemsize,
      shape: dims,
      strides: cStrides(dims, dest.itemsize),
    });
  }

  // --- conversions ------------------------------------------------------------------------

  /** The items as (nested) arrays; a 0-d view gives its single value. */
  tolist(): NestedList<ItemOf<F>> {
    this.#check();
    const f = checkedItemFormat(this.#format);
    const ndim = this.#shape.length;
    const build = (d: number, off: number): NestedList<ItemOf<F>> => {
      if (d === ndim) return this.#read(f, off) as ItemOf<F>;
      const n = this.#shape[d] as number;
      const stride = this.#strides[d] as number;
      const out = new Array<NestedList<ItemOf<F>>>(n);
      for (let i = 0; i < n; i++) out[i] = build(d + 1, off + i * stride);
      return out;
    };
    return build(0, this.#base);
  }

  /** A copy of the data: C order (default), `'F'` Fortran order, `'A'` memory order if contiguous. */
  tobytes(order: 'C' | 'F' | 'A' | null = 'C'): Uint8Array {
    if (order !== null && typeof order !== 'string') {
      throw new TypeError(`tobytes() argument 'order' must be str or None, not ${pyTypeName(order)}`);
    }
    this.#check();
    if (order !== null && order !== 'C' && order !== 'F' && order !== 'A') {
      throw new ValueError("order must be 'C', 'F' or 'A'");
    }
    const o = order === 'F' || (order === 'A' && !this.#c && this.#f) ? 'F' : 'C';
    return this.#copy(o);
  }

  #copy(order: 'C' | 'F'): Uint8Array {
    const size = this.#itemsize;
    const out = new Uint8Array(product(this.#shape) * size);
    const store = this.#store;
    if (order === 'C' ? this.#c : this.#f) {
      store.copyOut(this.#base, out.length, out, 0);
      return out;
    }
    let p = 0;
    if (store instanceof ContiguousStore) {
      const src = store.bytes;
      forEachOffset(this, this.#base, order, (off) => {
        for (let k = 0; k < size; k++) out[p++] = src[off + k] as number;
      });
    } else {
      forEachOffset(this, this.#base, order, (off) => {
        store.copyOut(off, size, out, p);
        p += size;
      });
    }
    return out;
  }

  /** The bytes in hexadecimal; `hex('-', 2)` puts a `-` between groups of 2 bytes, counted from the right. */
  hex(sep?: string | Uint8Array, bytesPerSep: number | bigint | boolean = 1): string {
    const group = toCInt(bytesPerSep);
    this.#check();
    return formatHex(this.#copy('C'), sep, group);
  }

  /** A new read-only view of the same memory. */
  toreadonly(): MemoryView<F> {
    this.#check();
    return this.#derive({ readonly: true });
  }

  // --- lookups ----------------------------------------------------------------------------

  /** How many items equal `value` (Python's `==`, so `count(NaN)` is 0). */
  count(value: unknown): number {
    let n = 0;
    for (const item of this) if (itemEquals(item, value)) n++;
    return n;
  }

  /** The first index in [start, stop) whose item equals `value`; ValueError if none. */
  index(
    value: unknown,
    start: number | bigint | boolean = 0,
    stop: number | bigint | boolean = 2 ** 63,
  ): number {
    const message = 'slice indices must be integers or have an __index__ method';
    const lo = sliceIndex(start, message) ?? 0;
    const hi = sliceIndex(stop, message) ?? 2 ** 63;
    this.#check();
    const ndim = this.#shape.length;
    if (ndim === 0) throw new TypeError('invalid lookup on 0-dim memory');
    if (ndim !== 1) throw new NotImplementedError('multi-dimensional lookup is not implemented');
    const n = this.#shape[0] as number;
    const a = lo < 0 ? Math.max(lo + n, 0) : lo;
    const b = Math.min(hi < 0 ? Math.max(hi + n, 0) : hi, n);
    for (let i = a; i < b; i++) if (itemEquals(this.get(i), value)) return i;
    throw new ValueError('memoryview.index(x): x not found');
  }

  /**
   * Python's `m == other`: same shape (up to the first zero) and equal items by value, across
   * formats (`'B'` equals `'b'` below 128; NaN items make a view unequal even to itself).
   * A released view equals only itself; a non-buffer is never equal.
   */
  equals(other: unknown): boolean {
    if (this.#released || this.#store.isDetached()) return this === other;
    let w: MemoryView<string> | null;
    if (other instanceof MemoryView) {
      if (other.released || other.#store.isDetached()) return this === other;
      w = other;
    } else {
      w = asView(other);
      if (w === null) return false;
    }
    if (!equivShape(this.#shape, w.#shape)) return false;
    const vf = itemFormat(this.#format);
    const wf = itemFormat(w.#format);
    let unpackV: (off: number) => unknown[];
    let unpackW: (off: number) => unknown[];
    if (vf !== null && wf !== null && vf.native && wf.native && vf.code === wf.code) {
      unpackV = (off) => [this.#read(vf, off)];
      unpackW = (off) => [(w as MemoryView<string>).#read(wf, off)];
    } else {
      const lv = structLayout(this.#format);
      const lw = structLayout(w.#format);
      if (lv === null || lw === null || lv.size !== this.#itemsize || lw.size !== w.#itemsize) return false;
      unpackV = this.#structUnpacker(lv);
      unpackW = w.#structUnpacker(lw);
    }
    const offsV: number[] = [];
    const offsW: number[] = [];
    forEachOffset(this, this.#base, 'C', (off) => offsV.push(off));
    forEachOffset(w, w.#base, 'C', (off) => offsW.push(off));
    for (let i = 0; i < offsV.length; i++) {
      const a = unpackV(offsV[i] as number);
      const b = unpackW(offsW[i] as number);
      if (a.length !== b.length || !a.every((x, k) => pyEquals(x, b[k]))) return false;
    }
    return true;
  }

  #structUnpacker(layout: NonNullable<ReturnType<typeof structLayout>>): (off: number) => unknown[] {
    const tmp = new Uint8Array(this.#itemsize);
    return (off) => {
      this.#store.copyOut(off, tmp.length, tmp, 0);
      return unpackStruct(layout, tmp);
    };
  }

  // --- iteration and lifetime -------------------------------------------------------------

  /** Iterates the items of a 1-D view (as Python, N-D and 0-d views cannot be iterated). */
  [Symbol.iterator](): Iterator<ItemOf<F>> {
    this.#check();
    const ndim = this.#shape.length;
    if (ndim === 0) throw new TypeError('invalid indexing of 0-dim memory');
    if (ndim !== 1) throw new NotImplementedError('multi-dimensional sub-views are not implemented');
    const f = checkedItemFormat(this.#format);
    let i = 0;
    return {
      next: (): IteratorResult<ItemOf<F>> => {
        this.#check();
        if (i >= (this.#shape[0] as number)) return { done: true, value: undefined };
        const off = this.#base + i++ * (this.#strides[0] as number);
        return { done: false, value: this.#read(f, off) as ItemOf<F> };
      },
    };
  }

  /**
   * Marks the view released: every later use raises ValueError. Other views of the same memory
   * are not affected. Raises BufferError while exports made by `export()` are alive.
   */
  release(): void {
    if (this.#exports > 0) {
      const n = this.#exports;
      throw new BufferError(`memoryview has ${n} exported buffer${n === 1 ? '' : 's'}`);
    }
    this.#released = true;
  }

  [Symbol.dispose](): void {
    this.release();
  }

  /**
   * Pins this view as Python's buffer exports do: until the returned handle is released,
   * `release()` raises BufferError. The handle's `view` is a view of the same memory.
   */
  export(): BufferExport<F> {
    this.#check();
    this.#exports++;
    return new BufferExport(this.#derive({}), () => {
      this.#exports--;
    });
  }

  toString(): string {
    return this.#released
      ? '<released memory>'
      : `<memory format='${this.#format}' shape=[${this.#shape.join(', ')}]>`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }

  static {
    stateOf = (v) => v.#state();
    create = (s) => new MemoryView(INTERNAL, s);
  }
}

/** An argument CPython converts to a C int: integers in [-2^31, 2^31). */
function toCInt(v: unknown): number {
  if (typeof v === 'boolean') return Number(v);
  if (typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v))) {
    const n = Number(v);
    if (n > 2 ** 31 - 1 || n < -(2 ** 31))
      throw new OverflowError('Python int too large to convert to C int');
    return n;
  }
  throw new TypeError(`'${pyTypeName(v)}' object cannot be interpreted as an integer`);
}

/** `item == value` in a lookup; a view as the value compares as Python's `bytes == memoryview` does. */
function itemEquals(item: unknown, value: unknown): boolean {
  if (value instanceof MemoryView) return item instanceof Uint8Array && value.equals(item);
  return pyEquals(item, value);
}

/** `format.encode('ascii')`, which `cast` does before looking at the format. */
function checkAscii(format: string): void {
  const at = [...format].findIndex((ch) => (ch.codePointAt(0) as number) > 127);
  if (at < 0) return;
  const chars = [...format];
  let end = at;
  while (end + 1 < chars.length && (chars[end + 1]?.codePointAt(0) as number) > 127) end++;
  const escaped = (ch: string) => {
    const c = ch.codePointAt(0) as number;
    const hex = c.toString(16);
    return c < 0x100
      ? `\\x${hex.padStart(2, '0')}`
      : c < 0x10000
        ? `\\u${hex.padStart(4, '0')}`
        : `\\U${hex.padStart(8, '0')}`;
  };
  const what =
    end === at
      ? `character '${escaped(chars[at] as string)}' in position ${at}`
      : `characters in position ${at}-${end}`;
  throw new UnicodeEncodeError(`'ascii' codec can't encode ${what}: ordinal not in range(128)`);
}

function isIndexLike(k: unknown): k is number | bigint | boolean {
  return (typeof k === 'number' && Number.isInteger(k)) || typeof k === 'bigint' || typeof k === 'boolean';
}

function isByteFormat(code: string): boolean {
  return code === 'b' || code === 'B' || code === 'c';
}

/** Checks that every byte a layout starting at `base` touches lies in [lo, hi). */
function checkBounds(l: Layout, base: number, lo: number, hi: number): void {
  if (product(l.shape) === 0) return;
  const e = extent(l);
  if (base + e.low < lo || base + e.high > hi) {
    throw new ValueError(
      `memoryview: the view would reach bytes [${base + e.low}, ${base + e.high}) outside the memory [${lo}, ${hi})`,
    );
  }
}

const TYPED_FORMATS = new Map<unknown, string>([
  [Uint8Array, 'B'],
  [Uint8ClampedArray, 'B'],
  [Int8Array, 'b'],
  [Uint16Array, 'H'],
  [Int16Array, 'h'],
  [Uint32Array, 'I'],
  [Int32Array, 'i'],
  [Float32Array, 'f'],
  [Float64Array, 'd'],
  [BigInt64Array, 'q'],
  [BigUint64Array, 'Q'],
]);

/** The format of a typed array's items, from its class (a Buffer is a Uint8Array). */
function typedFormat(v: ArrayBufferView): string {
  if (v instanceof DataView) return 'B';
  for (let p = Object.getPrototypeOf(v); p !== null; p = Object.getPrototypeOf(p)) {
    const f = TYPED_FORMATS.get(p.constructor);
    if (f !== undefined) return f;
  }
  return 'B';
}

/** A plain view over a buffer-like value, or null if it is not one. */
function asView(obj: unknown): MemoryView<string> | null {
  if (ArrayBuffer.isView(obj)) {
    const bytes = new Uint8Array(obj.buffer, obj.byteOffset, obj.byteLength);
    const format = typedFormat(obj);
    const f = itemFormat(format) as ItemFormat;
    const n = obj.byteLength / f.itemsize;
    return create({
      store: new ContiguousStore(bytes),
      base: 0,
      format,
      itemsize: f.itemsize,
      shape: [n],
      strides: [f.itemsize],
      readonly: false,
      obj,
    });
  }
  if (
    obj instanceof ArrayBuffer ||
    (typeof SharedArrayBuffer !== 'undefined' && obj instanceof SharedArrayBuffer)
  ) {
    const bytes = new Uint8Array(obj);
    return create({
      store: new ContiguousStore(bytes),
      base: 0,
      format: 'B',
      itemsize: 1,
      shape: [bytes.length],
      strides: [1],
      readonly: false,
      obj,
    });
  }
  return null;
}

/** The itemsize of a struct format, or the one given for a format `struct` cannot size. */
function formatSize(format: string, given?: number): number {
  if (given !== undefined && (!Number.isSafeInteger(given) || given <= 0)) {
    throw new ValueError('memoryview: itemsize must be an integer > 0');
  }
  const size = structLayout(format)?.size;
  if (size === undefined || size === 0) {
    if (given === undefined) throw new ValueError(`memoryview: invalid format '${format}'`);
    return given;
  }
  if (given !== undefined && given !== size) {
    throw new ValueError(`memoryview: itemsize ${given} does not match format '${format}' (${size} bytes)`);
  }
  return size;
}

/**
 * A view over the bytes [base, base + length) of a store, laid out by `options` (C-contiguous
 * over all those bytes by default) and checked to stay inside them.
 */
function layoutView(
  store: ByteStore,
  base: number,
  length: number,
  obj: unknown,
  inherited: { format: string; readonly: boolean; shape?: readonly number[] },
  options: MemoryViewOptions,
): MemoryView<string> {
  const format = options.format ?? inherited.format;
  if (typeof format !== 'string') throw new TypeError('memoryview: format must be a string');
  const itemsize = formatSize(format, options.itemsize);
  const offset = options.offset ?? 0;
  if (!Number.isSafeInteger(offset) || offset < 0 || offset > length) {
    throw new ValueError(`memoryview: offset ${offset} outside the ${length} bytes`);
  }
  let shape = options.shape;
  if (shape === undefined) {
    if (options.format === undefined && options.offset === undefined && inherited.shape !== undefined) {
      shape = inherited.shape;
    } else {
      if ((length - offset) % itemsize !== 0)
        throw new TypeError('memoryview: length is not a multiple of itemsize');
      shape = [(length - offset) / itemsize];
    }
  }
  if (!Array.isArray(shape) || shape.some((n) => !Number.isSafeInteger(n) || n < 0)) {
    throw new ValueError('memoryview: shape must be an array of integers >= 0');
  }
  if (shape.length > 64) throw new ValueError('memoryview: number of dimensions must not exceed 64');
  const strides = options.strides ?? cStrides(shape, itemsize);
  if (
    !Array.isArray(strides) ||
    strides.length !== shape.length ||
    strides.some((s) => !Number.isSafeInteger(s))
  ) {
    throw new ValueError('memoryview: strides must be an array of integers, one per dimension');
  }
  const layout = { itemsize, shape, strides };
  checkBounds(layout, base + offset, base, base + length);
  let readonly = inherited.readonly;
  if (options.readonly !== undefined) {
    if (inherited.readonly && !options.readonly) throw new BufferError('Object is not writable.');
    readonly = options.readonly;
  }
  return create({ store, base: base + offset, format, itemsize, shape, strides, readonly, obj });
}

/**
 * `memoryview(obj)`: a view of the memory of a Uint8Array/Buffer, any typed array (its format
 * comes from its type: Int32Array is `'i'`, Float64Array `'d'` …), a DataView, an ArrayBuffer or
 * another MemoryView. `options` lay out the bytes in any struct format, shape and strides.
 */
export function memoryview<T extends BytesLike>(obj: T): MemoryView<FormatOf<T>>;
export function memoryview<F extends string>(obj: BytesLike, options: MemoryViewOptions<F>): MemoryView<F>;
export function memoryview(obj: BytesLike, options?: MemoryViewOptions): MemoryView<string> {
  if (obj instanceof MemoryView) {
    const src = obj as MemoryView<string>;
    if (src.released) throw new ValueError(RELEASED);
    const s = stateOf(src);
    if (options === undefined || Object.keys(options).length === 0) return create(s);
    if (!src.cContiguous) throw new TypeError('memoryview: casts are restricted to C-contiguous views');
    return layoutView(s.store, s.base, src.nbytes, s.obj, s, options);
  }
  const view = asView(obj);
  if (view === null) {
    throw new TypeError(`memoryview: a bytes-like object is required, not '${pyTypeName(obj)}'`);
  }
  if (options === undefined) return view;
  const s = stateOf(view);
  return layoutView(s.store, 0, view.nbytes, obj, s, options);
}

/** The format a `memoryview(obj)` has, from obj's type. */
export type FormatOf<T> =
  T extends MemoryView<infer F>
    ? F
    : T extends Int8Array
      ? 'b'
      : T extends Uint16Array
        ? 'H'
        : T extends Int16Array
          ? 'h'
          : T extends Uint32Array
            ? 'I'
            : T extends Int32Array
              ? 'i'
              : T extends Float32Array
                ? 'f'
                : T extends Float64Array
                  ? 'd'
                  : T extends BigInt64Array
                    ? 'q'
                    : T extends BigUint64Array
                      ? 'Q'
                      : 'B';

/**
 * A view over a ByteStore (BufferChain uses this for views over its chunks): 1-D over all the
 * store's bytes unless `shape` says otherwise, with `cast`'s checks on the sizes.
 */
export function memoryviewOverStore<F extends string = 'B'>(
  store: ByteStore,
  obj: unknown,
  options: { format?: F; shape?: readonly number[]; readonly?: boolean } = {},
): MemoryView<F> {
  const format = options.format ?? 'B';
  const itemsize = formatSize(format);
  const nbytes = store.byteLength;
  let shape: readonly number[];
  if (options.shape === undefined) {
    if (nbytes % itemsize !== 0) throw new TypeError('memoryview: length is not a multiple of itemsize');
    shape = [nbytes / itemsize];
  } else {
    shape = options.shape;
    if (shape.some((n) => !Number.isSafeInteger(n) || n < 0)) {
      throw new ValueError('memoryview: shape must be an array of integers >= 0');
    }
    if (product(shape) * itemsize !== nbytes) {
      throw new TypeError('memoryview: product(shape) * itemsize != buffer size');
    }
  }
  return create({
    store,
    base: 0,
    format,
    itemsize,
    shape,
    strides: cStrides(shape, itemsize),
    readonly: options.readonly ?? false,
    obj,
  }) as unknown as MemoryView<F>;
}

// One live view keeps the maps of MemoryView and its store (see ../shapes.ts).
keepShapes(memoryview(new Uint8Array(1)));
