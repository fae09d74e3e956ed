import type { PngChunk, PngEvent } from '@stride/png';
import { describe, expectTypeOf, it } from 'vitest';

describe('PngEvent types', () => {
  it('narrows fields by chunk type', () => {
    const handle = (e: PngEvent) => {
      if (e.kind !== 'chunk') return;
      if (e.type === 'IHDR' && e.fields) expectTypeOf(e.fields.width).toEqualTypeOf<number>();
      if (e.type === 'tEXt' && e.fields) expectTypeOf(e.fields.keyword).toEqualTypeOf<string>();
      if (e.type === 'fdAT' && e.fields) expectTypeOf(e.fields.frameData).toEqualTypeOf<Uint8Array>();
      expectTypeOf(e.data).toEqualTypeOf<Uint8Array>();
      expectTypeOf(e.critical).toEqualTypeOf<boolean>();
    };
    expectTypeOf(handle).parameter(0).toEqualTypeOf<PngEvent>();
  });

  it('has no fields on streamed pieces and a code on warnings', () => {
    expectTypeOf<Extract<PngEvent, { kind: 'data' }>>().not.toHaveProperty('fields');
    expectTypeOf<Extract<PngEvent, { kind: 'warning' }>['code']>().toEqualTypeOf<
      import('@stride/png').PngWarningCode
    >();
    expectTypeOf<PngChunk['type']>().toEqualTypeOf<string>();
  });
});
