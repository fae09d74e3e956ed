/** Shape and strides arithmetic shared by views: contiguity, item order, bounds. */

export interface Layout {
  readonly itemsize: number;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
}

export function product(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** C-order strides of a contiguous array. */
export function cStrides(shape: readonly number[], itemsize: number): number[] {
  const strides = new Array<number>(shape.length);
  let s = itemsize;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i] as number;
  }
  return strides;
}

/** CPython's `PyBuffer_IsContiguous(view, 'C')` (and `'F'`): sizes-1 dimensions are free. */
export function isContiguous(l: Layout, order: 'C' | 'F'): boolean {
  const { shape, strides, itemsize } = l;
  if (shape.length === 1) return shape[0] === 1 || strides[0] === itemsize;
  if (product(shape) === 0) return true;
  let sd = itemsize;
  const n = shape.length;
  for (let k = 0; k < n; k++) {
    const i = order === 'C' ? n - 1 - k : k;
    const dim = shape[i] as number;
    if (dim > 1 && strides[i] !== sd) return false;
    sd *= dim;
  }
  return true;
}

/** Same ndim and the same sizes up to the first zero (CPython's `equiv_shape`). */
export function equivShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return false;
    if (a[i] === 0) break;
  }
  return true;
}

/**
 * Calls `fn` with the byte offset of every item, in C order (last index fastest) or Fortran order
 * (first index fastest), starting from `base`.
 */
export function forEachOffset(l: Layout, base: number, order: 'C' | 'F', fn: (offset: number) => void): void {
  const { shape, strides } = l;
  const n = shape.length;
  if (n === 0) {
    fn(base);
    return;
  }
  if (product(shape) === 0) return;
  const axes = Array.from({ length: n }, (_, k) => (order === 'C' ? k : n - 1 - k));
  const inner = axes[n - 1] as number;
  const innerLen = shape[inner] as number;
  const innerStride = strides[inner] as number;
  const idx = new Array<number>(n).fill(0);
  let outer = base;
  for (;;) {
    for (let j = 0, off = outer; j < innerLen; j++, off += innerStride) fn(off);
    // Advance the outer axes like an odometer.
    let k = n - 2;
    for (; k >= 0; k--) {
      const ax = axes[k] as number;
      idx[ax] = (idx[ax] as number) + 1;
      outer += strides[ax] as number;
      if ((idx[ax] as number) < (shape[ax] as number)) break;
      outer -= (strides[ax] as number) * (shape[ax] as number);
      idx[ax] = 0;
    }
    if (k < 0) return;
  }
}

/** The lowest and highest byte offsets (relative to the first item) that a layout touches. */
export function extent(l: Layout): { low: number; high: number } {
  let low = 0;
  let high = 0;
  if (product(l.shape) === 0) return { low: 0, high: 0 };
  for (let i = 0; i < l.shape.length; i++) {
    const span = ((l.shape[i] as number) - 1) * (l.strides[i] as number);
    if (span < 0) low += span;
    else high += span;
  }
  return { low, high: high + l.itemsize };
}
