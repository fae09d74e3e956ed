/**
 * A first-in, first-out queue whose push and shift are O(1) amortized however long it grows. An
 * Array's shift() moves every element once the array holds more than some 16,000 of them (V8
 * stops trimming its front in place), so a queue of n pending requests costs O(n²) to drain: the
 * Redis client took 44 s to match the replies of 200,000 commands. The protocol clients keep the
 * requests awaiting their turn or their reply here (subpath @stride/view/fifo).
 *
 * An array and the index of its head, as BufferChain keeps its chunks: a shifted slot is cleared at
 * once (the item can be collected), and the dead slots are dropped in one copy once they are more
 * than half the array (and over COMPACT_AT), so the array holds at most about twice the live items.
 */
const COMPACT_AT = 1024;

export class Fifo<T> {
  #items: (T | undefined)[] = [];
  #head = 0;

  /** How many items wait. */
  get length(): number {
    return this.#items.length - this.#head;
  }

  /** The oldest item, which shift() takes next; undefined when the queue is empty. */
  get first(): T | undefined {
    return this.#items[this.#head];
  }

  /** Appends `items`, in order, behind those waiting. */
  push(...items: T[]): void {
    for (const item of items) this.#items.push(item);
  }

  /** Takes the oldest item; undefined when the queue is empty (test `length` if T holds undefined). */
  shift(): T | undefined {
    const items = this.#items;
    if (this.#head === items.length) return undefined;
    const item = items[this.#head];
    items[this.#head++] = undefined;
    if (this.#head === items.length) {
      items.length = 0;
      this.#head = 0;
    } else if (this.#head > COMPACT_AT && this.#head * 2 > items.length) {
      this.#items = items.slice(this.#head);
      this.#head = 0;
    }
    return item;
  }

  /** Takes the oldest item that is `=== item` out of the queue, wherever it waits (O(n)); whether there was one. */
  remove(item: T): boolean {
    const at = this.#items.indexOf(item, this.#head);
    if (at < 0) return false;
    if (at === this.#head) this.shift();
    else this.#items.splice(at, 1);
    return true;
  }

  /** Empties the queue; returns what it held, oldest first. */
  clear(): T[] {
    const rest = (this.#head === 0 ? this.#items : this.#items.slice(this.#head)) as T[];
    this.#items = [];
    this.#head = 0;
    return rest;
  }
}
