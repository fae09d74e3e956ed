/**
 * Fifo (@stride/view/fifo) against an Array as its model, for any sequence of pushes, shifts,
 * removals and clears, long enough to cross its compactions; then its costs: a million items in
 * linear time (an Array's shift() makes that quadratic: over two minutes), and the memory of the
 * items and slots that left released.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Fifo } from '@stride/view/fifo';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

type Op =
  | { op: 'push'; n: number; mod: number }
  | { op: 'shift'; n: number }
  | { op: 'remove'; value: number }
  | { op: 'clear' };

/** Pushes and shifts of up to 2,500 items at a time, so that runs cross the compaction threshold. */
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({ op: fc.constant('push'), n: fc.nat(2500), mod: fc.integer({ min: 1, max: 1e6 }) }),
    weight: 4,
  },
  { arbitrary: fc.record({ op: fc.constant('shift'), n: fc.nat(2500) }), weight: 4 },
  { arbitrary: fc.record({ op: fc.constant('remove'), value: fc.nat(50) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('clear') }), weight: 1 },
);

describe('Fifo against an Array', () => {
  it('gives the same items, length and first after every operation', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const fifo = new Fifo<number>();
        const model: number[] = [];
        let next = 0;
        for (const o of ops) {
          if (o.op === 'push') {
            // values repeat when `mod` is small: remove() must take the oldest of equal items
            const items = Array.from({ length: o.n }, () => next++ % o.mod);
            if (items.length === 1) fifo.push(items[0] as number);
            else fifo.push(...items);
            model.push(...items);
          } else if (o.op === 'shift') {
            const shifted = Array.from({ length: o.n }, () => fifo.shift());
            expect(shifted).toEqual(Array.from({ length: o.n }, () => model.shift()));
          } else if (o.op === 'remove') {
            const at = model.indexOf(o.value);
            if (at >= 0) model.splice(at, 1);
            expect(fifo.remove(o.value)).toBe(at >= 0);
          } else expect(fifo.clear()).toEqual(model.splice(0));
          expect(fifo.length).toBe(model.length);
          expect(fifo.first).toBe(model[0]);
        }
        expect(fifo.clear()).toEqual(model);
        expect(fifo.length).toBe(0);
        expect(fifo.shift()).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('holds undefined and null as items, told from empty by length', () => {
    const fifo = new Fifo<number | null | undefined>();
    fifo.push(undefined, null, 1);
    expect(fifo.length).toBe(3);
    expect(fifo.shift()).toBeUndefined();
    expect(fifo.length).toBe(2);
    expect(fifo.remove(undefined)).toBe(false);
    expect(fifo.remove(null)).toBe(true);
    expect(fifo.clear()).toEqual([1]);
  });
});

describe('Fifo costs', () => {
  const N = 1_000_000;

  it(`pushes and shifts ${N.toLocaleString('en')} items in linear time`, () => {
    const fifo = new Fifo<number>();
    const t = performance.now();
    // all in, all out: the longest queue
    for (let i = 0; i < N; i++) fifo.push(i);
    let sum = 0;
    for (let i = 0; i < N; i++) sum += fifo.shift() as number;
    // a queue that stays 100,000 long while a million items pass through it
    for (let i = 0; i < 100_000; i++) fifo.push(i);
    for (let i = 0; i < N; i++) {
      fifo.push(i);
      sum -= fifo.shift() as number;
    }
    const ms = performance.now() - t;
    expect(sum).toBe(100_000 * (N - 100_000));
    expect(fifo.length).toBe(100_000);
    // well under a second here; Array's shift() takes 5 s for the first 200,000 and minutes for a million
    expect(ms).toBeLessThan(5_000);
  });

  /** The heap the garbage collector cannot free, after a full collection. */
  function heldBytes(): number {
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
    return process.memoryUsage().heapUsed;
  }

  it('lets the slots of shifted items go: a million slots come down to those still waiting', () => {
    const fifo = new Fifo<number>();
    const before = heldBytes();
    for (let i = 0; i < N; i++) fifo.push(i);
    expect(heldBytes() - before).toBeGreaterThan(4 * N); // the slots: 8 bytes each
    for (let i = 0; i < N - 10; i++) fifo.shift();
    expect(heldBytes() - before).toBeLessThan(N / 2); // without compaction: the 8 MB array
    expect(fifo.clear()).toEqual(Array.from({ length: 10 }, (_, i) => N - 10 + i));
  });

  it('keeps no item that left, by shift(), remove() or clear()', async () => {
    const fifo = new Fifo<object>();
    const keep = { kept: true };
    const refs: WeakRef<object>[] = [];
    /** Whether each item is still alive after a full collection. */
    const alive = async () => {
      // WeakRefs hold their targets until the end of the job that made or read them.
      await new Promise((resolve) => setTimeout(resolve, 0));
      heldBytes();
      return refs.map((r) => r.deref() !== undefined);
    };
    // In a function of its own, so that no local variable holds the items.
    ((): void => {
      const items = Array.from({ length: 3 }, (_, i) => ({ i }));
      for (const item of items) refs.push(new WeakRef(item));
      fifo.push(items[0] as object, keep, items[1] as object, items[2] as object);
      fifo.shift();
      fifo.remove(items[1] as object);
    })();
    // still queued behind `keep`: only its slot held the shifted item
    expect(fifo.length).toBe(2);
    expect(await alive()).toEqual([false, false, true]);
    expect(fifo.clear()).toHaveLength(2);
    fifo.push(keep); // the queue in use again
    expect(await alive()).toEqual([false, false, false]);
    expect(fifo.first).toBe(keep);
  });
});
