import type { MemoryView } from './memoryview.js';

/**
 * A buffer export, the counterpart of Python's `PyObject_GetBuffer`: while it is alive the view
 * it came from cannot be released. Release it explicitly or with `using`.
 */
export class BufferExport<F extends string = string> implements Disposable {
  readonly view: MemoryView<F>;
  #done: (() => void) | null;

  constructor(view: MemoryView<F>, done: () => void) {
    this.view = view;
    this.#done = done;
  }

  get released(): boolean {
    return this.#done === null;
  }

  /** Ends the export (idempotent) and releases its view. */
  release(): void {
    if (this.#done === null) return;
    this.#done();
    this.#done = null;
    this.view.release();
  }

  [Symbol.dispose](): void {
    this.release();
  }
}
