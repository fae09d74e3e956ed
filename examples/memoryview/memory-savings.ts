/**
 * 5. What a slice costs: a copy versus a view.
 *
 * Python:
 *   import sys
 *   data = bytearray(10_000_000)              # 10 MB
 *   copy = data[:8_000_000]                   # slicing a bytearray copies: 8 MB more
 *   view = memoryview(data)[:8_000_000]       # slicing a memoryview copies nothing
 *   sys.getsizeof(copy)                       # 8000057
 *   sys.getsizeof(view)                       # 184
 *
 * JavaScript has no sys.getsizeof, so this example measures instead: it creates and holds
 * many slices and divides the growth of process.memoryUsage() (heapUsed + arrayBuffers) by
 * their number, collecting garbage before and after, and takes the median of three runs. Uint8Array.prototype.slice copies, like bytearray slicing; a MemoryView
 * slice is a small object over the same ArrayBuffer, whatever its length.
 * (Uint8Array.prototype.subarray does not copy either, but it is one-dimensional and of one
 * element type; a MemoryView adds formats, casts, shapes and strides.)
 *
 * Run: npx tsx --expose-gc --conditions=@stride/source examples/memoryview/memory-savings.ts
 * (without --expose-gc it still works: see findGc).
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { memoryview } from '@stride/view';
import { type Print, Raw, runIfMain, show } from './repl.js';

export const title = 'What a slice costs: copy versus view';

/**
 * A function that runs a full garbage collection: `globalThis.gc` under `node --expose-gc`,
 * otherwise one obtained by turning the flag on at run time (as jest's leak detector does).
 * Undefined if neither works; measurements are then noisier but still dominated by the copies.
 */
export function findGc(): (() => void) | undefined {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return exposed;
  if (found === null) {
    try {
      v8.setFlagsFromString('--expose-gc');
      const gc: unknown = vm.runInNewContext('gc');
      v8.setFlagsFromString('--no-expose-gc');
      found = typeof gc === 'function' ? (gc as () => void) : undefined;
    } catch {
      found = undefined;
    }
  }
  return found;
}
let found: (() => void) | undefined | null = null;

/**
 * Collects garbage until the memory in use stops shrinking. V8 frees the contents of dead
 * ArrayBuffers on a background thread after a collection, so one collection is not enough.
 */
function settle(gc: (() => void) | undefined): void {
  if (gc === undefined) return;
  let last = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 10; round++) {
    gc();
    const { heapUsed, arrayBuffers } = process.memoryUsage();
    if (heapUsed + arrayBuffers >= last) return;
    last = heapUsed + arrayBuffers;
  }
}

/** What each item costs, in bytes: JavaScript objects, ArrayBuffer contents, and both. */
export interface Cost {
  heap: number;
  arrayBuffers: number;
  total: number;
}

/** One measurement: the growth of heapUsed and arrayBuffers while `count` results of `make()` are alive. */
function measureOnce(count: number, make: () => unknown, gc: (() => void) | undefined): Cost {
  const held: unknown[] = Array.from({ length: count }, () => null); // allocated before measuring
  settle(gc);
  const before = process.memoryUsage();
  for (let i = 0; i < count; i++) held[i] = make();
  settle(gc);
  const after = process.memoryUsage();
  if (held.length !== count) throw new Error('unreachable'); // keeps every item alive until here
  const heap = (after.heapUsed - before.heapUsed) / count;
  const arrayBuffers = (after.arrayBuffers - before.arrayBuffers) / count;
  return { heap, arrayBuffers, total: heap + arrayBuffers };
}

const median = (xs: number[]): number => xs.sort((a, b) => a - b)[xs.length >> 1] ?? Number.NaN;

/**
 * Average memory held by each of `count` results of `make()`. Measured `rounds` times, and the
 * median taken: V8 sometimes frees an unrelated dead object in the middle of a measurement.
 */
export function bytesPerItem(count: number, make: () => unknown, { gc = findGc(), rounds = 3 } = {}): Cost {
  for (let i = 0; i < 3; i++) make(); // warm up: compile `make` before measuring
  const runs = Array.from({ length: rounds }, () => measureOnce(count, make, gc));
  return {
    heap: median(runs.map((r) => r.heap)),
    arrayBuffers: median(runs.map((r) => r.arrayBuffers)),
    total: median(runs.map((r) => r.total)),
  };
}

export interface SliceCosts {
  /** Per Uint8Array.prototype.slice(0, sliceSize): a copy. */
  copy: Cost;
  /** Per memoryview(data).slice(0, sliceSize): a view. */
  view: Cost;
  /** The view's nbytes: it does address sliceSize bytes. */
  viewNbytes: number;
  /** view.obj === data: the view is over the original buffer. */
  viewIsOverData: boolean;
  copies: number;
  views: number;
}

export function measureSliceCosts({
  bufferSize = 10_000_000,
  sliceSize = 8_000_000,
  copies = 4,
  views = 10_000,
} = {}): SliceCosts {
  const data = new Uint8Array(bufferSize); //                   data = bytearray(10_000_000)
  const mv = memoryview(data); //                               mv = memoryview(data)
  const copy = bytesPerItem(copies, () => data.slice(0, sliceSize)); //  copy = data[:8_000_000]
  const view = bytesPerItem(views, () => mv.slice(0, sliceSize)); //     view = mv[:8_000_000]
  const one = mv.slice(0, sliceSize);
  return { copy, view, viewNbytes: one.nbytes, viewIsOverData: one.obj === data, copies, views };
}

const size = (bytes: number): Raw =>
  new Raw(bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(2)} MB` : `${Math.round(bytes)} bytes`);

export function main(print: Print = console.log): void {
  const r = measureSliceCosts();
  show(print, 'data = bytearray(10_000_000)', 'data = new Uint8Array(10_000_000)');
  show(print, 'copy = data[:8_000_000]', 'copy = data.slice(0, 8_000_000)');
  show(print, 'view = memoryview(data)[:8_000_000]', 'view = memoryview(data).slice(0, 8_000_000)');
  show(print, 'view.nbytes', 'view.nbytes', r.viewNbytes);
  show(print, 'view.obj is data', 'view.obj === data', r.viewIsOverData);
  show(
    print,
    'sys.getsizeof(copy)  # 8000057',
    `measured: memory growth / ${r.copies} copies`,
    size(r.copy.total),
  );
  show(print, 'sys.getsizeof(view)  # 184', `measured: memory growth / ${r.views} views`, size(r.view.total));
}

runIfMain(import.meta.url, title, main);
