import { BufferChain, type ItemOf, type MemoryView, memoryview, type NestedList } from '@stride/view';
import { describe, expectTypeOf, it } from 'vitest';

describe('types inferred from formats', () => {
  it('maps typed arrays to formats and items', () => {
    expectTypeOf(memoryview(new Int32Array(2))).toEqualTypeOf<MemoryView<'i'>>();
    expectTypeOf(memoryview(new Float64Array(2)).get(0)).toEqualTypeOf<number>();
    expectTypeOf(memoryview(new BigUint64Array(2)).get(0)).toEqualTypeOf<bigint>();
    expectTypeOf(memoryview(Buffer.alloc(2))).toEqualTypeOf<MemoryView<'B'>>();
  });

  it('maps format literals to item types', () => {
    expectTypeOf<ItemOf<'?'>>().toEqualTypeOf<boolean>();
    expectTypeOf<ItemOf<'c'>>().toEqualTypeOf<Uint8Array>();
    expectTypeOf<ItemOf<'<q'>>().toEqualTypeOf<bigint>();
    expectTypeOf<ItemOf<'l'>>().toEqualTypeOf<bigint>();
    expectTypeOf<ItemOf<'<l'>>().toEqualTypeOf<number>();
    expectTypeOf<ItemOf<'>e'>>().toEqualTypeOf<number>();
    const m = memoryview(new Uint8Array(4), { format: '>Q' });
    expectTypeOf(m.get(0)).toEqualTypeOf<bigint>();
    expectTypeOf(m.cast('?').get(0)).toEqualTypeOf<boolean>();
    expectTypeOf(m.tolist()).toEqualTypeOf<NestedList<bigint>>();
  });

  it('types set values by format', () => {
    const m = memoryview(new Uint8Array(4));
    m.set(0, 1);
    m.set(0, 1n);
    // @ts-expect-error a string is no value for 'B'
    m.set(0, 'x');
    const c = m.cast('c');
    c.set(0, new Uint8Array(1));
    // @ts-expect-error 'c' items are one-byte Uint8Arrays
    c.set(0, 1);
  });
});

describe('chain types', () => {
  it('types views over a BufferChain by their format', () => {
    const chain = new BufferChain();
    expectTypeOf(chain.view(0, 0)).toEqualTypeOf<MemoryView<'B'>>();
    expectTypeOf(chain.view(0, 0, '>Q').get(0)).toEqualTypeOf<bigint>();
    expectTypeOf(chain.u64le(0)).toEqualTypeOf<bigint>();
    expectTypeOf(chain.u64leNumber(0)).toEqualTypeOf<number>();
    expectTypeOf(chain.cursor().window(4)).toEqualTypeOf<DataView>();
  });
});
