// @stride/redis/rx: respValues() is the RespReader as an operator, a reader per subscription:
// values as their last byte arrives in any chunking, requests with `from: 'client'`, long bulk
// strings in pieces, and a fault after every value before it.
import { DecodeError } from '@stride/codec';
import type { RespValue } from '@stride/redis';
import { respValues } from '@stride/redis/rx';
import { from, lastValueFrom, type Observable, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';

const latin1 = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
/** `s` in pieces of `n` bytes. */
const pieces = (s: string, n: number) => {
  const b = latin1(s);
  return Array.from({ length: Math.ceil(b.length / n) }, (_, i) => b.subarray(i * n, (i + 1) * n));
};
const all = <T>(o: Observable<T>) => lastValueFrom(o.pipe(toArray()));

const replies = '+OK\r\n:-7\r\n$5\r\nhe\r\no\r\n%1\r\n+k\r\n~1\r\n#t\r\n>2\r\n$7\r\nmessage\r\n_\r\n';
const values: RespValue[] = [
  { type: 'simple', value: 'OK' },
  { type: 'integer', value: -7 },
  { type: 'bulk', value: latin1('he\r\no') },
  {
    type: 'map',
    value: [
      [
        { type: 'simple', value: 'k' },
        { type: 'set', value: [{ type: 'boolean', value: true }] },
      ],
    ],
  },
  { type: 'push', value: [{ type: 'bulk', value: latin1('message') }, { type: 'null' }] },
];

describe('respValues', () => {
  it('reads the same values in every chunking, a fresh reader per subscription', async () => {
    const operator = respValues();
    for (const n of [1, 2, 3, 7, 1000])
      expect(await all(from(pieces(replies, n)).pipe(operator))).toEqual(values);
  });

  it("reads a client's requests, inline commands too", async () => {
    expect(
      await all(from(pieces('PING\r\n*1\r\n$4\r\nQUIT\r\n', 3)).pipe(respValues({ from: 'client' }))),
    ).toEqual([
      { type: 'inline', value: [latin1('PING')] },
      { type: 'array', value: [{ type: 'bulk', value: latin1('QUIT') }] },
    ]);
  });

  it('gives long bulk strings in pieces', async () => {
    const got = await all(
      from(pieces('$10\r\n0123456789\r\n+OK\r\n', 4)).pipe(respValues({ streamBulkOver: 4 })),
    );
    const bulk = got.filter((m) => m.type === 'bulkPiece');
    expect(Buffer.concat(bulk.map((p) => p.value)).toString()).toBe('0123456789');
    expect(bulk.every((p) => p.length === 10)).toBe(true);
    expect(got.at(-1)).toEqual({ type: 'simple', value: 'OK' });
  });

  it('errors with the fault after the values before it', async () => {
    const got: unknown[] = [];
    const error = await new Promise((resolve) =>
      from(pieces('+OK\r\n?oops\r\n', 2))
        .pipe(respValues())
        .subscribe({ next: (v) => got.push(v), error: resolve }),
    );
    expect(got).toEqual([{ type: 'simple', value: 'OK' }]);
    expect(error).toBeInstanceOf(DecodeError);
    expect(error).toMatchObject({ code: 'BAD_TYPE', offset: 5 });
  });
});
