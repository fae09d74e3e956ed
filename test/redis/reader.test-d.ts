// What RespReader emits follows its options: values from a server, requests from a client, and
// pieces only where long bulk strings are streamed; a value narrows on `type`.
import type { BulkPiece, RespRequest, RespValue } from '@stride/redis';
import { RespReader } from '@stride/redis';
import { describe, expectTypeOf, it } from 'vitest';

type Emitted<R> = R extends { write(chunk: Uint8Array, emit: (m: infer M) => void): void } ? M : never;

describe('RespReader types', () => {
  it('emits values, requests or pieces as its options say', () => {
    expectTypeOf<Emitted<RespReader>>().toEqualTypeOf<RespValue>();
    expectTypeOf<Emitted<typeof server>>().toEqualTypeOf<RespValue>();
    expectTypeOf<Emitted<typeof client>>().toEqualTypeOf<RespRequest>();
    expectTypeOf<Emitted<typeof streaming>>().toEqualTypeOf<RespValue | BulkPiece>();
  });

  it('narrows a value on its type', () => {
    const v = {} as RespValue;
    if (v.type === 'bulk') expectTypeOf(v.value).toEqualTypeOf<Uint8Array | null>();
    if (v.type === 'integer') expectTypeOf(v.value).toEqualTypeOf<number | bigint>();
    if (v.type === 'verbatim') expectTypeOf(v.format).toEqualTypeOf<string>();
    if (v.type === 'map') expectTypeOf(v.value).toEqualTypeOf<[RespValue, RespValue][]>();
    if (v.type === 'attribute') expectTypeOf(v.value).toEqualTypeOf<RespValue>();
  });
});

const server = new RespReader({ from: 'server' });
const client = new RespReader({ from: 'client' });
const streaming = new RespReader({ streamBulkOver: 1 << 20 });
