// "Nothing keeps a consumed chunk alive", checked with the garbage collector itself: a chunk the
// chain has consumed can be collected, while one it still holds cannot.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { BufferChain } from '@stride/view';
import { describe, expect, it } from 'vitest';

/** `gc()` even without --expose-gc: the flag can be turned on at run time for a new context. */
function gcFunction(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Collects until `ref` is cleared or a few rounds have passed (WeakRefs clear between tasks). */
async function collected(ref: WeakRef<object>): Promise<boolean> {
  const gc = gcFunction();
  for (let round = 0; round < 10; round++) {
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    if (ref.deref() === undefined) return true;
  }
  return false;
}

/** Appends a fresh 64 KiB chunk and returns a weak reference to it (no strong one survives). */
function appendWeak(chain: BufferChain, fill: number): WeakRef<Uint8Array> {
  const chunk = new Uint8Array(65536).fill(fill);
  chain.append(chunk);
  return new WeakRef(chunk);
}

describe('consumed chunks are released', () => {
  it('lets the garbage collector take a consumed chunk, and keeps a live one', async () => {
    const chain = new BufferChain();
    const first = appendWeak(chain, 1);
    const second = appendWeak(chain, 2);
    chain.u32le(0); // reads leave no reference behind (last-hit caches hold indexes, not chunks)
    chain.consume(65536 + 10);
    expect(await collected(first)).toBe(true);
    expect(await collected(second)).toBe(false); // still partly unconsumed: the chain must hold it
    expect(chain.u8(65536 + 10)).toBe(2);
    chain.consume(chain.length);
    expect(await collected(second)).toBe(true);
  });
});
