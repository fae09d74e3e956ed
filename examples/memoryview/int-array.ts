/**
 * 3. Processing an array('i') of integers through a view.
 *
 * Python:
 *   from array import array
 *   numbers = array('i', [1, 2, 3, 4, 5])
 *   mv = memoryview(numbers)
 *   mv.format, mv.itemsize, mv.nbytes    # ('i', 4, 20)
 *   mv[0], mv[-1]                        # (1, 5)
 *   mv[1:3] = array('i', [20, 30])       # slice assignment: same format, same length
 *   mv.tolist()                          # [1, 20, 30, 4, 5]
 *   numbers                              # array('i', [1, 20, 30, 4, 5])
 *   for i in range(len(mv)):
 *       mv[i] *= 2                       # numbers == array('i', [2, 40, 60, 8, 10])
 *   mv.cast('B')[:8].tolist()            # [2, 0, 0, 0, 40, 0, 0, 0]
 *
 * An Int32Array plays array('i'): memoryview() of it has format 'i' and itemsize 4.
 *
 * Run: npx tsx --conditions=@stride/source examples/memoryview/int-array.ts
 */
import { memoryview } from '@stride/view';
import { array, type Print, runIfMain, show, tuple } from './repl.js';

export const title = "Processing an array('i') of integers";

export function makeNumbers(): Int32Array {
  return Int32Array.of(1, 2, 3, 4, 5); // array('i', [1, 2, 3, 4, 5])
}

/** The view's layout: what Python shows for mv.format, mv.itemsize, mv.nbytes, mv[0], mv[-1]. */
export function describe(numbers: Int32Array) {
  const mv = memoryview(numbers);
  return { format: mv.format, itemsize: mv.itemsize, nbytes: mv.nbytes, first: mv.get(0), last: mv.get(-1) };
}

/**
 * mv[1:3] = array('i', [20, 30]): the right-hand side may be any typed array or view with the
 * same format and length, e.g. another Int32Array (or memoryview(Int32Array.of(20, 30))).
 */
export function assignSlice(numbers: Int32Array): number[] {
  const mv = memoryview(numbers);
  mv.slice(1, 3).assign(Int32Array.of(20, 30));
  return mv.tolist() as number[];
}

/** Doubles every item in place, through the view. */
export function doubleAll(numbers: Int32Array): Int32Array {
  const mv = memoryview(numbers);
  for (let i = 0; i < mv.length; i++) {
    mv.set(i, mv.get(i) * 2); // mv[i] *= 2
  }
  return numbers;
}

/** The first `n` raw bytes (native byte order, little-endian on x86 and ARM): mv.cast('B')[:n]. */
export function rawBytes(numbers: Int32Array, n: number): number[] {
  return memoryview(numbers).cast('B').slice(0, n).tolist() as number[];
}

export function main(print: Print = console.log): void {
  const numbers = makeNumbers();
  show(print, "numbers = array('i', [1, 2, 3, 4, 5])", 'numbers = Int32Array.of(1, 2, 3, 4, 5)');
  show(print, 'mv = memoryview(numbers)', 'mv = memoryview(numbers)');
  const d = describe(numbers);
  show(
    print,
    'mv.format, mv.itemsize, mv.nbytes',
    '[mv.format, mv.itemsize, mv.nbytes]',
    tuple([d.format, d.itemsize, d.nbytes]),
  );
  show(print, 'mv[0], mv[-1]', '[mv.get(0), mv.get(-1)]', tuple([d.first, d.last]));
  const list = assignSlice(numbers);
  show(print, "mv[1:3] = array('i', [20, 30])", 'mv.slice(1, 3).assign(Int32Array.of(20, 30))');
  show(print, 'mv.tolist()', 'mv.tolist()', list);
  show(print, 'numbers', 'numbers', array('i', numbers));
  doubleAll(numbers);
  show(print, 'for i in range(len(mv)): mv[i] *= 2', 'for (…) mv.set(i, mv.get(i) * 2)');
  show(print, 'numbers', 'numbers', array('i', numbers));
  show(print, "mv.cast('B')[:8].tolist()", "mv.cast('B').slice(0, 8).tolist()", rawBytes(numbers, 8));
}

runIfMain(import.meta.url, title, main);
