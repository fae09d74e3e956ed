import { pgMessages } from '@stride/pg/rx';
import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { concat, cut, serverBytes, serverMessages } from '../helpers.js';

describe('pgMessages', () => {
  it('reads a server stream from chunks, a reader per subscription', async () => {
    const messages = from(cut(serverBytes, [1, 2, 40, 41, 300])).pipe(pgMessages({ from: 'server' }));
    expect(await lastValueFrom(messages.pipe(toArray()))).toEqual(serverMessages);
    expect(await lastValueFrom(messages.pipe(toArray()))).toEqual(serverMessages);
  });

  it('sends the messages before a fault, then the typed error', async () => {
    const bad = concat([serverBytes, Uint8Array.of(0x3f, 0, 0, 0, 4)]);
    const got: unknown[] = [];
    const error = await new Promise((resolve) =>
      from([bad])
        .pipe(pgMessages({ from: 'server' }))
        .subscribe({ next: (m) => got.push(m), error: resolve }),
    );
    expect(got).toEqual(serverMessages);
    expect(error).toMatchObject({ code: 'UNKNOWN_MESSAGE', offset: serverBytes.length });
  });
});
