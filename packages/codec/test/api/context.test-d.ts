import { type DecodeState, defineCodec, type EncodeState, type Infer, struct, u8 } from '@stride/codec';
import { describe, expectTypeOf, it } from 'vitest';

interface Image {
  colorType: number;
}

describe('context types', () => {
  it('is unknown unless a codec names its type', () => {
    expectTypeOf<DecodeState['context']>().toBeUnknown();
    expectTypeOf<EncodeState['context']>().toBeUnknown();
    expectTypeOf<DecodeState<Image>['context']>().toEqualTypeOf<Image>();
  });

  it('types a defineCodec read that names it', () => {
    const c = defineCodec<number>({
      read: (st: DecodeState<Image>) => {
        expectTypeOf(st.context.colorType).toBeNumber();
        return st.u8();
      },
      write: (w, v) => w.u8(v),
    });
    expectTypeOf<Infer<typeof c>>().toBeNumber();
  });

  it('types a dependent field by its annotation, unknown without one', () => {
    const S = struct({ a: u8 })
      .field('b', (s, image: Image) => {
        expectTypeOf(s).toEqualTypeOf<{ a: number }>();
        expectTypeOf(image).toEqualTypeOf<Image>();
        return u8;
      })
      .field('c', (_s, context) => {
        expectTypeOf(context).toBeUnknown();
        return u8;
      });
    expectTypeOf<Infer<typeof S>>().toEqualTypeOf<{ a: number; b: number; c: number }>();
  });
});
