// The parse operator over a parser that is not a codec (Lines): outputs in any chunking, a fresh
// parser per subscription, the parser's error after the outputs before it, teardown.
import { IncompleteError, ValidationError } from '@stride/codec';
import { fromAsyncIterable, parse } from '@stride/rx';
import fc from 'fast-check';
import { from, lastValueFrom, type Observable, take, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { cut, cutsFor } from '../helpers.js';
import { Lines, lineBytes } from '../lines.js';

const lines = ['alpha', '', 'beta gamma', 'delta'];
const all = lineBytes(lines);

/** Everything the observable does: its values and the error, if any. */
function outcome<T>(obs: Observable<T>): Promise<{ values: T[]; error?: unknown }> {
  const values: T[] = [];
  return new Promise((resolve) => {
    obs.subscribe({
      next: (v) => values.push(v),
      error: (error) => resolve({ values, error }),
      complete: () => resolve({ values }),
    });
  });
}

describe('parse', () => {
  it('emits the same outputs in any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(cutsFor(all.length), async (at) => {
        expect(
          await lastValueFrom(
            from(cut(all, at)).pipe(
              parse(() => new Lines()),
              toArray(),
            ),
          ),
        ).toEqual(lines);
      }),
    );
  });

  it('starts a fresh parser for each subscription', async () => {
    let started = 0;
    // The first chunk ends inside a line: a parser shared by both subscriptions would join them.
    const lines$ = from(cut(all, [3])).pipe(
      parse(() => {
        started++;
        return new Lines();
      }),
    );
    expect(await lastValueFrom(lines$.pipe(toArray()))).toEqual(lines);
    expect(await lastValueFrom(lines$.pipe(toArray()))).toEqual(lines);
    expect(started).toBe(2);
  });

  it("sends the parser's error after every output before it, and the end of input's", async () => {
    const bad = Uint8Array.from([...lineBytes(['one', 'two']), 0x41, 0]);
    for (const at of [[], [5], [9, 10]]) {
      const got = await outcome(from(cut(bad, at)).pipe(parse(() => new Lines())));
      expect(got.values).toEqual(['one', 'two']);
      expect(got.error).toBeInstanceOf(ValidationError);
      expect(got.error).toMatchObject({ offset: 9 });
    }
    const cutShort = await outcome(from([all.subarray(0, all.length - 1)]).pipe(parse(() => new Lines())));
    expect(cutShort.values).toEqual(lines.slice(0, -1));
    expect(cutShort.error).toBeInstanceOf(IncompleteError);
    expect(cutShort.error).toMatchObject({ offset: all.length - 6, needed: 1 });
  });

  it('unsubscribing stops a synchronous source at once and returns an asynchronous one', async () => {
    let pulled = 0;
    function* endless() {
      for (;;) {
        pulled++;
        yield all;
      }
    }
    const seen = await lastValueFrom(
      fromAsyncIterable(endless()).pipe(
        parse(() => new Lines()),
        take(lines.length + 1),
        toArray(),
      ),
    );
    expect(seen).toEqual([...lines, lines[0]]);
    expect(pulled).toBe(2);

    let returned = false;
    async function* slow() {
      try {
        for (;;) yield all;
      } finally {
        returned = true;
      }
    }
    await lastValueFrom(
      fromAsyncIterable(slow()).pipe(
        parse(() => new Lines()),
        take(2),
      ),
    );
    await new Promise((r) => setImmediate(r));
    expect(returned).toBe(true);
  });
});
