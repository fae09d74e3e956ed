import { type Codec, type Infer, select, string, struct, u8, u16be } from '@stride/codec';
import { describe, expectTypeOf, it } from 'vitest';

describe('select types', () => {
  const Ping = struct({ seq: u8 });
  const Data = struct({ len: u8 }).field('body', (s) => string(s.len));

  it('is the union of the table, with no cast', () => {
    expectTypeOf(select(1, { 1: Ping, 2: Data })).toEqualTypeOf<
      Codec<{ seq: number } | { len: number; body: string }>
    >();
    expectTypeOf(select('a', { a: u8, b: string(u8) })).toEqualTypeOf<Codec<number | string>>();
  });

  it('adds the fallback to the union', () => {
    expectTypeOf(select(9, { 1: Ping }, u16be)).toEqualTypeOf<Codec<{ seq: number } | number>>();
  });

  it('types a dependent struct field, which narrows by its own shape', () => {
    const Msg = struct({ kind: u8 }).field('body', (s) => select(s.kind, { 1: Ping, 2: Data }));
    type Msg = Infer<typeof Msg>;
    expectTypeOf<Msg>().toEqualTypeOf<{
      kind: number;
      body: { seq: number } | { len: number; body: string };
    }>();
    const m = {} as Msg;
    if ('seq' in m.body) expectTypeOf(m.body.seq).toBeNumber();
    else expectTypeOf(m.body.body).toBeString();
  });
});
